package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"vault"

	"vault/internal/date"
)

// AddEvidence records items and links each to every order and case in links,
// all in one transaction: either every item lands or none. Blobs must already
// be stored. An item whose blob was already recorded (as a message when the
// item is a message, as a file otherwise) is not recorded twice.
func (db *DB) AddEvidence(ctx context.Context, items []vault.Evidence, links vault.Links) ([]vault.Added, error) {
	var out []vault.Added
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := checkLinks(ctx, tx, links, false); err != nil {
			return err
		}
		now := db.now()
		for _, e := range items {
			a, err := db.addLinked(ctx, tx, e, links, "add evidence", now)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// addLinked records one piece of evidence (or finds its duplicate), links it
// and appends its audit entry: the step every way in shares.
func (db *DB) addLinked(ctx context.Context, tx *sql.Tx, e vault.Evidence, links vault.Links, action, now string) (vault.Added, error) {
	a, err := db.addEvidence(ctx, tx, e, now)
	if err != nil {
		return a, err
	}
	if err := link(ctx, tx, a.ID, links); err != nil {
		return a, err
	}
	records := []fmt.Stringer{a.ID}
	if e.Page != nil && !a.Duplicate {
		records = append(records, PAGE(a.ID))
	}
	return a, audit(ctx, tx, now, addAction(a.Duplicate, action), records...)
}

// addAction names the audit action of an add that may have found a duplicate.
func addAction(duplicate bool, action string) string {
	if duplicate {
		return "link evidence"
	}
	return action
}

func (db *DB) addEvidence(ctx context.Context, tx *sql.Tx, e vault.Evidence, now string) (vault.Added, error) {
	if e.Blob != nil {
		if db.Stored != nil && !db.Stored(e.Blob.SHA256) {
			return vault.Added{}, fmt.Errorf("the stored file %.16s went away while it was recorded (did a purge run?): add it again", e.Blob.SHA256)
		}
		var id vault.EvidenceID
		// A message read from a file is a message of its own even when its
		// bytes are known as a file, and the other way round. Retracted
		// evidence is not reused: the same bytes come back as a record of
		// their own.
		isMessage := 0
		if e.Kind == vault.EvidenceMessage {
			isMessage = 1
		}
		err := queryRow(ctx, tx, `SELECT e.id FROM evidence e WHERE e.sha256 = ? AND e.parent_id IS NULL
			AND (e.kind = ?) = ? AND `+liveEvidence+` ORDER BY e.id LIMIT 1`, e.Blob.SHA256, vault.EvidenceMessage, isMessage).Scan(&id)
		if err == nil {
			return vault.Added{ID: id, Duplicate: true}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return vault.Added{}, err
		}
	}
	var sum, size, parent, messageID any
	mediaType := ""
	if e.Blob != nil {
		sum, size, mediaType = e.Blob.SHA256, e.Blob.Size, e.Blob.MediaType
	}
	if e.Parent != 0 {
		parent = e.Parent
	}
	if e.MessageID != "" {
		messageID = e.MessageID
	}
	res, err := exec(ctx, tx, `INSERT INTO evidence (kind, source, occurred_at, party, title, body, note,
		sha256, size, media_type, file_name, parent_id, message_id, sender, recipients, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.Kind, e.Source, e.OccurredAt.String(), e.Party, e.Title, e.Body, e.Note, sum, size, mediaType,
		e.FileName, parent, messageID, e.From, e.To, now)
	if err != nil {
		return vault.Added{}, fmt.Errorf("insert evidence: %w", err)
	}
	n, err := res.LastInsertId()
	if err != nil {
		return vault.Added{}, err
	}
	if e.Page != nil {
		if err := insertPage(ctx, tx, vault.EvidenceID(n), *e.Page, now); err != nil {
			return vault.Added{}, err
		}
	}
	return vault.Added{ID: vault.EvidenceID(n)}, indexEvidence(ctx, tx, vault.EvidenceID(n))
}

// checkLinks confirms that every linked order and case exists; unless
// optional, at least one must be named.
// CheckLinks checks that evidence may be linked to these orders and cases:
// each exists and is not retracted. AddEvidence checks again; this lets a
// command refuse before it stores any file.
func (db *DB) CheckLinks(ctx context.Context, links vault.Links) error {
	return db.read(ctx, func(tx *sql.Tx) error { return checkLinks(ctx, tx, links, false) })
}

func checkLinks(ctx context.Context, tx *sql.Tx, links vault.Links, optional bool) error {
	if !optional && !links.Inbox && len(links.Orders)+len(links.Cases) == 0 {
		return errors.New("evidence needs an order or a case to belong to")
	}
	for _, id := range links.Orders {
		if err := writable(ctx, tx, "orders", int64(id), id.String()); err != nil {
			return err
		}
	}
	for _, id := range links.Cases {
		if err := writable(ctx, tx, "cases", int64(id), id.String()); err != nil {
			return err
		}
	}
	return nil
}

func exists(ctx context.Context, tx *sql.Tx, table string, id int64, name string) error {
	var n int
	if err := queryRow(ctx, tx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", name, vault.ErrNotFound)
	}
	return nil
}

func link(ctx context.Context, tx *sql.Tx, id vault.EvidenceID, links vault.Links) error {
	for _, o := range links.Orders {
		if _, err := exec(ctx, tx, `INSERT OR IGNORE INTO evidence_orders (evidence_id, order_id) VALUES (?,?)`, id, o); err != nil {
			return fmt.Errorf("link evidence: %w", err)
		}
	}
	for _, c := range links.Cases {
		if _, err := exec(ctx, tx, `INSERT OR IGNORE INTO evidence_cases (evidence_id, case_id) VALUES (?,?)`, id, c); err != nil {
			return fmt.Errorf("link evidence: %w", err)
		}
	}
	return nil
}

// Evidence returns one piece of evidence, retracted or not, with its
// links, and the files it carries (an email's attachments).
func (db *DB) Evidence(ctx context.Context, id vault.EvidenceID) (vault.Evidence, []vault.Evidence, error) {
	var e vault.Evidence
	var parts []vault.Evidence
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if e, err = first[vault.Evidence](id)(queryEvidence(ctx, tx, `WHERE e.id = ?`, id)); err != nil {
			return err
		}
		parts, err = queryEvidence(ctx, tx, `WHERE e.parent_id = ?`, id)
		return err
	})
	return e, parts, err
}

// EvidenceFilter narrows ListEvidence; zero fields match everything.
type EvidenceFilter struct {
	Order vault.OrderID
	Case  vault.CaseID
	Kind  vault.EvidenceKind
	All   bool // retracted evidence too
}

// ListEvidence returns the evidence matching f, in time order (undated last, by id).
// Filtering by case includes the evidence of the case's orders.
func (db *DB) ListEvidence(ctx context.Context, f EvidenceFilter) ([]vault.Evidence, error) {
	var where []string
	var args []any
	if f.Order != 0 {
		where = append(where, `e.id IN (SELECT evidence_id FROM evidence_orders WHERE order_id = ?)`)
		args = append(args, f.Order)
	}
	if f.Case != 0 {
		where = append(where, inCase)
		args = append(args, f.Case, f.Case, f.Case)
	}
	if !f.All {
		where = append(where, liveEvidence)
	}
	if f.Kind != "" {
		where = append(where, `e.kind = ?`)
		args = append(args, f.Kind)
	}
	clause := ""
	if len(where) > 0 {
		clause = "WHERE " + strings.Join(where, " AND ")
	}
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Evidence, error) { return queryEvidence(ctx, tx, clause, args...) })
}

const evidenceColumns = `e.id, e.kind, e.source, e.occurred_at, e.party, e.title, e.body, e.note, e.sha256, e.size,
	e.media_type, e.file_name, e.parent_id, coalesce(e.message_id, ''), e.sender, e.recipients, e.created_at,
	coalesce((SELECT reason FROM retractions WHERE record = 'EV-' || e.id), '')`

func queryEvidence(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]vault.Evidence, error) {
	return queryEvidenceOrdered(ctx, tx, where, `ORDER BY e.occurred_at = '', e.occurred_at, e.id`, args...)
}

// queryEvidenceOrdered is queryEvidence in another order.
func queryEvidenceOrdered(ctx context.Context, tx *sql.Tx, where, order string, args ...any) ([]vault.Evidence, error) {
	out, index, err := scanAll(ctx, tx, `SELECT `+evidenceColumns+` FROM evidence e `+where+` `+order, args,
		scanEvidence, func(e vault.Evidence) vault.EvidenceID { return e.ID })
	if err != nil || len(out) == 0 {
		return out, err
	}
	// Only the links of the evidence selected, as queryOrders does for its rows.
	sub := `SELECT e.id FROM evidence e ` + where
	err = eachPair(ctx, tx, `SELECT evidence_id, order_id FROM evidence_orders WHERE evidence_id IN (`+sub+`) ORDER BY 1, 2`, args,
		func(e vault.EvidenceID, o vault.OrderID) {
			if i, ok := index[e]; ok {
				out[i].Orders = append(out[i].Orders, o)
			}
		})
	if err != nil {
		return nil, err
	}
	err = eachPair(ctx, tx, `SELECT evidence_id, case_id FROM evidence_cases WHERE evidence_id IN (`+sub+`) ORDER BY 1, 2`, args,
		func(e vault.EvidenceID, c vault.CaseID) {
			if i, ok := index[e]; ok {
				out[i].Cases = append(out[i].Cases, c)
			}
		})
	return out, err
}

func scanEvidence(rows *sql.Rows) (vault.Evidence, error) {
	var e vault.Evidence
	var occurred, created, mediaType string
	var sum sql.NullString
	var size, parent sql.NullInt64
	err := rows.Scan(&e.ID, &e.Kind, &e.Source, &occurred, &e.Party, &e.Title, &e.Body, &e.Note, &sum, &size,
		&mediaType, &e.FileName, &parent, &e.MessageID, &e.From, &e.To, &created, &e.Retracted)
	if err != nil {
		return e, fmt.Errorf("scan evidence: %w", err)
	}
	if sum.Valid {
		e.Blob = &vault.Blob{SHA256: sum.String, Size: size.Int64, MediaType: mediaType}
	}
	e.Parent = vault.EvidenceID(parent.Int64)
	if e.OccurredAt, err = date.Stored(occurred); err != nil {
		return e, fmt.Errorf("evidence %s: bad stored date %q", e.ID, occurred)
	}
	e.CreatedAt, err = time.Parse(time.RFC3339, created)
	return e, err
}
