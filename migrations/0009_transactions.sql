-- Statement lines: what a card or account was charged or credited, when,
-- under which text, as the bank's statement says (vault import statement).
-- key makes an overlapping statement's lines the same rows: the bank's own
-- id, or a hash of the line (see statements.keyed). statement_id is the
-- statement file, kept as evidence.
CREATE TABLE transactions (
	id                 INTEGER PRIMARY KEY,
	key                TEXT NOT NULL UNIQUE,
	booked_at          TEXT NOT NULL,
	value_at           TEXT NOT NULL DEFAULT '',
	amount_minor       INTEGER NOT NULL,
	currency           TEXT NOT NULL,
	original_minor     INTEGER,
	original_currency  TEXT CHECK ((original_minor IS NULL) = (original_currency IS NULL)),
	rate               TEXT NOT NULL DEFAULT '',
	text               TEXT NOT NULL DEFAULT '',
	card               TEXT NOT NULL DEFAULT '',
	bank_ref           TEXT NOT NULL DEFAULT '',
	statement_id       INTEGER REFERENCES evidence(id),
	line               INTEGER NOT NULL DEFAULT 0,
	created_at         TEXT NOT NULL
);
CREATE INDEX transactions_booked ON transactions(booked_at);

-- Which order a line pays (or refunds): linked (by the matcher, one
-- candidate; or confirmed by the user), suggested (one of several), or
-- rejected by the user (never suggested again). Each change is audited on
-- the line's record.
CREATE TABLE transaction_orders (
	transaction_id  INTEGER NOT NULL REFERENCES transactions(id),
	order_id        INTEGER NOT NULL REFERENCES orders(id),
	state           TEXT NOT NULL CHECK (state IN ('linked','suggested','rejected')),
	why             TEXT NOT NULL DEFAULT '',
	decided_by      TEXT NOT NULL CHECK (decided_by IN ('matcher','user')),
	PRIMARY KEY (transaction_id, order_id)
);
CREATE INDEX transaction_orders_order ON transaction_orders(order_id);
