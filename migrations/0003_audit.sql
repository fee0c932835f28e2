-- The audit log: every write appends rows here in its own transaction. Each
-- row holds the SHA-256 of the record's canonical content after the write
-- and is chained to the row before it, so that an edited record, a deleted
-- audit row or a rewritten history shows in 'vault verify'. Records that
-- existed before this migration are sealed by the store in the same
-- transaction (action 'adopt').
CREATE TABLE audit (
	id       INTEGER PRIMARY KEY,
	at       TEXT NOT NULL,
	action   TEXT NOT NULL,
	record   TEXT NOT NULL,
	content  TEXT NOT NULL CHECK (length(content) = 64),
	prev     TEXT NOT NULL CHECK (length(prev) = 64),
	hash     TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_record ON audit(record, id);
