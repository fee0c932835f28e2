package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"vault"
)

// scanAll runs a query, scans each row with scan and returns the records with
// the position of each by its key, so linked rows can be attached afterwards.
func scanAll[T any, K comparable](ctx context.Context, tx *sql.Tx, query string, args []any,
	scan func(*sql.Rows) (T, error), key func(T) K) ([]T, map[K]int, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []T
	index := map[K]int{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, nil, err
		}
		index[key(v)] = len(out)
		out = append(out, v)
	}
	return out, index, rows.Err()
}

// eachPair runs a query of two columns and calls fn with each row.
func eachPair[A, B any](ctx context.Context, tx *sql.Tx, query string, args []any, fn func(A, B)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a A
		var b B
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

// eachFact runs a query of (id, key, value) rows and calls fn with each.
func eachFact(ctx context.Context, tx *sql.Tx, query string, args []any, fn func(id int64, key, value string) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k, v string
		if err := rows.Scan(&id, &k, &v); err != nil {
			return err
		}
		if err := fn(id, k, v); err != nil {
			return fmt.Errorf("stored %s of %d: %w", k, id, err)
		}
	}
	return rows.Err()
}

// The conditions that a record (on the usual aliases o, c, e, a) is not
// retracted.
const (
	liveOrder    = `NOT EXISTS (SELECT 1 FROM retractions WHERE record = 'ORD-' || o.id)`
	liveCase     = `NOT EXISTS (SELECT 1 FROM retractions WHERE record = 'CASE-' || c.id)`
	liveEvidence = `NOT EXISTS (SELECT 1 FROM retractions WHERE record IN ('EV-' || e.id, 'EV-' || e.parent_id))`
	liveAccount  = `NOT EXISTS (SELECT 1 FROM retractions WHERE record = 'ACC-' || a.id)`
)

// retracted reports whether a record (ORD-1, EV-2 ...) was retracted; for
// evidence, also when the email it came with was.
func retracted(ctx context.Context, tx *sql.Tx, record string) (bool, error) {
	var ev int64 // 0 for a record that is not evidence: no parent
	if id, err := vault.ParseEvidenceID(record); err == nil && strings.HasPrefix(record, "EV-") {
		ev = int64(id)
	}
	var n int
	err := queryRow(ctx, tx, `SELECT count(*) FROM retractions WHERE record = ?
		OR record = (SELECT 'EV-' || parent_id FROM evidence WHERE id = ?)`, record, ev).Scan(&n)
	return n > 0, err
}

// writable checks that a record exists in table and was not retracted:
// what every change, link and event needs of the records it touches.
func writable(ctx context.Context, tx *sql.Tx, table string, id int64, name string) error {
	if err := exists(ctx, tx, table, id, name); err != nil {
		return err
	}
	if gone, err := retracted(ctx, tx, name); err != nil || gone {
		return cmpOr(err, vault.WithFix(fmt.Errorf("%s is %w", name, vault.ErrRetracted), vault.Fix{Do: vault.DoListAll, Kind: table}))
	}
	return nil
}

// liveWhere is a WHERE clause of live records only, or none with all.
func liveWhere(all bool, live string) string {
	if all {
		return ""
	}
	return "WHERE " + live
}

// first returns a function that takes a query's result and gives its first
// row, or ErrNotFound for the record id.
func first[T any](id fmt.Stringer) func([]T, error) (T, error) {
	return func(list []T, err error) (T, error) {
		var zero T
		if err == nil && len(list) == 0 {
			err = fmt.Errorf("%s: %w", id, vault.ErrNotFound)
		}
		if err != nil {
			return zero, err
		}
		return list[0], nil
	}
}
