package store

import (
	"context"
	"database/sql"
	"fmt"
	"vault"

	"vault/internal/date"
)

// AddCharge records a charge paid on an order and returns its id.
func (db *DB) AddCharge(ctx context.Context, c vault.Charge) (int64, error) {
	if _, err := vault.ParseChargeKind(string(c.Kind)); err != nil {
		return 0, err
	}
	if c.Amount.IsZero() || c.Amount.Minor <= 0 {
		return 0, fmt.Errorf("a charge needs a positive amount")
	}
	var id int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, "orders", int64(c.Order), c.Order.String()); err != nil {
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

func queryCharges(ctx context.Context, tx *sql.Tx, order vault.OrderID) ([]vault.Charge, error) {
	out, _, err := scanAll(ctx, tx, `SELECT id, order_id, kind, amount_minor, currency, paid_at, note
		FROM order_charges WHERE order_id = ? ORDER BY id`, []any{order}, func(r *sql.Rows) (vault.Charge, error) {
		var c vault.Charge
		var paid string
		if err := r.Scan(&c.ID, &c.Order, &c.Kind, &c.Amount.Minor, &c.Amount.Currency, &paid, &c.Note); err != nil {
			return c, err
		}
		var err error
		c.Paid, err = date.Stored(paid)
		return c, err
	}, func(c vault.Charge) int64 { return c.ID })
	return out, err
}
