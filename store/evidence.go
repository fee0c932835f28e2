package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"vault/internal/date"
)

// Evidence kinds, sources and parties accepted by the schema.
var (
	EvidenceKinds = []string{"confirmation", "receipt", "message", "email", "screenshot", "photo",
		"video", "tracking", "statement", "listing", "other"}
	Parties = []string{"seller", "me", "marketplace", "carrier", "bank"}
)

// Evidence is one piece of documentation: a file, a message or an email.
type Evidence struct {
	ID         EvidenceID `json:"id"`
	Kind       string     `json:"kind"`
	Source     string     `json:"source"` // file, email or typed
	OccurredAt date.Value `json:"occurred_at,omitzero"`
	Party      string     `json:"party,omitempty"`
	Title      string     `json:"title,omitempty"`
	Body       string     `json:"body,omitempty"`
	Note       string     `json:"note,omitempty"`
	Blob       *Blob      `json:"blob,omitempty"`
	FileName   string     `json:"file_name,omitempty"`
	Parent     EvidenceID `json:"parent,omitzero"`
	MessageID  string     `json:"message_id,omitempty"` // emails only
	From       string     `json:"from,omitempty"`
	To         string     `json:"to,omitempty"`
	Orders     []OrderID  `json:"orders,omitempty"`
	Cases      []CaseID   `json:"cases,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
}

// Blob describes stored bytes: their SHA-256 (hex), size and media type.
type Blob struct {
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
}

// Links names the orders and cases new evidence belongs to.
type Links struct {
	Orders []OrderID
	Cases  []CaseID
}

// Added reports what AddEvidence did with one item.
type Added struct {
	ID EvidenceID `json:"id"`
	// Duplicate is true when the same bytes were already recorded as ID;
	// the existing record gained the new links instead of a new row.
	Duplicate bool `json:"duplicate,omitempty"`
}

// AddEvidence records items and links each to every order and case in links,
// all in one transaction: either every item lands or none. Blobs must already
// be stored. An item whose blob was already recorded (as a message when the
// item is a message, as a file otherwise) is not recorded twice.
func (db *DB) AddEvidence(ctx context.Context, items []Evidence, links Links) ([]Added, error) {
	var out []Added
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := checkLinks(ctx, tx, links, false); err != nil {
			return err
		}
		now := db.now()
		for _, e := range items {
			a, err := addLinked(ctx, tx, e, links, "add evidence", now)
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
func addLinked(ctx context.Context, tx *sql.Tx, e Evidence, links Links, action, now string) (Added, error) {
	a, err := addEvidence(ctx, tx, e, now)
	if err != nil {
		return a, err
	}
	if err := link(ctx, tx, a.ID, links); err != nil {
		return a, err
	}
	return a, audit(ctx, tx, now, addAction(a.Duplicate, action), a.ID)
}

// addAction names the audit action of an add that may have found a duplicate.
func addAction(duplicate bool, action string) string {
	if duplicate {
		return "link evidence"
	}
	return action
}

func addEvidence(ctx context.Context, tx *sql.Tx, e Evidence, now string) (Added, error) {
	if e.Blob != nil {
		var id EvidenceID
		err := queryRow(ctx, tx, `SELECT id FROM evidence WHERE sha256 = ? AND parent_id IS NULL
			AND (kind = 'message') = (? = 'message') ORDER BY id LIMIT 1`, e.Blob.SHA256, e.Kind).Scan(&id)
		if err == nil {
			return Added{ID: id, Duplicate: true}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return Added{}, err
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
		return Added{}, fmt.Errorf("insert evidence: %w", err)
	}
	n, err := res.LastInsertId()
	if err != nil {
		return Added{}, err
	}
	return Added{ID: EvidenceID(n)}, indexEvidence(ctx, tx, EvidenceID(n))
}

// checkLinks confirms that every linked order and case exists; unless
// optional, at least one must be named.
func checkLinks(ctx context.Context, tx *sql.Tx, links Links, optional bool) error {
	if !optional && len(links.Orders)+len(links.Cases) == 0 {
		return errors.New("evidence needs an order or a case to belong to")
	}
	for _, id := range links.Orders {
		if err := exists(ctx, tx, "orders", int64(id), id.String()); err != nil {
			return err
		}
	}
	for _, id := range links.Cases {
		if err := exists(ctx, tx, "cases", int64(id), id.String()); err != nil {
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
		return fmt.Errorf("%s: %w", name, ErrNotFound)
	}
	return nil
}

func link(ctx context.Context, tx *sql.Tx, id EvidenceID, links Links) error {
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

// EvidenceFilter narrows ListEvidence; zero fields match everything.
type EvidenceFilter struct {
	Order OrderID
	Case  CaseID
	Kind  string
}

// ListEvidence returns the evidence matching f, in time order (undated last, by id).
// Filtering by case includes the evidence of the case's orders.
func (db *DB) ListEvidence(ctx context.Context, f EvidenceFilter) ([]Evidence, error) {
	var where []string
	var args []any
	if f.Order != 0 {
		where = append(where, `e.id IN (SELECT evidence_id FROM evidence_orders WHERE order_id = ?)`)
		args = append(args, f.Order)
	}
	if f.Case != 0 {
		where = append(where, `(e.id IN (SELECT evidence_id FROM evidence_cases WHERE case_id = ?)
			OR e.id IN (SELECT eo.evidence_id FROM evidence_orders eo JOIN case_orders co USING (order_id) WHERE co.case_id = ?))`)
		args = append(args, f.Case, f.Case)
	}
	if f.Kind != "" {
		where = append(where, `e.kind = ?`)
		args = append(args, f.Kind)
	}
	clause := ""
	if len(where) > 0 {
		clause = "WHERE " + strings.Join(where, " AND ")
	}
	return readValue(ctx, db, func(tx *sql.Tx) ([]Evidence, error) { return queryEvidence(ctx, tx, clause, args...) })
}

const evidenceColumns = `e.id, e.kind, e.source, e.occurred_at, e.party, e.title, e.body, e.note, e.sha256, e.size,
	e.media_type, e.file_name, e.parent_id, coalesce(e.message_id, ''), e.sender, e.recipients, e.created_at`

func queryEvidence(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]Evidence, error) {
	out, index, err := scanAll(ctx, tx, `SELECT `+evidenceColumns+` FROM evidence e `+where+`
		ORDER BY e.occurred_at = '', e.occurred_at, e.id`, args,
		scanEvidence, func(e Evidence) EvidenceID { return e.ID })
	if err != nil || len(out) == 0 {
		return out, err
	}
	// Only the links of the evidence selected, as queryOrders does for its rows.
	sub := `SELECT e.id FROM evidence e ` + where
	err = eachPair(ctx, tx, `SELECT evidence_id, order_id FROM evidence_orders WHERE evidence_id IN (`+sub+`) ORDER BY 1, 2`, args,
		func(e EvidenceID, o OrderID) {
			if i, ok := index[e]; ok {
				out[i].Orders = append(out[i].Orders, o)
			}
		})
	if err != nil {
		return nil, err
	}
	err = eachPair(ctx, tx, `SELECT evidence_id, case_id FROM evidence_cases WHERE evidence_id IN (`+sub+`) ORDER BY 1, 2`, args,
		func(e EvidenceID, c CaseID) {
			if i, ok := index[e]; ok {
				out[i].Cases = append(out[i].Cases, c)
			}
		})
	return out, err
}

func scanEvidence(rows *sql.Rows) (Evidence, error) {
	var e Evidence
	var occurred, created, mediaType string
	var sum sql.NullString
	var size, parent sql.NullInt64
	err := rows.Scan(&e.ID, &e.Kind, &e.Source, &occurred, &e.Party, &e.Title, &e.Body, &e.Note, &sum, &size,
		&mediaType, &e.FileName, &parent, &e.MessageID, &e.From, &e.To, &created)
	if err != nil {
		return e, fmt.Errorf("scan evidence: %w", err)
	}
	if sum.Valid {
		e.Blob = &Blob{SHA256: sum.String, Size: size.Int64, MediaType: mediaType}
	}
	e.Parent = EvidenceID(parent.Int64)
	if e.OccurredAt, err = date.Stored(occurred); err != nil {
		return e, fmt.Errorf("evidence %s: bad stored date %q", e.ID, occurred)
	}
	e.CreatedAt, err = time.Parse(time.RFC3339, created)
	return e, err
}
