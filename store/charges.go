package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"vault/internal/date"
	"vault/internal/money"
)

// ChargeKinds are the import charges an order can carry.
var ChargeKinds = []string{"vat", "duty", "fee"}

// Charge is an import charge paid on an order: VAT, customs duty or the
// carrier's fee.
type Charge struct {
	ID     int64       `json:"id"`
	Order  OrderID     `json:"order"`
	Kind   string      `json:"kind"`
	Amount money.Money `json:"amount"`
	Paid   date.Value  `json:"paid,omitzero"`
	Note   string      `json:"note,omitempty"`
}

// AddCharge records a charge paid on an order and returns its id.
func (db *DB) AddCharge(ctx context.Context, c Charge) (int64, error) {
	if !slices.Contains(ChargeKinds, c.Kind) {
		return 0, fmt.Errorf("kind %q: want one of vat, duty, fee", c.Kind)
	}
	if c.Amount.IsZero() || c.Amount.Minor <= 0 {
		return 0, fmt.Errorf("a charge needs a positive amount")
	}
	var id int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := exists(ctx, tx, "orders", int64(c.Order), c.Order.String()); err != nil {
			return err
		}
		now := db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO order_charges (order_id, kind, amount_minor, currency, paid_at, note, created_at)
			VALUES (?,?,?,?,?,?,?)`, c.Order, c.Kind, c.Amount.Minor, c.Amount.Currency, c.Paid.String(), c.Note, now)
		if err != nil {
			return fmt.Errorf("add charge: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return audit(ctx, tx, now, "add charge", ref(fmt.Sprintf("CHG-%d", id)))
	})
	return id, err
}

func queryCharges(ctx context.Context, tx *sql.Tx, order OrderID) ([]Charge, error) {
	out, _, err := scanAll(ctx, tx, `SELECT id, order_id, kind, amount_minor, currency, paid_at, note
		FROM order_charges WHERE order_id = ? ORDER BY id`, []any{order}, func(r *sql.Rows) (Charge, error) {
		var c Charge
		var paid string
		if err := r.Scan(&c.ID, &c.Order, &c.Kind, &c.Amount.Minor, &c.Amount.Currency, &paid, &c.Note); err != nil {
			return c, err
		}
		var err error
		c.Paid, err = date.Stored(paid)
		return c, err
	}, func(c Charge) int64 { return c.ID })
	return out, err
}
