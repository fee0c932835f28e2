package store

import (
	"context"
	"database/sql"
	"vault"
)

// Tracking is what the deadlines are computed from: every order and case,
// and the evidence from the buyer, among which their letters to the seller
// (vault.Evidence.IsBuyerLetter decides which), with its links.
type Tracking struct {
	Orders []vault.Order
	Cases  []vault.Case
	Mine   []vault.Evidence // every record from the buyer (party me)
}

// Tracking reads every live order and case, and the buyer's own live
// evidence, in one snapshot.
func (db *DB) Tracking(ctx context.Context) (Tracking, error) {
	var t Tracking
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if t.Orders, err = queryOrders(ctx, tx, `WHERE `+liveOrder); err != nil {
			return err
		}
		if t.Cases, err = queryCases(ctx, tx, `WHERE `+liveCase); err != nil {
			return err
		}
		t.Mine, err = queryEvidence(ctx, tx, `WHERE e.party = ? AND `+liveEvidence, vault.PartyMe)
		return err
	})
	return t, err
}
