package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
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

// checkRecords compares each record's content with its last audit entry.
func checkRecords(ctx context.Context, tx *sql.Tx, c *Check) error {
	type rec struct{ name, last string }
	recs, _, err := scanAll(ctx, tx, `SELECT r, coalesce((SELECT content FROM audit WHERE record = r ORDER BY id DESC LIMIT 1), '')
		FROM (`+allRecords+`)`,
		nil, func(r *sql.Rows) (rec, error) {
			var x rec
			return x, r.Scan(&x.name, &x.last)
		}, func(x rec) string { return x.name })
	if err != nil {
		return err
	}
	covered, err := sealedLines(ctx, tx)
	if err != nil {
		return err
	}
	last := map[string]string{}
	for _, r := range recs {
		last[r.name] = r.last
	}
	for _, r := range recs {
		if r.last == "" {
			seal := covered[r.name]
			switch {
			case strings.HasPrefix(r.name, "LINES-") || last[seal.name] != "" && !seal.decided:
			case last[seal.name] != "":
				c.Problems = append(c.Problems, vault.Problem{Record: r.name, What: "a match on it has no audit entry: it was recorded outside vault"})
			default:
				c.Problems = append(c.Problems, vault.Problem{Record: r.name, What: "no audit entry: it was added outside vault"})
			}
			continue
		}
		sum, err := contentHash(ctx, tx, r.name)
		if err != nil {
			return err
		}
		if r.last != sum {
			c.Problems = append(c.Problems, vault.Problem{Record: r.name, What: "changed since its last audit entry: edited outside vault"})
		}
	}
	// Records the log knows that no longer exist. Compared here, not in SQL:
	// 'ORD-' || id cannot use an index, and a join on it is quadratic.
	logged, _, err := scanAll(ctx, tx, `SELECT DISTINCT record FROM audit ORDER BY record`, nil, scanString, func(s string) string { return s })
	for _, g := range logged {
		if _, ok := last[g]; !ok && g != anchorRecord {
			c.Problems = append(c.Problems, vault.Problem{Record: g, What: "in the audit log but gone from the database: deleted outside vault"})
		}
	}
	c.Records = len(recs)
	return err
}

// sealedLines names, for each statement line, the record that seals it:
// its statement's lines (LINES-n), sealed as a whole by each import, and
// whether a match was decided on it. A line without that record's entry,
// or with a decision, needs an entry of its own.
func sealedLines(ctx context.Context, tx *sql.Tx) (map[string]seal, error) {
	out := map[string]seal{}
	err := eachPair(ctx, tx, `SELECT 'TX-' || id, 'LINES-' || statement_id ||
			CASE WHEN EXISTS (SELECT 1 FROM transaction_orders WHERE transaction_id = t.id) THEN ' decided' ELSE '' END
		FROM transactions t WHERE statement_id IS NOT NULL`,
		nil, func(line, s string) {
			name, decided := strings.CutSuffix(s, " decided")
			out[line] = seal{name, decided}
		})
	return out, err
}

// seal is the record that seals a statement line, and whether a match
// was decided on the line.
type seal struct {
	name    string
	decided bool
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
