package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"vault"
)

// ErrNotLinked is an unlink of a record from something it is not in.
var ErrNotLinked = errors.New("not linked")

// UnlinkEvidence takes evidence out of a case or off an order. Evidence
// that is still in the case through one of its orders is kept out of the
// case (the order keeps it). Each is an edit of the record it changes.
func (db *DB) UnlinkEvidence(ctx context.Context, id vault.EvidenceID, from vault.Links) ([]vault.Edit, error) {
	var edits []vault.Edit
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := exists(ctx, tx, "evidence", int64(id), id.String()); err != nil {
			return err
		}
		now := db.now()
		changed := []fmt.Stringer{id}
		for _, o := range from.Orders {
			if err := unlinkRow(ctx, tx, `DELETE FROM evidence_orders WHERE evidence_id = ? AND order_id = ?`, id, o, id, o); err != nil {
				return err
			}
			e, err := recordEdits(ctx, tx, now, db.By, id.String(), map[string]string{"order": o.String()}, map[string]string{"order": ""})
			if err != nil {
				return err
			}
			edits = append(edits, e...)
		}
		for _, c := range from.Cases {
			e, err := db.excludeFromCase(ctx, tx, now, id, c)
			if err != nil {
				return err
			}
			edits, changed = append(edits, e...), append(changed, c)
		}
		return audit(ctx, tx, now, "unlink", changed...)
	})
	return edits, err
}

// excludeFromCase removes evidence's own link to a case and, when it still
// reaches the case through one of the case's orders, keeps it out.
func (db *DB) excludeFromCase(ctx context.Context, tx *sql.Tx, now string, id vault.EvidenceID, c vault.CaseID) ([]vault.Edit, error) {
	res, err := exec(ctx, tx, `DELETE FROM evidence_cases WHERE evidence_id = ? AND case_id = ?`, id, c)
	if err != nil {
		return nil, err
	}
	direct, _ := res.RowsAffected()
	var viaOrder int
	if err := queryRow(ctx, tx, `SELECT count(*) FROM evidence_orders eo JOIN case_orders co USING (order_id)
		WHERE eo.evidence_id = ? AND co.case_id = ?`, id, c).Scan(&viaOrder); err != nil {
		return nil, err
	}
	if viaOrder > 0 {
		res, err := exec(ctx, tx, `INSERT OR IGNORE INTO case_excluded (case_id, evidence_id) VALUES (?,?)`, c, id)
		if err != nil {
			return nil, err
		}
		if n, _ := res.RowsAffected(); n == 0 && direct == 0 {
			return nil, fmt.Errorf("%s is out of %s already (%w)", id, c, ErrNoChange)
		}
	} else if direct == 0 {
		return nil, fmt.Errorf("%s is not in %s: %w", id, c, ErrNotLinked)
	}
	return recordEdits(ctx, tx, now, db.By, c.String(), map[string]string{"evidence": id.String()}, map[string]string{"evidence": ""})
}

// UnlinkOrder takes an order out of a case; a case keeps at least one order.
func (db *DB) UnlinkOrder(ctx context.Context, id vault.OrderID, c vault.CaseID) ([]vault.Edit, error) {
	var edits []vault.Edit
	err := db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := queryRow(ctx, tx, `SELECT count(*) FROM case_orders WHERE case_id = ?`, c).Scan(&n); err != nil {
			return err
		}
		if n == 1 {
			return fmt.Errorf("%s is the only order of %s: a case keeps one (retract the case instead)", id, c)
		}
		if err := unlinkRow(ctx, tx, `DELETE FROM case_orders WHERE case_id = ? AND order_id = ?`, id, c, c, id); err != nil {
			return err
		}
		now := db.now()
		var err error
		if edits, err = recordEdits(ctx, tx, now, db.By, c.String(), map[string]string{"order": id.String()}, map[string]string{"order": ""}); err != nil {
			return err
		}
		return audit(ctx, tx, now, "unlink", c)
	})
	return edits, err
}

// unlinkRow deletes one link row, or says the record was not linked.
func unlinkRow(ctx context.Context, tx *sql.Tx, query string, what, from fmt.Stringer, args ...any) error {
	res, err := exec(ctx, tx, query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s is not linked to %s: %w", what, from, ErrNotLinked)
	}
	return nil
}

