-- Case events by kind: what vault records of a case (opened, a status
-- moved, decided, an outcome withdrawn) is a kind with its values as a JSON
-- object, written in each language when shown; what the buyer types stays
-- its text. Events recorded before keep their English text, and with it
-- their hashes: the content of a case (store/audit.go) takes an event's
-- kind and values in only when it has a kind.
--
-- The table is made again because an event of a kind has no text, and the
-- old column refused that (text <> ''). Ids and every value are kept.
CREATE TABLE case_events_by_kind (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases(id),
	at          TEXT NOT NULL,
	text        TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	kind        TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'opened', 'status', 'decided', 'undecided')),
	vals        TEXT NOT NULL DEFAULT '' CHECK (vals = '' OR json_valid(vals) AND json_type(vals) = 'object'),
	CHECK ((kind = '') = (text <> '') AND (kind = '') = (vals = ''))
);
INSERT INTO case_events_by_kind (id, case_id, at, text, created_at) SELECT id, case_id, at, text, created_at FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_by_kind RENAME TO case_events;
CREATE INDEX case_events_case ON case_events(case_id, at);
