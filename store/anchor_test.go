package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"vault"

	"vault/migrations"
)

// addOrders adds n orders, one audit entry each.
func addOrders(t *testing.T, db *DB, n int) {
	t.Helper()
	for range n {
		next++
		if _, err := db.AddOrder(context.Background(), vault.Order{Marketplace: "ebay", Number: fmt.Sprint(next)}); err != nil {
			t.Fatal(err)
		}
	}
}

var next int // the last order number addOrders used

// problems runs Verify and returns what it found, one string each.
func problems(t *testing.T, db *DB) []string {
	t.Helper()
	c, err := db.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range c.Problems {
		out = append(out, p.Record+": "+p.What)
	}
	return out
}

func rawExec(t *testing.T, db *DB, q string, args ...any) {
	t.Helper()
	if _, err := db.db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func wantOneProblem(t *testing.T, got []string, want string) {
	t.Helper()
	if len(got) != 1 || !strings.Contains(got[0], want) {
		t.Fatalf("problems = %q; want only one saying %q", got, want)
	}
}

// TestAnchorFollowsCommits: the anchor file holds the newest entry.
func TestAnchorFollowsCommits(t *testing.T) {
	db, path := newDB(t)
	addOrders(t, db, 3)
	a, ok, err := readAnchor(AnchorPath(path))
	want, _ := db.Anchor(context.Background())
	if err != nil || !ok || a != want || a.Entries != 3 {
		t.Fatalf("anchor = %v, %v, %v; want %v", a, ok, err, want)
	}
	if info, err := os.Stat(AnchorPath(path)); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("anchor file: %v, %v", info, err)
	}
	if got := problems(t, db); len(got) != 0 {
		t.Fatalf("a healthy vault: %q", got)
	}
}

// TestAnchorCatchesTruncation: the newest records deleted with their audit
// entries pass the chain check, not the anchor; nor does the entry a later
// write puts in the removed one's place.
func TestAnchorCatchesTruncation(t *testing.T) {
	db, _ := newDB(t)
	addOrders(t, db, 3)
	rawExec(t, db, `DELETE FROM audit WHERE id = 3`)
	rawExec(t, db, `DELETE FROM orders WHERE id = 3`)
	rawExec(t, db, `DELETE FROM words WHERE ref = 'ORD-3'`)
	rawExec(t, db, `DELETE FROM search WHERE ref = 'ORD-3'`)
	wantOneProblem(t, problems(t, db), "the log ends at entry 2, but the anchor recorded entry 3")
	addOrders(t, db, 1)
	wantOneProblem(t, problems(t, db), "entry 3 is not the one the anchor recorded: the log was rewritten")
}

// TestAnchorDamaged: an anchor that is not one is reported, not trusted.
func TestAnchorDamaged(t *testing.T) {
	db, path := newDB(t)
	addOrders(t, db, 1)
	for _, bad := range []string{"", "1", "x " + strings.Repeat("a", 64), "-1 " + strings.Repeat("a", 64),
		"1 " + strings.Repeat("A", 64), "1 " + strings.Repeat("a", 63), "1 ../../" + strings.Repeat("a", 58), "١ " + strings.Repeat("a", 64),
		"0 " + strings.Repeat("7", 64), "+1 " + strings.Repeat("a", 64), "01 " + strings.Repeat("a", 64)} {
		os.WriteFile(AnchorPath(path), []byte(bad), 0o600)
		wantOneProblem(t, problems(t, db), "the audit anchor is unreadable")
	}
}

