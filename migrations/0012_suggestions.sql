-- What a marketplace's or PayPal's mail says that the vault does not take
-- by itself: a change to a value the buyer recorded, an order it names that
-- is not recorded, a case to open (a dispute's, a reinstatement). The buyer
-- decides ('vault inbox accept|reject SUG-n'). key names what it proposes,
-- whichever mail says it: a second mail saying the same makes no second
-- suggestion, and one decided is never made again. Each is a record of the
-- audit log (SUG-n). IF NOT EXISTS, as a step run again must not fail
-- (store's TestAnchorMarkedOnUpgrade runs the steps after 9 again).
CREATE TABLE IF NOT EXISTS suggestions (
	id           INTEGER PRIMARY KEY,
	evidence_id  INTEGER NOT NULL REFERENCES evidence(id),
	action       TEXT NOT NULL CHECK (action IN ('set', 'add-order', 'add-case')),
	record       TEXT NOT NULL DEFAULT '',
	case_kind    TEXT NOT NULL DEFAULT '',
	changes      TEXT NOT NULL CHECK (json_valid(changes) AND json_type(changes) = 'array'),
	why          TEXT NOT NULL CHECK (why <> ''),
	key          TEXT NOT NULL UNIQUE,
	state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
	decided_at   TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS suggestions_evidence ON suggestions(evidence_id);
