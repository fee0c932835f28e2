package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"vault"
)

// BlobRef is a stored file that a record relies on.
type BlobRef struct {
	Record string
	SHA256 string
	Size   int64
}

// Check is what Verify found in the database.
type Check struct {
	Problems []vault.Problem  `json:"problems"`
	Records  int              `json:"records"`
	Audit    int              `json:"audit_entries"`
	Head     string           `json:"audit_head"`
	Blobs    []BlobRef        `json:"-"`
	hashes   map[int64]string // the chain's hashes by entry number
	last     int64            // the last entry's number
	anchored bool             // the log keeps its anchor file (see anchoredGenesis)
}

// Verify checks the database: SQLite's integrity and foreign keys, its
// schema against the migrations' (no trigger, view or index added), the audit
// chain (each row's hash, each link to the row before), and every record
// against its last audit entry (an edit made outside vault changes its
// content hash). It returns the blobs the records rely on, for the caller to
// check on disk. It reads one consistent snapshot.
//
// The anchor file beside the database is read first, before the snapshot:
// a write committed meanwhile can only move the chain past it.
func (db *DB) Verify(ctx context.Context) (Check, error) {
	anchor, hasAnchor, anchorErr := readAnchor(AnchorPath(db.path))
	return readValue(ctx, db, func(tx *sql.Tx) (Check, error) {
		var c Check
		for _, step := range []func(context.Context, *sql.Tx, *Check) error{checkSQLite, checkSchema, checkChain, checkRecords, checkIndex, listBlobs} {
			if err := step(ctx, tx, &c); err != nil {
				return c, err
			}
		}
		switch {
		case anchorErr != nil:
			c.Problems = append(c.Problems, vault.Problem{Record: "audit", File: filepath.Base(AnchorPath(db.path)),
				What: "the audit anchor is unreadable: " + anchorErr.Error()})
		case hasAnchor:
			checkAnchor(anchor, AnchorPath(db.path), &c)
		case c.anchored:
			c.Problems = append(c.Problems, vault.Problem{Record: "audit", File: filepath.Base(AnchorPath(db.path)), What: ErrAnchorMissing.Error(),
				Fix: &vault.Fix{Do: vault.DoRepair}})
		}
		return c, nil
	})
}

func checkSQLite(ctx context.Context, tx *sql.Tx, c *Check) error {
	msgs, _, err := scanAll(ctx, tx, `PRAGMA integrity_check`, nil, scanString, func(string) int { return 0 })
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if m != "ok" {
			c.Problems = append(c.Problems, vault.Problem{Record: "database", What: "integrity check: " + m})
		}
	}
	fks, _, err := scanAll(ctx, tx, `SELECT "table" || ' row ' || rowid || ' refers to a missing ' || parent FROM pragma_foreign_key_check`,
		nil, scanString, func(string) int { return 0 })
	for _, m := range fks {
		c.Problems = append(c.Problems, vault.Problem{Record: "database", What: "foreign key: " + m})
	}
	return err
}

func scanString(r *sql.Rows) (string, error) {
	var s string
	return s, r.Scan(&s)
}

// checkChain recomputes every audit row's hash and its link to the row before.
func checkChain(ctx context.Context, tx *sql.Tx, c *Check) error {
	entries, _, err := scanAll(ctx, tx, `SELECT id, at, action, record, content, prev, hash FROM audit ORDER BY id`, nil,
		scanAudit, func(e vault.AuditEntry) int64 { return e.ID })
	if err != nil {
		return err
	}
	prev, want := genesis, int64(1)
	if len(entries) > 0 && entries[0].Prev == anchoredGenesis {
		prev, c.anchored = anchoredGenesis, true
	}
	c.hashes = map[int64]string{}
	for _, e := range entries {
		c.anchored = c.anchored || e.Record == anchorRecord
		name := fmt.Sprintf("audit %d", e.ID)
		switch {
		case e.ID != want:
			c.Problems = append(c.Problems, vault.Problem{Record: name, What: fmt.Sprintf("audit rows %d to %d are missing", want, e.ID-1)})
		case e.Prev != prev:
			c.Problems = append(c.Problems, vault.Problem{Record: name, What: "chain broken: it does not follow the row before"})
		}
		if entryHash(e) != e.Hash {
			c.Problems = append(c.Problems, vault.Problem{Record: name, What: "its hash does not match its content: the row was edited"})
		}
		prev, want = e.Hash, e.ID+1
		c.hashes[e.ID], c.last = e.Hash, e.ID
	}
	c.Audit, c.Head = len(entries), prev
	return nil
}

