package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"vault"
)

// MailAccounts lists the mailboxes 'vault import imap' reads, each with
// its folders and how far it has read them.
func (db *DB) MailAccounts(ctx context.Context) ([]vault.MailAccount, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.MailAccount, error) { return queryMailAccounts(ctx, tx, "", nil) })
}

func queryMailAccounts(ctx context.Context, tx *sql.Tx, where string, args []any) ([]vault.MailAccount, error) {
	list, index, err := scanAll(ctx, tx, `SELECT id, server, login, security, auth, command, ca FROM imap_accounts `+where+` ORDER BY id`,
		args, func(r *sql.Rows) (mailAccountRow, error) {
			var a mailAccountRow
			return a, r.Scan(&a.id, &a.Server, &a.Login, &a.Security, &a.Auth, &a.Command, &a.CA)
		}, func(a mailAccountRow) int64 { return a.id })
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT account_id, name, take_all, uid_validity, last_uid FROM imap_folders ORDER BY account_id, rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f vault.MailFolder
		if err := rows.Scan(&id, &f.Name, &f.All, &f.UIDValidity, &f.LastUID); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			list[i].Folders = append(list[i].Folders, f)
		}
	}
	out := make([]vault.MailAccount, len(list))
	for i, a := range list {
		out[i] = a.MailAccount
	}
	return out, rows.Err()
}

type mailAccountRow struct {
	id int64
	vault.MailAccount
}

// RememberMailAccount stores how to reach a mailbox, and its folders
// (those it knows keep how far they were read; their All is replaced),
// and returns the account with the folders given, as stored.
func (db *DB) RememberMailAccount(ctx context.Context, a vault.MailAccount) (vault.MailAccount, error) {
	var out vault.MailAccount
	err := db.write(ctx, func(tx *sql.Tx) error {
		if _, err := exec(ctx, tx, `INSERT INTO imap_accounts (server, login, security, auth, command, ca, created_at) VALUES (?,?,?,?,?,?,?)
			ON CONFLICT (server, login) DO UPDATE SET security = excluded.security, auth = excluded.auth,
			command = excluded.command, ca = excluded.ca`,
			a.Server, a.Login, a.Security, a.Auth, a.Command, a.CA, db.now()); err != nil {
			return fmt.Errorf("remember %s at %s: %w", a.Login, a.Server, err)
		}
		for _, f := range a.Folders {
			if _, err := exec(ctx, tx, `INSERT INTO imap_folders (account_id, name, take_all)
				VALUES ((SELECT id FROM imap_accounts WHERE server = ? AND login = ?), ?, ?)
				ON CONFLICT (account_id, name) DO UPDATE SET take_all = excluded.take_all`, a.Server, a.Login, f.Name, f.All); err != nil {
				return fmt.Errorf("remember folder %s: %w", f.Name, err)
			}
		}
		stored, err := queryMailAccounts(ctx, tx, `WHERE server = ? AND login = ?`, []any{a.Server, a.Login})
		if err != nil {
			return err
		}
		out = stored[0]
		out.Folders = slices.DeleteFunc(out.Folders, func(f vault.MailFolder) bool {
			return !slices.ContainsFunc(a.Folders, func(g vault.MailFolder) bool { return g.Name == f.Name })
		})
		return nil
	})
	return out, err
}

// ForgetMail forgets the named folders of a mailbox, or the whole mailbox
// when none is named (or none is left). The mail read from it stays in
// the vault.
func (db *DB) ForgetMail(ctx context.Context, server, login string, folders []string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := queryRow(ctx, tx, `SELECT id FROM imap_accounts WHERE server = ? AND login = ?`, server, login).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s at %s: %w", login, server, vault.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if len(folders) == 0 {
			if _, err := exec(ctx, tx, `DELETE FROM imap_folders WHERE account_id = ?`, id); err != nil {
				return err
			}
			_, err := exec(ctx, tx, `DELETE FROM imap_accounts WHERE id = ?`, id)
			return err
		}
		for _, f := range folders {
			res, err := exec(ctx, tx, `DELETE FROM imap_folders WHERE account_id = ? AND name = ?`, id, f)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return cmpOr(err, fmt.Errorf("folder %s of %s at %s: %w", f, login, server, vault.ErrNotFound))
			}
		}
		_, err = exec(ctx, tx, `DELETE FROM imap_accounts WHERE id = ? AND NOT EXISTS (SELECT 1 FROM imap_folders WHERE account_id = ?)`, id, id)
		return err
	})
}

