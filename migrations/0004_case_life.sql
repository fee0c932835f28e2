-- What a case needs beyond evidence: the vault's own rule overrides, import
-- charges paid on orders, the claimant's settings, and case statements.
-- Each is a record of its own in the audit log (RULE-id, CHG-n, CONF-key,
-- STMT-n), so the content hashes of existing records do not change.

-- A rule of this vault replacing the built-in one of the same id, or added.
-- A NULL rule means "back to the built-in rule": the row stays so that the
-- audit log keeps a record it can verify.
CREATE TABLE rules (
	id      TEXT PRIMARY KEY,
	rule    TEXT,
	set_at  TEXT NOT NULL
);

CREATE TABLE order_charges (
	id            INTEGER PRIMARY KEY,
	order_id      INTEGER NOT NULL REFERENCES orders(id),
	kind          TEXT NOT NULL CHECK (kind IN ('vat','duty','fee')),
	amount_minor  INTEGER NOT NULL,
	currency      TEXT NOT NULL,
	paid_at       TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL
);
CREATE INDEX order_charges_order ON order_charges(order_id);

CREATE TABLE config (
	key     TEXT PRIMARY KEY,
	value   TEXT NOT NULL,
	set_at  TEXT NOT NULL
);

CREATE TABLE case_statements (
	case_id  INTEGER PRIMARY KEY REFERENCES cases(id),
	text     TEXT NOT NULL,
	set_at   TEXT NOT NULL
);
