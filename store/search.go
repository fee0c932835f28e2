package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"vault"
)

// indexes are the full-text tables: words first, then substrings.
var indexes = []string{"words", "search"}

// snippetTokens sizes a snippet: words for one index, trigrams (about one
// character each) for the other.
var snippetTokens = map[string]string{"words": "16", "search": "64"}

// The text each kind of record is found by: a title and a body, by record id.
const (
	orderText = `SELECT o.marketplace || ' ' || o.number,
		concat_ws(' ', o.seller, o.payment, o.note,
			(SELECT group_concat(text, ' ') FROM order_items WHERE order_id = o.id),
			(SELECT group_concat(number, ' ') FROM order_tracking WHERE order_id = o.id),
			(SELECT group_concat(value, ' ') FROM order_facts WHERE order_id = o.id AND key = 'site'))
		FROM orders o WHERE o.id = ?`
	evidenceText = `SELECT title, concat_ws(' ', body, note, file_name, sender, recipients,
			(SELECT text FROM evidence_text WHERE evidence_id = e.id),
			(SELECT concat_ws(' ', address, title, text, item, seller) FROM evidence_pages WHERE evidence_id = e.id))
		FROM evidence e WHERE id = ?`
	caseText = `SELECT c.title, concat_ws(' ', c.kind, c.receiver, c.reference,
			(SELECT group_concat(value, ' ') FROM case_facts WHERE case_id = c.id AND key IN ('dispute_number', 'bank_reference')),
			(SELECT group_concat(CASE WHEN kind = '' THEN text ELSE vals ->> '$.note' END, ' ') FROM case_events WHERE case_id = c.id),
			(SELECT text FROM case_statements WHERE case_id = c.id))
		FROM cases c WHERE c.id = ?`
	accountText = `SELECT marketplace || ' ' || login, concat_ws(' ', reason, note) FROM accounts WHERE id = ?`
	settingText = `SELECT 'setting ' || key, value FROM config WHERE key = ?`
)

// indexOrder writes an order's row into both full-text indexes.
func indexOrder(ctx context.Context, tx *sql.Tx, id vault.OrderID) error {
	return index(ctx, tx, orderText, id.String(), int64(id))
}

// indexEvidence writes an evidence row into both full-text indexes.
func indexEvidence(ctx context.Context, tx *sql.Tx, id vault.EvidenceID) error {
	return index(ctx, tx, evidenceText, id.String(), int64(id))
}

// indexCase writes a case's row again: its title, references, events, statement.
func indexCase(ctx context.Context, tx *sql.Tx, id vault.CaseID) error {
	return reindex(ctx, tx, id.String(), func() error { return index(ctx, tx, caseText, id.String(), int64(id)) })
}

// indexAccount writes an account's row again.
func indexAccount(ctx context.Context, tx *sql.Tx, id vault.AccountID) error {
	return reindex(ctx, tx, id.String(), func() error { return index(ctx, tx, accountText, id.String(), int64(id)) })
}

// indexSetting writes a setting's row again.
func indexSetting(ctx context.Context, tx *sql.Tx, key vault.SettingKey) error {
	return reindex(ctx, tx, "CONF-"+string(key), func() error { return index(ctx, tx, settingText, "CONF-"+string(key), string(key)) })
}

// unindex removes a record's rows from both full-text indexes.
func unindex(ctx context.Context, tx *sql.Tx, ref string) error {
	for _, t := range indexes {
		if _, err := exec(ctx, tx, `DELETE FROM `+t+` WHERE ref = ?`, ref); err != nil {
			return fmt.Errorf("unindex %s: %w", ref, err)
		}
	}
	return nil
}

// index inserts (ref, title, body) into each index (indexText).
func index(ctx context.Context, tx *sql.Tx, query, ref string, id any) error {
	title, body, live, err := indexText(ctx, tx, query, ref, id)
	if err != nil || !live {
		return err // a retracted record is not found
	}
	for _, t := range indexes {
		if _, err := exec(ctx, tx, `INSERT INTO `+t+` (ref, title, body) VALUES (?,?,?)`, ref, title, body); err != nil {
			return fmt.Errorf("index %s: %w", ref, err)
		}
	}
	return nil
}

// indexText is a record's row in the indexes: title and body selected by
// query, the body followed by the folded form of both when it differs.
// live is false for a retracted record, which has no row.
func indexText(ctx context.Context, tx *sql.Tx, query, ref string, id any) (title, body string, live bool, err error) {
	if gone, err := retracted(ctx, tx, ref); err != nil || gone {
		return "", "", false, err
	}
	if err := queryRow(ctx, tx, query, id).Scan(&title, &body); err != nil {
		return "", "", false, fmt.Errorf("index %s: %w", ref, err)
	}
	if folded := Fold(title + " " + body); folded != strings.ToLower(title+" "+body) {
		body += "\n" + folded
	}
	return title, body, true, nil
}

