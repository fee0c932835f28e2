package store

import (
	"context"
	"database/sql"
	"fmt"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

// ImportStatement records a statement file as evidence (kind statement,
// in no order or case: its lines are matched instead) and its lines, in one
// transaction, each audited. A line already recorded (the same key: an
// overlapping statement) is not recorded again; the same file twice is one
// piece of evidence. It returns the statement's evidence and the new lines.
func (db *DB) ImportStatement(ctx context.Context, file vault.Evidence, txs []vault.Transaction) (vault.Added, []vault.TransactionID, error) {
	var stmt vault.Added
	var added []vault.TransactionID
	err := db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var err error
		if stmt, err = db.addLinked(ctx, tx, file, vault.Links{Inbox: true}, "add evidence", now); err != nil {
			return err
		}
		var records []fmt.Stringer
		for _, t := range txs {
			t.Statement = stmt.ID
			id, err := addTransaction(ctx, tx, t, now)
			if err != nil {
				return err
			}
			if id != 0 {
				added, records = append(added, id), append(records, id)
			}
		}
		return audit(ctx, tx, now, "import transaction", records...)
	})
	return stmt, added, err
}

// addTransaction inserts a line unless its key is recorded (the caller
// audits it); 0 when it was recorded already.
func addTransaction(ctx context.Context, tx *sql.Tx, t vault.Transaction, now string) (vault.TransactionID, error) {
	var orig, origCur, stmt any
	if !t.Original.IsZero() {
		orig, origCur = t.Original.Minor, t.Original.Currency
	}
	if t.Statement != 0 {
		stmt = t.Statement
	}
	res, err := exec(ctx, tx, `INSERT OR IGNORE INTO transactions (key, booked_at, value_at, amount_minor, currency,
		original_minor, original_currency, rate, text, card, bank_ref, statement_id, line, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, t.Key, t.Booked.String(), t.Value.String(), t.Amount.Minor, t.Amount.Currency,
		orig, origCur, t.Rate, t.Text, t.Card, t.BankRef, stmt, t.Line, now)
	if err != nil {
		return 0, fmt.Errorf("insert transaction: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, nil
	}
	n, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return vault.TransactionID(n), nil
}

// TransactionFilter narrows Transactions.
type TransactionFilter struct {
	Since     date.Value // booked on or after
	Unmatched bool       // only lines linked to no order
}

// Transactions returns the recorded statement lines, oldest first.
func (db *DB) Transactions(ctx context.Context, f TransactionFilter) ([]vault.Transaction, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Transaction, error) {
		where := `t.booked_at >= ?`
		if f.Unmatched {
			where += ` AND NOT EXISTS (SELECT 1 FROM transaction_orders WHERE transaction_id = t.id AND state = 'linked')`
		}
		return queryTransactions(ctx, tx, where, f.Since.String())
	})
}

func queryTransactions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]vault.Transaction, error) {
	out, _, err := scanAll(ctx, tx, `SELECT t.id, t.booked_at, t.value_at, t.amount_minor, t.currency, t.original_minor,
		t.original_currency, t.rate, t.text, t.card, t.bank_ref, coalesce(t.statement_id, 0), t.line,
		coalesce((SELECT min(order_id) FROM transaction_orders WHERE transaction_id = t.id AND state = 'linked'), 0)
		FROM transactions t WHERE `+where+` ORDER BY t.booked_at, t.id`,
		args, scanTransaction, func(t vault.Transaction) vault.TransactionID { return t.ID })
	return out, err
}

func scanTransaction(rows *sql.Rows) (vault.Transaction, error) {
	var t vault.Transaction
	var booked, value string
	var orig sql.NullInt64
	var origCur sql.NullString
	err := rows.Scan(&t.ID, &booked, &value, &t.Amount.Minor, &t.Amount.Currency, &orig, &origCur, &t.Rate, &t.Text, &t.Card,
		&t.BankRef, &t.Statement, &t.Line, &t.Order)
	if err != nil {
		return t, fmt.Errorf("scan transaction: %w", err)
	}
	if orig.Valid {
		t.Original = money.Money{Minor: orig.Int64, Currency: origCur.String}
	}
	if t.Booked, err = date.Stored(booked); err != nil {
		return t, err
	}
	t.Value, err = date.Stored(value)
	return t, err
}

// Match is a decision about which order a statement line belongs to.
type Match struct {
	Transaction vault.TransactionID `json:"transaction"`
	Order       vault.OrderID       `json:"order"`
	State       string              `json:"state"` // linked, suggested, rejected
	Why         string              `json:"why"`
	By          string              `json:"by"` // matcher, user
}

// Matches returns every decision, by line and order.
func (db *DB) Matches(ctx context.Context) ([]Match, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]Match, error) {
		rows, err := tx.QueryContext(ctx, `SELECT transaction_id, order_id, state, why, decided_by FROM transaction_orders ORDER BY 1, 2`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []Match
		for rows.Next() {
			var m Match
			if err := rows.Scan(&m.Transaction, &m.Order, &m.State, &m.Why, &m.By); err != nil {
				return nil, err
			}
			out = append(out, m)
		}
		return out, rows.Err()
	})
}

// SetMatches records decisions in one transaction, each audited on its
// line. A user's decision is never overwritten by the matcher's, and a
// decision that changes nothing is not recorded again.
func (db *DB) SetMatches(ctx context.Context, ms []Match) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		for _, m := range ms {
			if err := exists(ctx, tx, "transactions", int64(m.Transaction), m.Transaction.String()); err != nil {
				return err
			}
			if err := writable(ctx, tx, "orders", int64(m.Order), m.Order.String()); err != nil {
				return err
			}
			res, err := exec(ctx, tx, `INSERT INTO transaction_orders (transaction_id, order_id, state, why, decided_by) VALUES (?,?,?,?,?)
				ON CONFLICT (transaction_id, order_id) DO UPDATE SET state = excluded.state, why = excluded.why, decided_by = excluded.decided_by
				WHERE (excluded.decided_by = 'user' OR transaction_orders.decided_by = 'matcher')
					AND (transaction_orders.state, transaction_orders.why, transaction_orders.decided_by)
						IS NOT (excluded.state, excluded.why, excluded.decided_by)`,
				m.Transaction, m.Order, m.State, m.Why, m.By)
			if err != nil {
				return fmt.Errorf("match %s: %w", m.Transaction, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if err := audit(ctx, tx, now, m.By+" "+m.State+" "+m.Order.String(), m.Transaction); err != nil {
				return err
			}
		}
		return nil
	})
}