// SetMailPosition records how far a folder has been read: its UIDVALIDITY
// and the last UID read.
func (db *DB) SetMailPosition(ctx context.Context, server, login, folder string, validity, last uint32) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := exec(ctx, tx, `UPDATE imap_folders SET uid_validity = ?, last_uid = ?, read_at = ?
			WHERE account_id = (SELECT id FROM imap_accounts WHERE server = ? AND login = ?) AND name = ?`,
			validity, last, db.now(), server, login, folder)
		return err
	})
}

// MailSieve is what the vault knows that makes a mail a purchase mail
// besides its sender's domain: the recorded order and tracking numbers,
// and the addresses of the sellers that have written.
type MailSieve struct {
	Numbers []string // order and tracking numbers of live orders
	Sellers []string // senders of live mails placed as the seller's (vault.PartyOf), in lower case
}

// MailSieve reads the order and tracking numbers and the sellers' addresses.
func (db *DB) MailSieve(ctx context.Context) (MailSieve, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (MailSieve, error) {
		var s MailSieve
		err := eachRow(ctx, tx, `SELECT o.number FROM orders o WHERE `+liveOrder+`
			UNION SELECT t.number FROM order_tracking t JOIN orders o ON o.id = t.order_id WHERE `+liveOrder, func(r *sql.Rows) error {
			var n string
			err := r.Scan(&n)
			s.Numbers = append(s.Numbers, n)
			return err
		})
		if err != nil {
			return s, err
		}
		mine, err := buyer(ctx, tx)
		if err != nil {
			return s, err
		}
		seen := map[string]bool{}
		err = eachRow(ctx, tx, `SELECT e.kind, e.party, e.sender, EXISTS (SELECT 1 FROM evidence_orders WHERE evidence_id = e.id)
			FROM evidence e WHERE e.sender <> '' AND `+liveEvidence, func(r *sql.Rows) error {
			var e vault.Evidence
			var linked bool
			if err := r.Scan(&e.Kind, &e.Party, &e.From, &linked); err != nil {
				return err
			}
			if linked {
				e.Orders = []vault.OrderID{0} // PartyOf asks only whether it belongs to an order
			}
			if a := vault.Address(e.From); a != "" && vault.PartyOf(e, mine) == vault.PartySeller && !seen[a] {
				seen[a] = true
				s.Sellers = append(s.Sellers, a)
			}
			return nil
		})
		return s, err
	})
}

// KnownMessages returns which of the Message-IDs the vault holds already
// (retracted ones too: an import would refuse them).
func (db *DB) KnownMessages(ctx context.Context, ids []string) (map[string]bool, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (map[string]bool, error) {
		known := map[string]bool{}
		for chunk := range slices.Chunk(ids, 500) {
			args := make([]any, len(chunk))
			for i, id := range chunk {
				args[i] = id
			}
			err := eachRow(ctx, tx, `SELECT message_id FROM evidence WHERE message_id IN (?`+strings.Repeat(",?", len(chunk)-1)+`)`,
				func(r *sql.Rows) error {
					var id string
					err := r.Scan(&id)
					known[id] = true
					return err
				}, args...)
			if err != nil {
				return nil, err
			}
		}
		return known, nil
	})
}

// eachRow calls fn with each row of a query.
func eachRow(ctx context.Context, tx *sql.Tx, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
