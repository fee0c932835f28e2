package store

import (
	"cmp"
	"context"
	"database/sql"

	"vault/internal/date"
)

// Tracking is what the deadlines are computed from: every order and case,
// and when the buyer last wrote to the seller about each (a message or an
// email from "me" linked to the order, or to the case or its orders).
type Tracking struct {
	Orders []Order
	Cases  []Case
	Wrote  map[string]date.Value // ORD-n or CASE-n -> the last letter
}

// Tracking reads every order and case in one snapshot.
func (db *DB) Tracking(ctx context.Context) (Tracking, error) {
	t := Tracking{Wrote: map[string]date.Value{}}
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if t.Orders, err = queryOrders(ctx, tx, ""); err != nil {
			return err
		}
		if t.Cases, err = queryCases(ctx, tx, ""); err != nil {
			return err
		}
		var bad error
		err = eachPair(ctx, tx, `WITH letters AS (SELECT id, occurred_at FROM evidence
				WHERE party = 'me' AND kind IN ('message', 'email') AND occurred_at <> '')
			SELECT 'ORD-' || eo.order_id, max(l.occurred_at) FROM letters l JOIN evidence_orders eo ON eo.evidence_id = l.id
				GROUP BY eo.order_id
			UNION ALL
			SELECT 'CASE-' || c.case_id, max(l.occurred_at) FROM letters l JOIN (
				SELECT evidence_id, case_id FROM evidence_cases
				UNION SELECT eo.evidence_id, co.case_id FROM evidence_orders eo JOIN case_orders co USING (order_id)) c
				ON c.evidence_id = l.id GROUP BY c.case_id`, nil,
			func(rec, at string) {
				v, err := date.Stored(at)
				bad = cmp.Or(bad, err)
				t.Wrote[rec] = v
			})
		return cmp.Or(err, bad)
	})
	return t, err
}