// TestResetRefused: a vault whose audit log was dropped and whose version
// was set back, so that migration 3 would seal every record again, forged
// values included, does not open while its anchor says it had a log.
func TestResetRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vault.db")
	oldVault(t, path)
	if err := os.WriteFile(AnchorPath(path), []byte("5 "+strings.Repeat("ab", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "records one of 5 entries") {
		t.Fatalf("open of a reset vault: %v", err)
	}
	// The same old vault with no anchor is one made before the audit log:
	// its records are sealed, and the anchor written.
	os.Remove(AnchorPath(path))
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if a, ok, _ := readAnchor(AnchorPath(path)); !ok || a.Entries != 1 {
		t.Fatalf("anchor after adopting = %v, %v", a, ok)
	}
}

// oldVault makes a database at schema 2, before the audit log, with one order.
func oldVault(t *testing.T, path string) {
	t.Helper()
	all, err := migrations.All()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, m := range all[:2] {
		if _, err := raw.Exec(m.SQL); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`PRAGMA user_version = 2; INSERT INTO orders (marketplace, number, created_at) VALUES ('ebay', '1', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
}

// TestFindHead: a head kept elsewhere is found by its full hash or its
// first 16 digits; one the log never had is not.
func TestFindHead(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	addOrders(t, db, 2)
	kept, _ := db.Anchor(ctx)
	addOrders(t, db, 3)
	for _, head := range []string{kept.Head, strings.ToUpper(kept.Head[:16]), " " + kept.Head + "\n"} {
		if entry, entries, err := db.FindHead(ctx, head); err != nil || entry != 2 || entries != 5 {
			t.Errorf("FindHead(%q) = %d, %d, %v; want 2, 5", head, entry, entries, err)
		}
	}
	if _, _, err := db.FindHead(ctx, strings.Repeat("ab", 32)); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("an unknown head: %v", err)
	}
	for _, bad := range []string{"", "abc", strings.Repeat("g", 64), strings.Repeat("a", 65), "' OR 1=1 --"} {
		if _, _, err := db.FindHead(ctx, bad); err == nil || errors.Is(err, vault.ErrNotFound) {
			t.Errorf("FindHead(%q): %v; want a usage error", bad, err)
		}
	}
}

// TestEntryHashPinned pins the hash of a fixed entry: it is the vault's
// format on disk, and a change to what it covers (the previous hash above
// all) must show here, not in users' vaults.
func TestEntryHashPinned(t *testing.T) {
	e := vault.AuditEntry{ID: 7, At: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), Action: "add order",
		Record: "ORD-3", Content: strings.Repeat("c", 64), Prev: strings.Repeat("b", 64)}
	const want = "c6a7d388cb4600a534b5fa40e51b55b91c3e8e0ea4e029c3d93e6201d79f76b6"
	if got := entryHash(e); got != want {
		t.Errorf("entryHash = %s; want %s", got, want)
	}
	e.Prev = genesis
	if entryHash(e) == want {
		t.Error("the entry hash does not cover the previous hash")
	}
}

// TestChainRepointed: a row whose prev is changed, its own hash made good
// again, breaks the link to the row before, and only that.
func TestChainRepointed(t *testing.T) {
	db, _ := newDB(t)
	addOrders(t, db, 3)
	entries, err := db.Audit(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	e := entries[1]
	e.Prev = strings.Repeat("d", 64)
	rawExec(t, db, `UPDATE audit SET prev = ?, hash = ? WHERE id = 2`, e.Prev, entryHash(e))
	rawExec(t, db, `UPDATE audit SET prev = ?, hash = ? WHERE id = 3`, entryHash(e), rehash(entries[2], entryHash(e)))
	// The anchor would catch it too; this is the chain's check.
	os.Remove(AnchorPath(db.path))
	if err := writeAnchor(AnchorPath(db.path), Anchor{3, rehash(entries[2], entryHash(e))}); err != nil {
		t.Fatal(err)
	}
	got := problems(t, db)
	wantOneProblem(t, got, "audit 2: chain broken: it does not follow the row before")
}

// rehash is e's hash with prev as its previous hash.
func rehash(e vault.AuditEntry, prev string) string {
	e.Prev = prev
	return entryHash(e)
}

// TestAnchorDeleted: a log begun since the anchor file follows its own
// genesis, so the file's absence is reported: deleting it with the newest
// records and their entries no longer passes (review of 2026-12-03).
// --repair's RewriteAnchor writes it again from the log.
func TestAnchorDeleted(t *testing.T) {
	ctx := context.Background()
	db, path := newDB(t)
	addOrders(t, db, 3)
	log, _ := db.Audit(ctx, "")
	if log[0].Prev != anchoredGenesis {
		t.Fatalf("the first entry follows %s", log[0].Prev)
	}
	rawExec(t, db, `DELETE FROM orders WHERE id = 3`)
	rawExec(t, db, `DELETE FROM search WHERE ref = 'ORD-3'`)
	rawExec(t, db, `DELETE FROM words WHERE ref = 'ORD-3'`)
	rawExec(t, db, `DELETE FROM audit WHERE id = 3`)
	os.Remove(AnchorPath(path))
	wantOneProblem(t, problems(t, db), "the anchor file is missing")
	if _, err := Open(ctx, path); err != nil { // opening does not write it again
		t.Fatal(err)
	}
	wantOneProblem(t, problems(t, db), "the anchor file is missing")
	a, wrote, err := db.RewriteAnchor(ctx)
	if err != nil || !wrote || a.Entries != 2 {
		t.Fatalf("RewriteAnchor = %v %v %v", a, wrote, err)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("after RewriteAnchor: %q", got)
	}
}

// TestAnchorMarkedOnUpgrade: a log begun before the anchor file (from the
// zero genesis) gets, with migration 10, an entry saying it keeps one; from
// then on a missing anchor is reported for it too.
func TestAnchorMarkedOnUpgrade(t *testing.T) {
	ctx := context.Background()
	db, path := newDB(t)
	addOrders(t, db, 2)
	log, _ := db.Audit(ctx, "")
	prev := genesis
	for _, e := range log { // as an older vault wrote it
		e.Prev = prev
		prev = entryHash(e)
		rawExec(t, db, `UPDATE audit SET prev = ?, hash = ? WHERE id = ?`, e.Prev, prev, e.ID)
	}
	rawExec(t, db, `PRAGMA user_version = 9`)
	os.Remove(AnchorPath(path))
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("an older vault without its anchor: %q", got)
	}
	db.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log, _ = db.Audit(ctx, "")
	if last := log[len(log)-1]; len(log) != 3 || last.Record != anchorRecord {
		t.Fatalf("after the upgrade the log ends with %+v", last)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("after the upgrade: %q", got)
	}
	os.Remove(AnchorPath(path))
	wantOneProblem(t, problems(t, db), "the anchor file is missing")
}

// TestVerifyReportsOddRows: rows no vault writes (a NULL key, an entry's
// time unreadable or written in another form for the same instant) are
// reported; verify used to stop at them, or pass the last (review of
// 2026-12-03).
func TestVerifyReportsOddRows(t *testing.T) {
	for _, tc := range []struct{ sql, want string }{
		{`INSERT INTO config (key, value, set_at) VALUES (NULL, 'x', '2026-11-25T12:00:00Z')`, "CONF-: no audit entry"},
		{`UPDATE audit SET at = 'garbage' WHERE id = 1`, "audit 1: its hash does not match its content"},
		{`UPDATE audit SET at = '2026-11-25T13:00:00+01:00' WHERE id = 1`, "audit 1: its hash does not match its content"},
	} {
		db, _ := newDB(t)
		addOrders(t, db, 1)
		rawExec(t, db, tc.sql)
		wantOneProblem(t, problems(t, db), tc.want)
	}
}
