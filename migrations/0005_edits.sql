-- What happens to records after they are added: edits (each a record of the
-- audit log, with the old and the new value), facts recorded later on orders
-- and cases, exhibits taken out of a case, marketplace accounts, retractions
-- of records entered by mistake, and purges of their files.
--
-- The facts live in tables of their own: a record's canonical content (see
-- store/audit.go) takes them in only when it has some, so that every record
-- made before this migration keeps its hash.

CREATE TABLE edits (
	id      INTEGER PRIMARY KEY,
	record  TEXT NOT NULL,
	field   TEXT NOT NULL CHECK (field <> ''),
	old     TEXT NOT NULL,
	new     TEXT NOT NULL,
	by      TEXT NOT NULL,
	at      TEXT NOT NULL
);
CREATE INDEX edits_record ON edits(record, id);

-- A fact's key is a lower-case word (a-z and _): the content query of a
-- case adds its exclusions under '+excluded', which no fact can be named.
CREATE TABLE order_facts (
	order_id  INTEGER NOT NULL REFERENCES orders(id),
	key       TEXT NOT NULL CHECK (key <> '' AND key NOT GLOB '*[^a-z_]*'),
	value     TEXT NOT NULL CHECK (value <> ''),
	PRIMARY KEY (order_id, key)
);

CREATE TABLE case_facts (
	case_id  INTEGER NOT NULL REFERENCES cases(id),
	key      TEXT NOT NULL CHECK (key <> '' AND key NOT GLOB '*[^a-z_]*'),
	value    TEXT NOT NULL CHECK (value <> ''),
	PRIMARY KEY (case_id, key)
);

-- Evidence that reaches a case through one of its orders but was taken out
-- of the case ('vault unlink EV-n --case CASE-n').
CREATE TABLE case_excluded (
	case_id      INTEGER NOT NULL REFERENCES cases(id),
	evidence_id  INTEGER NOT NULL REFERENCES evidence(id),
	PRIMARY KEY (case_id, evidence_id)
);

CREATE TABLE accounts (
	id           INTEGER PRIMARY KEY,
	marketplace  TEXT NOT NULL CHECK (marketplace <> ''),
	login        TEXT NOT NULL CHECK (login <> ''),
	blocked_at   TEXT NOT NULL DEFAULT '',
	reason       TEXT NOT NULL DEFAULT '',
	appeal_by    TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL
);

CREATE TABLE retractions (
	record  TEXT PRIMARY KEY,
	reason  TEXT NOT NULL CHECK (reason <> ''),
	at      TEXT NOT NULL
);

-- A purge removed the file of these bytes that the evidence rows up to
-- upto had, all of them retracted then; evidence added later with the same
-- bytes wrote the file again and needs it.
CREATE TABLE purges (
	id      INTEGER PRIMARY KEY,
	sha256  TEXT NOT NULL CHECK (length(sha256) = 64),
	size    INTEGER NOT NULL,
	upto    INTEGER NOT NULL,
	at      TEXT NOT NULL
);
CREATE INDEX purges_sha256 ON purges(sha256, upto);