// rebuildIndexes writes every live record's rows into the (emptied)
// indexes: the step of migration 6 that SQL cannot do.
func rebuildIndexes(ctx context.Context, tx *sql.Tx, _ string) error {
	return eachIndexed(ctx, tx, func(query, ref string, id any) error { return index(ctx, tx, query, ref, id) })
}

// eachIndexed calls fn for every live record search finds, with the query
// of its text.
func eachIndexed(ctx context.Context, tx *sql.Tx, fn func(query, ref string, id any) error) error {
	for _, kind := range []struct {
		ids   string
		query string
		ref   func(int64) string
	}{
		{`SELECT o.id FROM orders o WHERE ` + liveOrder, orderText, func(n int64) string { return vault.OrderID(n).String() }},
		{`SELECT e.id FROM evidence e WHERE ` + liveEvidence, evidenceText, func(n int64) string { return vault.EvidenceID(n).String() }},
		{`SELECT c.id FROM cases c WHERE ` + liveCase, caseText, func(n int64) string { return vault.CaseID(n).String() }},
		{`SELECT a.id FROM accounts a WHERE ` + liveAccount, accountText, func(n int64) string { return vault.AccountID(n).String() }},
	} {
		ids, _, err := scanAll(ctx, tx, kind.ids, nil, func(r *sql.Rows) (int64, error) {
			var n int64
			return n, r.Scan(&n)
		}, func(int64) int { return 0 })
		if err != nil {
			return err
		}
		for _, n := range ids {
			if err := fn(kind.query, kind.ref(n), n); err != nil {
				return err
			}
		}
	}
	keys, _, err := scanAll(ctx, tx, `SELECT key FROM config WHERE key IS NOT NULL ORDER BY key`, nil, scanString, func(string) int { return 0 })
	for _, k := range keys {
		if err := fn(settingText, "CONF-"+k, k); err != nil {
			return err
		}
	}
	return err
}

// Fold is text as search compares it: lower case, the marks of letters
// removed (å as a, é as e, ñ as n), and the letters that are their own
// written as their nearest plain ones (ø as o, æ as ae, ß as ss), so that
// 'blabaer' and 'oreplugger' find 'blåbær' and 'øreplugger'.
func Fold(s string) string {
	s, _, _ = transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	return letters.Replace(strings.ToLower(s))
}

