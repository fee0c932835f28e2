package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"vault"

	"vault/internal/atomicfile"
)

// Anchor is a point of the audit chain: its entry count and the hash of its
// last entry. Every later state of an honest log still holds it.
type Anchor struct {
	Entries int64
	Head    string
}

func (a Anchor) String() string { return fmt.Sprintf("%d %s", a.Entries, a.Head) }

// AnchorPath is where the anchor file of the database at dbPath is
// (vault.db.head). It keeps the newest anchor beside the database, written
// after every commit that adds audit entries. A reset of the database alone
// (the audit table dropped and the records sealed again) or its newest
// entries deleted then no longer hold it, and verify says so. Someone who
// can rewrite the directory can rewrite both: only a head kept elsewhere
// (verify --head) holds against that.
func AnchorPath(dbPath string) string { return dbPath + ".head" }

// txAudited marks the write transactions that appended audit entries.
var txAudited sync.Map // *sql.Tx -> bool

// readAnchor reads an anchor file; ok is false when there is none.
func readAnchor(path string) (a Anchor, ok bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	return parseAnchor(string(data))
}

// parseAnchor reads "ENTRIES HEAD\n".
func parseAnchor(s string) (Anchor, bool, error) {
	n, head, found := strings.Cut(strings.TrimSuffix(s, "\n"), " ")
	entries, err := strconv.ParseInt(n, 10, 64)
	if !found || err != nil || entries < 0 || !isHex(head, 64) || n != strconv.FormatInt(entries, 10) ||
		entries == 0 && head != genesis {
		return Anchor{}, true, errors.New("it does not hold an entry count and a 64-digit head")
	}
	return Anchor{Entries: entries, Head: head}, true, nil
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// writeAnchor replaces the anchor file with a, unless it already holds as
// many entries or more: a concurrent writer's newer anchor stays, and so
// does one a truncated log no longer holds, for verify to report.
func writeAnchor(path string, a Anchor) error {
	if old, ok, err := readAnchor(path); err == nil && ok && old.Entries >= a.Entries {
		return nil
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, a.String()+"\n")
		return err
	})
}

// anchorAfterCommit writes the anchor after a commit that appended audit
// entries. It reads the head the database holds now, not the one the
// transaction last wrote: a savepoint rolled back (an import's failed
// message) took its entries with it, and a head read after the commit is
// one the log holds.
func (db *DB) anchorAfterCommit(ctx context.Context, tx *sql.Tx) error {
	if _, ok := txAudited.LoadAndDelete(tx); !ok || db.path == "" {
		return nil
	}
	a, err := db.Anchor(ctx)
	if err == nil {
		err = writeAnchor(AnchorPath(db.path), a)
	}
	if err != nil {
		return fmt.Errorf("saved, but the audit head could not be written to %s: %w", AnchorPath(db.path), err)
	}
	return nil
}

// ErrAnchorMissing is a vault whose log keeps an anchor file without it.
var ErrAnchorMissing = errors.New("the anchor file is missing: this vault keeps a copy of its newest audit entry there, " +
	"so its newest entries may have been removed with it. If you removed the file yourself, " +
	"a repair writes it again from the log as it is now")

// ensureAnchor writes the anchor of a new vault (an empty log). A log with
// entries got its anchor with them; one that lost it is for verify to report.
func (db *DB) ensureAnchor(ctx context.Context) error {
	if _, ok, _ := readAnchor(AnchorPath(db.path)); ok {
		return nil
	}
	a, err := db.Anchor(ctx)
	if err != nil || a.Entries > 0 {
		return err
	}
	return writeAnchor(AnchorPath(db.path), a)
}

// RewriteAnchor writes the anchor file from the log as it is now, when it
// is missing: a restored vault (archives do not hold it), or one whose
// owner removed it. It returns the anchor written, or false when there
// was one.
func (db *DB) RewriteAnchor(ctx context.Context) (Anchor, bool, error) {
	if _, ok, err := readAnchor(AnchorPath(db.path)); ok || err != nil {
		return Anchor{}, false, err
	}
	a, err := db.Anchor(ctx)
	if err == nil {
		err = writeAnchor(AnchorPath(db.path), a)
	}
	return a, err == nil, err
}

// refuseReset stops the migration that seals existing records (3) on a
// vault whose anchor says it had an audit log: its database lost it, and
// sealing again would vouch for whatever the records hold now.
func (db *DB) refuseReset() error {
	if db.path == "" {
		return nil // a database in memory: the schema's reference
	}
	a, ok, err := readAnchor(AnchorPath(db.path))
	if err != nil || !ok || a.Entries == 0 {
		return nil
	}
	return vault.WithFix(fmt.Errorf("%s has no audit log, but %s records one of %d entries (head %s): the log was removed; "+
		"restore the vault from a backup", db.path, AnchorPath(db.path), a.Entries, a.Head), vault.Fix{Do: vault.DoRestore})
}

// Anchor returns the audit log's anchor now.
func (db *DB) Anchor(ctx context.Context) (Anchor, error) { return lastEntry(ctx, db.db) }

// lastEntry reads the anchor of the log q holds: its last entry, or the
// genesis of an empty log.
func lastEntry(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (Anchor, error) {
	a := Anchor{Head: genesis}
	err := q.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&a.Entries, &a.Head)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil
	}
	return a, err
}

// checkAnchor compares the anchor file, read before the snapshot began,
// with the chain in c: its entry must be there, with its hash.
func checkAnchor(a Anchor, path string, c *Check) {
	name := filepath.Base(path)
	switch {
	case a.Entries > c.last:
		c.Problems = append(c.Problems, vault.Problem{Record: "audit", File: name, What: fmt.Sprintf(
			"the log ends at entry %d, but the anchor recorded entry %d: its newest entries were removed "+
				"(or lost when the machine lost power)", c.last, a.Entries)})
	case a.Entries > 0 && c.hashes[a.Entries] != a.Head:
		c.Problems = append(c.Problems, vault.Problem{Record: "audit", File: name, What: fmt.Sprintf(
			"entry %d is not the one the anchor recorded: the log was rewritten", a.Entries)})
	}
}

// FindHead reports where a head kept elsewhere (its full 64 digits, or at
// least its first 16) is in the audit chain now: its entry number, and how
// many entries the chain holds. ErrNotFound when no entry has it.
func (db *DB) FindHead(ctx context.Context, head string) (entry, entries int64, err error) {
	head = strings.ToLower(strings.TrimSpace(head))
	if len(head) < 16 || len(head) > 64 || !isHex(head, len(head)) {
		return 0, 0, fmt.Errorf("%q is not an audit head: give its 64 hexadecimal digits (or at least the first 16)", head)
	}
	err = db.read(ctx, func(tx *sql.Tx) error {
		if head != genesis {
			if err := queryRow(ctx, tx, `SELECT id FROM audit WHERE substr(hash, 1, ?) = ? ORDER BY id LIMIT 1`,
				len(head), head).Scan(&entry); err != nil {
				return err
			}
		}
		return queryRow(ctx, tx, `SELECT count(*) FROM audit`).Scan(&entries)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, fmt.Errorf("audit head %s: %w", head, vault.ErrNotFound)
	}
	return entry, entries, err
}
