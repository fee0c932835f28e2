-- Search finds what people type: the full-text indexes hold, beside each
-- record's text, its folded form (lower case, marks removed, ø as o, æ as
-- ae: 'blabaer' finds 'blåbær'), and cases, settings and accounts are
-- indexed too. The rows are written again by the store in the same
-- transaction (the folding is Go's: see store/search.go).
DELETE FROM words;
DELETE FROM search;
