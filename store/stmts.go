package store

import (
	"context"
	"database/sql"
	"sync"
)

// txStmts caches the prepared statements of each transaction: an import batch
// runs the same few statements hundreds of times, verify one per record, and
// preparing one (parsing the SQL) cost as much as running it (24 % of an
// import).
var txStmts sync.Map // *sql.Tx -> map[string]*sql.Stmt

// prepared returns q prepared in tx, once per transaction of db.read or
// db.write. The statements close with the transaction.
func prepared(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	v, _ := txStmts.Load(tx)
	cache, _ := v.(map[string]*sql.Stmt)
	if s := cache[q]; s != nil {
		return s, nil
	}
	s, err := tx.PrepareContext(ctx, q)
	if err == nil && cache != nil {
		cache[q] = s
	}
	return s, err
}

// exec runs one statement (not a script) in tx.
func exec(ctx context.Context, tx *sql.Tx, q string, args ...any) (sql.Result, error) {
	s, err := prepared(ctx, tx, q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

// queryRow runs a query of one row in tx.
func queryRow(ctx context.Context, tx *sql.Tx, q string, args ...any) *sql.Row {
	s, err := prepared(ctx, tx, q)
	if err != nil {
		return tx.QueryRowContext(ctx, q, args...) // reports the same error
	}
	return s.QueryRowContext(ctx, args...)
}