// checkRecords compares each record with its last audit entry. The
// statement lines are read as a stream (checkLines): a vault of a million
// held each line's name and entry three times over (1.2 GB).
func checkRecords(ctx context.Context, tx *sql.Tx, c *Check) error {
	recs, err := lastEntries(ctx, tx, allRecords)
	if err != nil {
		return err
	}
	seals, err := lastEntries(ctx, tx, lineSeals)
	if err != nil {
		return err
	}
	logged, _, err := scanAll(ctx, tx, `SELECT DISTINCT record FROM audit ORDER BY record`, nil, scanString, func(s string) string { return s })
	if err != nil {
		return err
	}
	gone := map[string]bool{} // the records the log knows, until they are found
	for _, g := range logged {
		gone[g] = g != anchorRecord
	}
	check := func(r rec) error {
		delete(gone, r.name)
		if r.last == "" {
			if !strings.HasPrefix(r.name, "LINES-") { // a statement's lines without their seal: each line says so
				c.Problems = append(c.Problems, vault.Problem{Record: r.name, What: "no audit entry: it was added outside vault"})
			}
			return nil
		}
		return c.compare(ctx, tx, r)
	}
	for _, r := range recs {
		if err := check(r); err != nil {
			return err
		}
	}
	sealed := map[int64]bool{} // the statements whose lines have their seal's entry
	for _, r := range seals {
		if n, err := strconv.ParseInt(strings.TrimPrefix(r.name, "LINES-"), 10, 64); err == nil {
			sealed[n] = r.last != ""
		}
	}
	lines, err := checkLines(ctx, tx, c, sealed, gone)
	if err != nil {
		return err
	}
	for _, r := range seals {
		if err := check(r); err != nil {
			return err
		}
	}
	// Records the log knows that no longer exist. Compared here, not in SQL:
	// 'ORD-' || id cannot use an index, and a join on it is quadratic.
	for _, g := range logged {
		if gone[g] {
			c.Problems = append(c.Problems, vault.Problem{Record: g, What: "in the audit log but gone from the database: deleted outside vault"})
		}
	}
	c.Records = len(recs) + lines + len(seals)
	return nil
}

// rec is a record and the content of its last audit entry ("" for none).
type rec struct{ name, last string }

// lastEntries reads the records a query names (as r) with their last
// audit entry's content.
func lastEntries(ctx context.Context, tx *sql.Tx, records string) ([]rec, error) {
	recs, _, err := scanAll(ctx, tx, `SELECT r, coalesce((SELECT content FROM audit WHERE record = r ORDER BY id DESC LIMIT 1), '')
		FROM (`+records+`)`,
		nil, func(r *sql.Rows) (rec, error) {
			var x rec
			return x, r.Scan(&x.name, &x.last)
		}, func(rec) int { return 0 })
	return recs, err
}

// compare reports a record whose content is not what its last entry says.
func (c *Check) compare(ctx context.Context, tx *sql.Tx, r rec) error {
	sum, err := contentHash(ctx, tx, r.name)
	if err != nil {
		return err
	}
	if r.last != sum {
		c.Problems = append(c.Problems, vault.Problem{Record: r.name, What: "changed since its last audit entry: edited outside vault"})
	}
	return nil
}

// checkLines checks each statement line, a row at a time, and returns how
// many there are. A line needs an entry of its own (TX-n) when a match was
// decided on it or when its statement's lines are not sealed (sealed: by
// statement, whether LINES-n has an entry); the lines that have one are
// compared with it after the stream, as they are as many as the log's
// entries, not the statements' lines. Each line found is no longer gone.
func checkLines(ctx context.Context, tx *sql.Tx, c *Check, sealed map[int64]bool, gone map[string]bool) (int, error) {
	own := map[int64]string{} // the lines' own entries, the last of each
	err := eachPair(ctx, tx, `SELECT record, content FROM audit WHERE record >= 'TX-' AND record < 'TX.' ORDER BY id`, nil,
		func(record, content string) {
			if n, err := strconv.ParseInt(strings.TrimPrefix(record, "TX-"), 10, 64); err == nil {
				own[n] = content
			}
		})
	if err != nil {
		return 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT t.id, coalesce(t.statement_id, 0), EXISTS (SELECT 1 FROM transaction_orders WHERE transaction_id = t.id)
		FROM transactions t ORDER BY t.id`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	var entered []rec // the lines with entries of their own
	for rows.Next() {
		var id, statement int64
		var decided bool
		if err := rows.Scan(&id, &statement, &decided); err != nil {
			return 0, err
		}
		n++
		last, ok := own[id]
		switch {
		case ok:
			entered = append(entered, rec{vault.TransactionID(id).String(), last})
		case sealed[statement] && !decided:
		case sealed[statement]:
			c.Problems = append(c.Problems, vault.Problem{Record: vault.TransactionID(id).String(), What: "a match on it has no audit entry: it was recorded outside vault"})
		default:
			c.Problems = append(c.Problems, vault.Problem{Record: vault.TransactionID(id).String(), What: "no audit entry: it was added outside vault"})
		}
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	for _, r := range entered {
		delete(gone, r.name)
		if err := c.compare(ctx, tx, r); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func listBlobs(ctx context.Context, tx *sql.Tx, c *Check) error {
	var err error
	c.Blobs, _, err = scanAll(ctx, tx, `SELECT 'EV-' || e.id, e.sha256, e.size FROM evidence e
		WHERE e.sha256 IS NOT NULL AND `+notPurged+` ORDER BY e.id`, nil,
		func(r *sql.Rows) (BlobRef, error) {
			var b BlobRef
			return b, r.Scan(&b.Record, &b.SHA256, &b.Size)
		}, func(b BlobRef) string { return b.Record })
	return err
}