// Retract takes a record entered by mistake (ORD-n, EV-n, CASE-n, ACC-n)
// out of listings, deadlines, dossiers and search: a tombstone of its own
// in the audit log. The record stays, with its history; its files stay
// until 'vault purge'. An order in a live case is refused: unlink it or
// retract the case first.
func (db *DB) Retract(ctx context.Context, record, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return errors.New("say why it is retracted (--reason)")
	}
	if kind, _, _ := strings.Cut(record, "-"); kind != "ORD" && kind != "EV" && kind != "CASE" && kind != "ACC" {
		return fmt.Errorf("%q: only an order, evidence, a case or an account can be retracted", record)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := contentHash(ctx, tx, record); err != nil {
			return err
		}
		var done string
		err := queryRow(ctx, tx, `SELECT at FROM retractions WHERE record = ?`, record).Scan(&done)
		if err == nil {
			return fmt.Errorf("%s was retracted already on %s", record, strings.SplitN(done, "T", 2)[0])
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if id, ok := vault.ParseOrderID(record); ok {
			var c vault.CaseID
			err := queryRow(ctx, tx, `SELECT co.case_id FROM case_orders co JOIN cases c ON c.id = co.case_id
				WHERE co.order_id = ? AND `+liveCase+` LIMIT 1`, id).Scan(&c)
			if err == nil {
				return vault.WithFix(fmt.Errorf("%s is in %s: unlink it or retract the case first", record, c),
					vault.Fix{Do: vault.DoUnlink, Record: record, Case: c.String()})
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if strings.HasPrefix(record, "ACC-") {
			var c vault.CaseID
			err := queryRow(ctx, tx, `SELECT c.id FROM case_facts f JOIN cases c ON c.id = f.case_id
				WHERE f.key = 'account' AND f.value = ? AND `+liveCase+` LIMIT 1`, record).Scan(&c)
			if err == nil {
				return vault.WithFix(fmt.Errorf("%s is the account of %s: unset it there or retract the case first", record, c),
					vault.Fix{Do: vault.DoUnset, Record: c.String(), Field: "account"})
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		now := db.now()
		if _, err := exec(ctx, tx, `INSERT INTO retractions (record, reason, at) VALUES (?,?,?)`, record, reason, now); err != nil {
			return fmt.Errorf("retract: %w", err)
		}
		if err := unindex(ctx, tx, record); err != nil {
			return err
		}
		if err := unindexAttachments(ctx, tx, record); err != nil {
			return err
		}
		return audit(ctx, tx, now, "retract", ref("RETR-"+record))
	})
}

// Retraction returns the retraction of a record, if it was retracted.
func (db *DB) Retraction(ctx context.Context, record string) (vault.Retraction, bool, error) {
	var r vault.Retraction
	var at string
	err := db.read(ctx, func(tx *sql.Tx) error {
		return queryRow(ctx, tx, `SELECT record, reason, at FROM retractions WHERE record = ?`, record).Scan(&r.Record, &r.Reason, &at)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err == nil {
		r.At, err = time.Parse(time.RFC3339, at)
	}
	return r, err == nil, err
}

// unindexAttachments takes the files an email came with out of search with it.
func unindexAttachments(ctx context.Context, tx *sql.Tx, record string) error {
	parent, err := vault.ParseEvidenceID(record)
	if err != nil || !strings.HasPrefix(record, "EV-") {
		return nil // not evidence: no attachments
	}
	ids, _, err := scanAll(ctx, tx, `SELECT id FROM evidence WHERE parent_id = ?`, []any{parent},
		func(r *sql.Rows) (vault.EvidenceID, error) {
			var id vault.EvidenceID
			return id, r.Scan(&id)
		}, func(vault.EvidenceID) int { return 0 })
	for _, id := range ids {
		if err == nil {
			err = unindex(ctx, tx, id.String())
		}
	}
	return err
}

// Purgeable is a stored file that only retracted evidence refers to.
type Purgeable struct {
	SHA256 string             `json:"sha256"`
	Size   int64              `json:"size"`
	Of     []vault.EvidenceID `json:"of"` // the retracted evidence that had it
}

// Purgeable lists the files that only retracted evidence refers to, not
// purged yet.
func (db *DB) Purgeable(ctx context.Context) ([]Purgeable, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]Purgeable, error) {
		return queryPurgeable(ctx, tx)
	})
}

// retractedEV is the condition that evidence x (or the email it came with)
// was retracted.
const retractedEV = `EXISTS (SELECT 1 FROM retractions WHERE record IN ('EV-' || x.id, 'EV-' || x.parent_id))`

// notPurged is the condition that evidence e came after the last purge of
// its bytes: it needs its file.
const notPurged = `e.id > coalesce((SELECT max(upto) FROM purges p WHERE p.sha256 = e.sha256), 0)`

func queryPurgeable(ctx context.Context, tx *sql.Tx) ([]Purgeable, error) {
	type row struct {
		sum  string
		size int64
		id   vault.EvidenceID
	}
	rows, _, err := scanAll(ctx, tx, `SELECT e.sha256, e.size, e.id FROM evidence e
		WHERE e.sha256 IS NOT NULL AND `+notPurged+`
		AND NOT EXISTS (SELECT 1 FROM evidence x WHERE x.sha256 = e.sha256 AND NOT `+retractedEV+`)
		ORDER BY e.sha256, e.id`, nil, func(r *sql.Rows) (row, error) {
		var x row
		return x, r.Scan(&x.sum, &x.size, &x.id)
	}, func(row) int { return 0 })
	var out []Purgeable
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].SHA256 != r.sum {
			out = append(out, Purgeable{SHA256: r.sum, Size: r.size})
		}
		out[len(out)-1].Of = append(out[len(out)-1].Of, r.id)
	}
	return out, err
}

// Purge removes the files only retracted evidence refers to, each recorded
// in the audit log, in one transaction: remove deletes a file and runs
// while the transaction holds the write lock, so no command can record new
// evidence with those bytes in between. A crash before the commit leaves
// retracted evidence without its file, which verify reports and a second
// purge settles; never a live record without its file.
func (db *DB) Purge(ctx context.Context, remove func(sha256 string) error) ([]Purgeable, error) {
	var out []Purgeable
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = queryPurgeable(ctx, tx); err != nil {
			return err
		}
		now := db.now()
		for _, p := range out {
			res, err := exec(ctx, tx, `INSERT INTO purges (sha256, size, upto, at) VALUES (?,?,?,?)`, p.SHA256, p.Size,
				p.Of[len(p.Of)-1], now)
			if err != nil {
				return err
			}
			n, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if err := audit(ctx, tx, now, "purge", ref(fmt.Sprintf("PURGE-%d", n))); err != nil {
				return err
			}
			if err := remove(p.SHA256); err != nil {
				return fmt.Errorf("remove %s: %w", p.SHA256, err)
			}
		}
		return nil
	})
	return out, err
}