var letters = strings.NewReplacer("ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

// Hit is one search result: the record, its title and the text around the match.
type Hit struct {
	Ref     string `json:"id"` // ORD-n or EV-n
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}

// Results are the hits of a search, best first or, when the query matched
// more than RankLimit records, newest first.
type Results struct {
	Hits []Hit `json:"hits"`
	// Unranked is set when the query matched more than RankLimit records:
	// scoring them all would be slow and say little, so the newest come first.
	Unranked bool `json:"unranked,omitempty"`
	// Near is the query without the words' endings, when only it matched.
	Near string `json:"near,omitempty"`
}

// RankLimit is how many matches Search ranks by relevance (bm25).
const RankLimit = 2000

// minTrigram is the shortest term the trigram index can look up.
const minTrigram = 3

// Search finds orders and evidence containing every term of query (terms are
// separated by spaces; case is folded). Whole-word matches come first, ranked
// by relevance; matches inside words ("blåbær" in "blåbærsyltetøy", part of a
// number, CJK) fill the remaining places. Any input is safe: terms are quoted
// for FTS5, so "foo OR", '*' or quotes are searched as text, not as syntax.
func (db *DB) Search(ctx context.Context, query string, limit int) (Results, error) {
	terms := strings.Fields(searchable(query))
	switch {
	case len(terms) == 0:
		return Results{}, errors.New("nothing to search for")
	case len(terms) > MaxTerms:
		return Results{}, fmt.Errorf("%d words to search for: at most %d", len(terms), MaxTerms)
	}
	return readValue(ctx, db, func(tx *sql.Tx) (Results, error) {
		res, err := search(ctx, tx, query, limit)
		if err != nil || len(res.Hits) > 0 {
			return res, err
		}
		// Nothing: try the words without their last two letters, which
		// are often an ending ('oreplugger' finds 'ørepluggar').
		near := nearQuery(terms)
		if near == strings.Join(terms, " ") {
			return res, nil
		}
		res, err = search(ctx, tx, near, limit)
		if len(res.Hits) > 0 {
			res.Near = near
		}
		return res, err
	})
}

// MaxTerms bounds the words of a search: each is a term of one SQL expression.
const MaxTerms = 50

// nearQuery cuts the last two letters of each word of six or more.
func nearQuery(terms []string) string {
	out := make([]string, len(terms))
	for i, t := range terms {
		if r := []rune(t); len(r) >= 6 {
			t = string(r[:len(r)-2])
		}
		out[i] = t
	}
	return strings.Join(out, " ")
}

// search looks up query in the word index, then fills the rest from the
// trigram index.
func search(ctx context.Context, tx *sql.Tx, query string, limit int) (Results, error) {
	{
		res, err := searchIn(ctx, tx, "words", query, limit, true)
		if err != nil || len(res.Hits) >= limit {
			return res, err
		}
		more, err := searchIn(ctx, tx, "search", query, limit, len(res.Hits) == 0)
		seen := map[string]bool{}
		for _, h := range res.Hits {
			seen[h.Ref] = true
		}
		for _, h := range more.Hits {
			if !seen[h.Ref] && len(res.Hits) < limit {
				res.Hits = append(res.Hits, h)
			}
		}
		res.Unranked = res.Unranked || more.Unranked
		return res, err
	}
}

// searchIn runs one index. With rank, matches are counted up to RankLimit and
// ranked when there are no more; otherwise (or past the limit) the newest
// come first, which costs no more than finding them.
func searchIn(ctx context.Context, tx *sql.Tx, table, query string, limit int, rank bool) (Results, error) {
	where, args := searchWhere(table, query)
	if where == "" {
		return Results{}, nil
	}
	ranked := rank && strings.HasPrefix(where, table+" MATCH")
	var res Results
	if ranked {
		var n int
		err := queryRow(ctx, tx, `SELECT count(*) FROM (SELECT rowid FROM `+table+` WHERE `+where+` LIMIT ?)`,
			append(args, RankLimit+1)...).Scan(&n)
		if err != nil || n == 0 {
			return Results{}, err
		}
		res.Unranked, ranked = n > RankLimit, n <= RankLimit
	}
	snippet, order := `snippet(`+table+`, 2, '[', ']', '…', `+snippetTokens[table]+`)`, `rank`
	if !strings.HasPrefix(where, table+" MATCH") {
		snippet = `substr(body, 1, 80)`
	}
	if !ranked {
		order = `rowid DESC`
	}
	var err error
	res.Hits, _, err = scanAll(ctx, tx, `SELECT ref, title, `+snippet+` FROM `+table+` WHERE `+where+
		` ORDER BY `+order+` LIMIT ?`, append(args, limit), func(r *sql.Rows) (Hit, error) {
		var h Hit
		return h, r.Scan(&h.Ref, &h.Title, &h.Snippet)
	}, func(h Hit) string { return h.Ref })
	return res, err
}

// searchWhere turns a query into a WHERE clause on an index: an FTS5
// expression of quoted phrases, and for the trigram index LIKE patterns for
// terms under three characters, which trigrams cannot look up. A term with no
// letter or digit (say '*') has no words: the word index skips the query.
func searchWhere(table, query string) (string, []any) {
	var phrases, where []string
	var args []any
	for _, t := range strings.Fields(searchable(query)) {
		if table == "words" && !strings.ContainsFunc(t, isWordRune) {
			return "", nil
		}
		folded := Fold(t)
		if table == "words" || utf8.RuneCountInString(t) >= minTrigram {
			phrase := `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
			if folded != strings.ToLower(t) { // the folded copy of the text has it
				phrase = `(` + phrase + ` OR "` + strings.ReplaceAll(folded, `"`, `""`) + `")`
			}
			phrases = append(phrases, phrase)
			continue
		}
		where = append(where, `(title LIKE ? ESCAPE '\' OR body LIKE ? ESCAPE '\' OR body LIKE ? ESCAPE '\')`)
		args = append(args, likeAny(t), likeAny(t), likeAny(folded))
	}
	if len(phrases) > 0 {
		where = append([]string{table + " MATCH ?"}, where...)
		args = append([]any{strings.Join(phrases, " AND ")}, args...)
	}
	return strings.Join(where, " AND "), args
}

// likeAny is a LIKE pattern that finds s anywhere, as text.
func likeAny(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

// searchable drops what cannot be searched for: invalid UTF-8, and control
// characters (FTS5 reads a query as a C string, so a NUL ends it mid-phrase).
func searchable(query string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(query, ""))
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
