-- Saved web pages (SingleFile, MHTML, printed to PDF): what a page says of
-- itself is a record of its own beside its evidence (PAGE-n for EV-n), read
-- once when the file came in; the evidence row and its hash stay as they
-- are. A listing's offer (item, price, seller) is kept with it, a tracking
-- page's events in rows of their own, in the page's order. (IF NOT EXISTS:
-- a test replays the migrations after 9 on a vault of today's schema.)
CREATE TABLE IF NOT EXISTS evidence_pages (
	evidence_id   INTEGER PRIMARY KEY REFERENCES evidence(id),
	format        TEXT NOT NULL CHECK (format IN ('singlefile','mhtml','pdf')),
	address       TEXT NOT NULL,
	saved         TEXT NOT NULL,             -- the save time as the saver wrote it
	saved_at      TEXT NOT NULL,             -- it read, RFC 3339 with its own offset; '' when unreadable
	title         TEXT NOT NULL,
	text          TEXT NOT NULL,             -- what a reader sees of it
	item          TEXT NOT NULL DEFAULT '',  -- a listing's
	price_minor   INTEGER,
	currency      TEXT CHECK ((price_minor IS NULL) = (currency IS NULL)),
	seller        TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS page_events (
	evidence_id  INTEGER NOT NULL REFERENCES evidence_pages(evidence_id),
	position     INTEGER NOT NULL,
	day          TEXT NOT NULL CHECK (length(day) = 10),
	clock        TEXT NOT NULL DEFAULT '' CHECK (clock = '' OR length(clock) = 5),
	place        TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL CHECK (status <> ''),
	PRIMARY KEY (evidence_id, position)
);

-- A saved page that is neither a listing nor a tracking page is evidence
-- of the kind 'page'. The CHECK of evidence.kind is widened in the schema
-- text, as migration 7 widened cases.kind (every stored row satisfies the
-- wider check); the store bumps the schema version after it.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''listing'',''other''', '''listing'',''page'',''other''')
 WHERE type = 'table' AND name = 'evidence' AND sql LIKE '%''listing'',''other''%';
PRAGMA writable_schema = OFF;
