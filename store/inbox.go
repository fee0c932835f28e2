package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"vault"
)

// unlinked is evidence that belongs to no order and no case and is no
// attachment of another: what the inbox holds. Statements are not in it:
// their lines are matched to orders instead.
const unlinked = `e.parent_id IS NULL AND e.kind != 'statement'
	AND NOT EXISTS (SELECT 1 FROM evidence_orders WHERE evidence_id = e.id)
	AND NOT EXISTS (SELECT 1 FROM evidence_cases WHERE evidence_id = e.id)`

// Inbox returns the live evidence that waits to be filed, newest first.
func (db *DB) Inbox(ctx context.Context) ([]vault.Evidence, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Evidence, error) {
		return queryEvidenceOrdered(ctx, tx, `WHERE `+unlinked+` AND `+liveEvidence, `ORDER BY e.created_at DESC, e.id DESC`)
	})
}

// Link files evidence under orders and cases, in one transaction, each
// link audited. Evidence that is retracted or an email's attachment (which
// follows its email) is refused.
func (db *DB) Link(ctx context.Context, ids []vault.EvidenceID, links vault.Links) error {
	if len(links.Orders)+len(links.Cases) == 0 {
		return errors.New("say where it belongs: an order or a case")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := checkLinks(ctx, tx, links, false); err != nil {
			return err
		}
		now := db.now()
		for _, id := range ids {
			if err := linkable(ctx, tx, id); err != nil {
				return err
			}
			if err := link(ctx, tx, id, links); err != nil {
				return err
			}
			if err := audit(ctx, tx, now, "link evidence", id); err != nil {
				return err
			}
		}
		return nil
	})
}

// linkable refuses evidence that does not exist, is retracted or is an
// attachment.
func linkable(ctx context.Context, tx *sql.Tx, id vault.EvidenceID) error {
	if err := writable(ctx, tx, "evidence", int64(id), id.String()); err != nil {
		return err
	}
	var parent sql.NullInt64
	if err := queryRow(ctx, tx, `SELECT parent_id FROM evidence WHERE id = ?`, id).Scan(&parent); err != nil {
		return err
	}
	if parent.Valid {
		return fmt.Errorf("%s is an attachment of %s and belongs where its email does: link EV-%d", id, vault.EvidenceID(parent.Int64), parent.Int64)
	}
	return nil
}

// Known reports whether a file with this SHA-256 was ever recorded, even
// if it was retracted since: a watched folder must not bring back what the
// user took out.
func (db *DB) Known(ctx context.Context, sum string) (bool, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (bool, error) {
		var n int
		err := queryRow(ctx, tx, `SELECT count(*) FROM evidence WHERE sha256 = ?`, sum).Scan(&n)
		return n > 0, err
	})
}
