package store

import (
	"context"
	"database/sql"
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
