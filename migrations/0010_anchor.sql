-- No change to the schema. A log that predates the anchor file gets one
-- entry saying that it keeps one from here on (store.markAnchored, a Go
-- step): verify then reports a missing vault.db.head instead of passing.
-- A log begun since starts from its own genesis, which says the same.
SELECT 1;
