-- Orders, evidence, cases, the links between them, and case events.
-- Calendar days are stored as YYYY-MM-DD, instants as RFC 3339 UTC text;
-- money as integer minor units plus an ISO 4217 code.

CREATE TABLE orders (
	id            INTEGER PRIMARY KEY,
	marketplace   TEXT NOT NULL CHECK (marketplace <> ''),
	number        TEXT NOT NULL CHECK (number <> ''),
	seller        TEXT NOT NULL DEFAULT '',
	total_minor   INTEGER,
	currency      TEXT CHECK ((total_minor IS NULL) = (currency IS NULL)),
	ordered_at    TEXT NOT NULL DEFAULT '',
	paid_at       TEXT NOT NULL DEFAULT '',
	shipped_at    TEXT NOT NULL DEFAULT '',
	expected_at   TEXT NOT NULL DEFAULT '',
	delivered_at  TEXT NOT NULL DEFAULT '',
	payment       TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	UNIQUE (marketplace, number)
);
CREATE INDEX orders_number ON orders(number);

CREATE TABLE order_items (
	order_id  INTEGER NOT NULL REFERENCES orders(id),
	position  INTEGER NOT NULL,
	text      TEXT NOT NULL,
	PRIMARY KEY (order_id, position)
);

CREATE TABLE order_tracking (
	order_id  INTEGER NOT NULL REFERENCES orders(id),
	number    TEXT NOT NULL,
	PRIMARY KEY (order_id, number)
);

CREATE TABLE evidence (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('confirmation','receipt','message','email','screenshot',
	                 'photo','video','tracking','statement','listing','other')),
	source       TEXT NOT NULL CHECK (source IN ('file','email','typed')),
	occurred_at  TEXT NOT NULL DEFAULT '',
	party        TEXT NOT NULL DEFAULT '' CHECK (party IN ('','seller','me','marketplace','carrier','bank')),
	title        TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	sha256       TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
	size         INTEGER CHECK ((sha256 IS NULL) = (size IS NULL)),
	media_type   TEXT NOT NULL DEFAULT '',
	file_name    TEXT NOT NULL DEFAULT '',
	parent_id    INTEGER REFERENCES evidence(id),
	created_at   TEXT NOT NULL
);
CREATE INDEX evidence_sha256 ON evidence(sha256);
CREATE INDEX evidence_parent ON evidence(parent_id);

CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL CHECK (kind IN ('dispute','chargeback','reinstatement','withdrawal','warranty','other')),
	status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('draft','open','escalated','won','lost','closed')),
	title         TEXT NOT NULL DEFAULT '',
	receiver      TEXT NOT NULL DEFAULT '',
	reference     TEXT NOT NULL DEFAULT '',
	amount_minor  INTEGER,
	currency      TEXT CHECK ((amount_minor IS NULL) = (currency IS NULL)),
	opened_at     TEXT NOT NULL,
	closed_at     TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL
);

CREATE TABLE case_orders (
	case_id   INTEGER NOT NULL REFERENCES cases(id),
	order_id  INTEGER NOT NULL REFERENCES orders(id),
	PRIMARY KEY (case_id, order_id)
);
CREATE INDEX case_orders_order ON case_orders(order_id);

CREATE TABLE evidence_orders (
	evidence_id  INTEGER NOT NULL REFERENCES evidence(id),
	order_id     INTEGER NOT NULL REFERENCES orders(id),
	PRIMARY KEY (evidence_id, order_id)
);
CREATE INDEX evidence_orders_order ON evidence_orders(order_id);

CREATE TABLE evidence_cases (
	evidence_id  INTEGER NOT NULL REFERENCES evidence(id),
	case_id      INTEGER NOT NULL REFERENCES cases(id),
	PRIMARY KEY (evidence_id, case_id)
);
CREATE INDEX evidence_cases_case ON evidence_cases(case_id);

CREATE TABLE case_events (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases(id),
	at          TEXT NOT NULL,
	text        TEXT NOT NULL CHECK (text <> ''),
	created_at  TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, at);
