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
	Mine   []vault.Evidence // every record from the buyer (party me), and the mails whose sender may be the buyer
	Buyer  []string         // the buyer's own addresses (vault.PartyOf places a mail by them)
}

// Tracking reads every live order and case, and the buyer's own live
// evidence, in one snapshot.
func (db *DB) Tracking(ctx context.Context) (Tracking, error) {
	var t Tracking
	err := db.read(ctx, func(tx *sql.Tx) error {
		m, err := market(ctx, tx)
		t.Orders, t.Cases, t.Mine = m.Orders, m.Cases, m.Evidence
		if err != nil {
			return err
		}
		t.Buyer, err = buyer(ctx, tx)
		return err
	})
	return t, err
}
