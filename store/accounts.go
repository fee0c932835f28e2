package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"vault"
	"vault/internal/date"
)

// AddAccount records a marketplace account and returns its id.
func (db *DB) AddAccount(ctx context.Context, a vault.Account) (vault.AccountID, error) {
	if a.Marketplace == "" || a.Login == "" {
		return 0, fmt.Errorf("an account needs a marketplace and a login")
	}
	var id vault.AccountID
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertAccount(ctx, tx, db.now(), a, "add account")
		return err
	})
	return id, err
}

// insertAccount records an account inside tx, audited after action.
func insertAccount(ctx context.Context, tx *sql.Tx, now string, a vault.Account, action string) (vault.AccountID, error) {
	res, err := exec(ctx, tx, `INSERT INTO accounts (marketplace, login, blocked_at, reason, appeal_by, note, created_at)
		VALUES (?,?,?,?,?,?,?)`, a.Marketplace, a.Login, a.Blocked.String(), a.Reason, a.AppealBy.String(), a.Note, now)
	if err != nil {
		return 0, fmt.Errorf("add account: %w", err)
	}
	n, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	id := vault.AccountID(n)
	if err := indexAccount(ctx, tx, id); err != nil {
		return 0, err
	}
	return id, audit(ctx, tx, now, action, id)
}

// Accounts lists the accounts; those retracted only with all.
func (db *DB) Accounts(ctx context.Context, all bool) ([]vault.Account, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Account, error) { return queryAccounts(ctx, tx, liveWhere(all, liveAccount)) })
}

// Account reads one account.
func (db *DB) Account(ctx context.Context, id vault.AccountID) (vault.Account, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (vault.Account, error) { return accountByID(ctx, tx, id) })
}

func accountByID(ctx context.Context, tx *sql.Tx, id vault.AccountID) (vault.Account, error) {
	return first[vault.Account](id)(queryAccounts(ctx, tx, `WHERE a.id = ?`, id))
}

func queryAccounts(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]vault.Account, error) {
	list, _, err := scanAll(ctx, tx, `SELECT a.id, a.marketplace, a.login, a.blocked_at, a.reason, a.appeal_by, a.note, a.created_at,
		coalesce((SELECT reason FROM retractions WHERE record = 'ACC-' || a.id), '') FROM accounts a `+where+` ORDER BY a.id`,
		args, func(r *sql.Rows) (vault.Account, error) {
			var a vault.Account
			var blocked, appeal, created string
			if err := r.Scan(&a.ID, &a.Marketplace, &a.Login, &blocked, &a.Reason, &appeal, &a.Note, &created, &a.Retracted); err != nil {
				return a, err
			}
			var err error
			if a.Blocked, err = date.Stored(blocked); err != nil {
				return a, err
			}
			if a.AppealBy, err = date.Stored(appeal); err != nil {
				return a, err
			}
			a.CreatedAt, err = time.Parse(time.RFC3339, created)
			return a, err
		}, func(a vault.Account) vault.AccountID { return a.ID })
	return list, err
}

// UpdateAccount changes an account, as UpdateOrder does an order.
func (db *DB) UpdateAccount(ctx context.Context, id vault.AccountID, change func(vault.Account) (vault.Account, error)) ([]vault.Edit, error) {
	return update(ctx, db, accountUpdater(ctx, id), change)
}

func accountUpdater(ctx context.Context, id vault.AccountID) updater[vault.Account] {
	load := func(tx *sql.Tx) (vault.Account, error) { return accountByID(ctx, tx, id) }
	return updater[vault.Account]{id, "set account", load, func(tx *sql.Tx, _ string, _, a vault.Account) error {
		if _, err := exec(ctx, tx, `UPDATE accounts SET marketplace = ?, login = ?, blocked_at = ?, reason = ?, appeal_by = ?,
			note = ? WHERE id = ?`, a.Marketplace, a.Login, a.Blocked.String(), a.Reason, a.AppealBy.String(), a.Note, id); err != nil {
			return fmt.Errorf("update account: %w", err)
		}
		return indexAccount(ctx, tx, id)
	}}
}
