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

// Tracking reads every order and case, and the buyer's own evidence, in
// one snapshot.
func (db *DB) Tracking(ctx context.Context) (Tracking, error) {
	var t Tracking
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if t.Orders, err = queryOrders(ctx, tx, ""); err != nil {
			return err
		}
		if t.Cases, err = queryCases(ctx, tx, ""); err != nil {
			return err
		}
		t.Mine, err = queryEvidence(ctx, tx, `WHERE e.party = ?`, vault.PartyMe)
		return err
	})
	return t, err
}
