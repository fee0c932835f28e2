package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/deadlines"
	"vault/export"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/store"
)

func addCase(t *testing.T, s *Service, c vault.Case) vault.CaseID {
	t.Helper()
	id, err := s.DB.AddCase(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func addMessage(t *testing.T, s *Service, o vault.OrderID, from vault.Party, at string) {
	t.Helper()
	e := vault.Evidence{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Party: from, OccurredAt: day(at), Body: "hei"}
	if _, err := s.DB.AddEvidence(context.Background(), []vault.Evidence{e}, vault.Links{Orders: []vault.OrderID{o}}); err != nil {
		t.Fatal(err)
	}
}

// find returns the deadline of rule and window for record, or fails.
func find(t *testing.T, rows []Deadline, record, rule string) Deadline {
	t.Helper()
	for _, r := range rows {
		if r.Record == record && r.Rule == rule {
			return r
		}
	}
	t.Fatalf("no %s for %s in %d deadlines", rule, record, len(rows))
	return Deadline{}
}

// TestDeadlines: the buyer's last letter about an order starts the seller's
// time in the case of that order; a decided case settles its order; the
// law follows vault.LawFor (a SEK order gets EU windows, USD none).
func TestDeadlines(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81", Total: nok(100), Ordered: day("2026-10-02"),
		Shipped: day("2026-10-05"), Expected: day("2026-11-30"), Payment: "Visa 4242"})
	addMessage(t, s, o, vault.PartyMe, "2026-11-10")
	addMessage(t, s, o, vault.PartyMe, "2026-11-18")
	addMessage(t, s, o, vault.PartySeller, "2026-11-20") // the seller's answer starts nothing
	c := addCase(t, s, vault.Case{Kind: vault.Dispute, Orders: []vault.OrderID{o}, Opened: day("2026-11-20")})
	sek := addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-1", Total: amount(99, "SEK"), Delivered: day("2026-11-20")})
	usd := addOrder(t, s, vault.Order{Marketplace: vault.EBay, Number: "12-1", Total: amount(20, "USD"), Delivered: day("2026-11-20")})
	rows, err := s.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := find(t, rows, c.String(), "seller.first"); d.Closes.Format(time.DateOnly) != "2026-12-02" || d.Status != deadlines.Open || d.DaysLeft != 7 {
		t.Errorf("seller's time from the last letter (18 Nov): %+v", d)
	}
	// A Norwegian buyer (the default) has Norwegian law whatever the currency.
	for _, o := range []vault.OrderID{sek, usd} {
		if d := find(t, rows, o.String(), "no.angrerett"); d.Closes.Format(time.DateOnly) != "2026-12-04" {
			t.Errorf("%s angrerett: %+v", o, d)
		}
		if slices.ContainsFunc(rows, func(d Deadline) bool { return d.Record == o.String() && strings.HasPrefix(d.Rule, "eu.") }) {
			t.Errorf("%s of a Norwegian buyer got EU law", o)
		}
	}
	// A buyer in Sweden has the EU directives.
	if err := s.DB.SetConfig(ctx, vault.SettingCountry, "SE"); err != nil {
		t.Fatal(err)
	}
	rows, _ = s.Deadlines(ctx)
	if d := find(t, rows, sek.String(), "eu.withdrawal"); d.Closes.Format(time.DateOnly) != "2026-12-04" {
		t.Errorf("withdrawal of a buyer in Sweden: %+v", d)
	}
	s.DB.SetConfig(ctx, vault.SettingCountry, "")
	if err := s.DB.SetCaseStatus(ctx, c, vault.StatusWon, day("2026-11-24"), "", false); err != nil {
		t.Fatal(err)
	}
	rows, _ = s.Deadlines(ctx)
	if slices.ContainsFunc(rows, func(d Deadline) bool { return d.Record == o.String() || d.Record == c.String() }) {
		t.Error("a won case's order still has deadlines")
	}
	events := CalendarEvents(rows, func(s string) string { return s }, Basis)
	if len(events) == 0 || events[0].AlarmDays != 3 || !strings.Contains(events[0].Description, "Rule ") {
		t.Errorf("calendar: %+v", events)
	}
}

// TestDisputeWarnings counts the chargebacks on a marketplace's orders as
// disputes too: three disputes in 30 days and one chargeback make the next
// one the fifth.
func TestDisputeWarnings(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	var orders []vault.Order
	for i, kind := range []vault.CaseKind{vault.Dispute, vault.Dispute, vault.Dispute, vault.Chargeback, ""} {
		id := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: string(rune('a' + i)), Ordered: day("2026-11-01")})
		o, _ := s.DB.Order(ctx, id)
		orders = append(orders, o)
		if kind != "" {
			addCase(t, s, vault.Case{Kind: kind, Orders: []vault.OrderID{id}, Opened: day("2026-11-20")})
		}
	}
	w, err := s.DisputeWarnings(ctx, vault.Dispute, date.Value{}, orders[4:])
	if err != nil || len(w) != 1 || w[0].Marketplace != vault.AliExpress || w[0].Order != orders[4].ID ||
		!strings.Contains(w[0].Text, "dispute number 5 at AliExpress in 30 days") || w[0].Rule.ID != "aliexpress.abuse" ||
		!strings.Contains(w[0].Text, "this project's heuristic") {
		t.Fatalf("%+v %v", w, err)
	}
	if w, _ := s.DisputeWarnings(ctx, vault.Dispute, date.Value{}, []vault.Order{{Marketplace: vault.Temu}}); len(w) != 0 {
		t.Errorf("a first dispute at temu warned: %+v", w)
	}
	// Counted from the case's own day: backdated to September, the four of
	// November do not count; on 1 December they all do.
	if w, _ := s.DisputeWarnings(ctx, vault.Dispute, day("2026-09-15"), orders[4:]); len(w) != 0 {
		t.Errorf("a dispute backdated to September counted November's: %+v", w)
	}
	if w, _ := s.DisputeWarnings(ctx, vault.Dispute, day("2026-12-01"), orders[4:]); len(w) != 1 {
		t.Errorf("on 1 December: %+v", w)
	}
	// Visa: the third non-receipt chargeback at one seller in 30 days.
	var visa []vault.Order
	for i := range 3 {
		id := addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "V" + string(rune('0'+i)), Seller: "Shop X",
			Payment: "Visa 4242", Ordered: day("2026-11-01")})
		o, _ := s.DB.Order(ctx, id)
		visa = append(visa, o)
	}
	for _, o := range visa[:2] {
		addCase(t, s, vault.Case{Kind: vault.Chargeback, Orders: []vault.OrderID{o.ID}, Opened: day("2026-11-20")})
	}
	w, _ = s.DisputeWarnings(ctx, vault.Chargeback, day("2026-11-25"), visa[2:])
	if !slices.ContainsFunc(w, func(x DisputeWarning) bool {
		return x.Rule.ID == "visa.repeat" && strings.Contains(x.Text, "chargeback number 3 at Shop X")
	}) {
		t.Errorf("no cardholder-letter warning: %+v", w)
	}
}

// TestDossierAndLetters: the dossier takes the vault's name, drafts the
// letter for the kind of case, and for a reinstatement lists the account's
// disputes at the case's marketplaces only.
func TestDossierAndLetters(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	if err := s.DB.SetConfig(ctx, vault.SettingName, "Kari Nordmann"); err != nil {
		t.Fatal(err)
	}
	a := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8100000000000001", Total: nok(34900), Ordered: day("2026-09-02")})
	b := addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-1", Total: nok(8950)})
	addMessage(t, s, a, vault.PartyMe, "2026-10-14")
	addCase(t, s, vault.Case{Kind: vault.Chargeback, Orders: []vault.OrderID{a}, Opened: day("2026-11-17")})
	addCase(t, s, vault.Case{Kind: vault.Dispute, Orders: []vault.OrderID{b}, Opened: day("2026-11-18")})
	r := addCase(t, s, vault.Case{Kind: vault.Reinstatement, Orders: []vault.OrderID{a}, Opened: day("2026-11-20")})
	d, err := s.Dossier(ctx, r.String(), DossierOptions{Generated: today, Lang: lang.EN, Redact: true})
	if err != nil {
		t.Fatal(err)
	}
	if d.Claimant != "Kari Nordmann" || !d.StatementDrafted || !strings.Contains(d.Statement, "Request to reinstate my account") ||
		!d.Redacted || d.AuditHead == "" || len(d.Entries) == 0 {
		t.Errorf("dossier: claimant %q drafted %v redacted %v head %q, %d entries\n%s", d.Claimant, d.StatementDrafted,
			d.Redacted, d.AuditHead, len(d.Entries), d.Statement)
	}
	if d.Overview == nil || len(d.Overview.Markets) != 1 || d.Overview.Markets[0].Marketplace != vault.AliExpress {
		t.Errorf("overview of other marketplaces: %+v", d.Overview)
	}
	if len(d.Disputes) != 1 || d.Disputes[0].Kind != vault.Chargeback || d.Disputes[0].Orders != "8100000000000001" {
		t.Errorf("disputes: %+v", d.Disputes)
	}
	own, err := s.Dossier(ctx, r.String(), DossierOptions{Generated: today, Statement: "My own words.", Claimant: "Åse"})
	if err != nil || own.StatementDrafted || own.Statement != "My own words." || own.Claimant != "Åse" {
		t.Errorf("own statement: %v %+v", err, own.Statement)
	}
	letter, err := s.Letter(ctx, "seller", lang.NB, "", "PO-1", "")
	if err != nil || !strings.Contains(letter.Text, "Kari Nordmann") || !strings.Contains(letter.Text, "PO-1") {
		t.Errorf("seller letter about an order: %v\n%s", err, letter.Text)
	}
	pdf := filepath.Join(t.TempDir(), "d.pdf")
	w, err := s.WriteDossier(d, mustProfile(t, "default"), pdf, "")
	if err != nil || w.Pages < 4 {
		t.Fatalf("write: %+v %v", w, err)
	}
	if data, _ := os.ReadFile(pdf); !bytes.HasPrefix(data, []byte("%PDF-")) || int64(len(data)) != w.Bytes {
		t.Errorf("written %d bytes, said %d", len(data), w.Bytes)
	}
}

func mustProfile(t *testing.T, name string) export.Profile {
	p, ok := export.ProfileNamed(name)
	if !ok {
		t.Fatal(name)
	}
	return p
}

// TestVerifyAndRepair: an altered blob is a problem; an orphan is cleanup,
// removed by Repair only once it is old.
func TestVerifyAndRepair(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81"})
	in := t.TempDir()
	if _, err := s.Attach(ctx, AttachRequest{Paths: []string{writeInput(t, in, "a.txt", []byte("receipt"))},
		Links: vault.Links{Orders: []vault.OrderID{o}}}, nil); err != nil {
		t.Fatal(err)
	}
	orphan, err := s.Blobs.Put(strings.NewReader("nobody's"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Verify(ctx, nil)
	if err != nil || !r.OK || len(r.Orphans) != 1 || r.Records != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	if removed := s.Repair(r); len(removed) != 0 {
		t.Errorf("a young orphan removed: %v", removed)
	}
	old := time.Now().Add(-2 * RepairAge)
	os.Chtimes(s.Blobs.Path(orphan.SHA256), old, old)
	r, _ = s.Verify(ctx, nil)
	if removed := s.Repair(r); len(removed) != 1 {
		t.Errorf("an old orphan kept: %+v", r)
	}
	list, _ := s.DB.ListEvidence(ctx, store.EvidenceFilter{Order: o})
	path := s.Blobs.Path(list[0].Blob.SHA256)
	os.Chmod(path, 0o600)
	os.WriteFile(path, []byte("RECEIPT"), 0o400)
	r, _ = s.Verify(ctx, nil)
	if r.OK || len(r.Problems) != 1 || r.Problems[0].Record != "EV-1" || !strings.Contains(r.Problems[0].What, "altered") {
		t.Errorf("altered blob: %+v", r.Problems)
	}
}

// TestBackupAndRestore: a backup restores into a vault that verifies; a
// damaged one restores nothing.
func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81"})
	var archive bytes.Buffer
	m, err := s.Backup(ctx, &archive)
	if err != nil || len(m.Files) != 1 {
		t.Fatalf("%+v %v", m, err)
	}
	dir := filepath.Join(t.TempDir(), "r")
	if _, err := Restore(ctx, bytes.NewReader(archive.Bytes()), dir, time.Now, time.UTC); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	if _, err := Restore(ctx, bytes.NewReader(archive.Bytes()[:archive.Len()/2]), bad, time.Now, time.UTC); err == nil {
		t.Fatal("half an archive restored")
	}
	if _, err := os.Stat(bad); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed restore left %s", bad)
	}
	// Into an existing empty directory, a failed restore leaves it empty,
	// and nothing beside it (#18, item 6).
	empty := filepath.Join(t.TempDir(), "empty")
	os.Mkdir(empty, 0o700)
	if _, err := Restore(ctx, bytes.NewReader(archive.Bytes()[:archive.Len()-700]), empty, time.Now, time.UTC); err == nil {
		t.Fatal("a truncated archive restored")
	}
	if entries, _ := os.ReadDir(empty); len(entries) > 0 {
		t.Errorf("a failed restore left %s in %s", entries[0].Name(), empty)
	}
	if entries, _ := os.ReadDir(filepath.Dir(empty)); len(entries) != 1 {
		t.Errorf("a failed restore left %d entries beside %s", len(entries)-1, empty)
	}
	// A killed restore leaves its unpacking beside the target: the next
	// restore names it and says how to clear it; the target stays empty.
	os.Mkdir(restoring(empty), 0o700)
	_, err = Restore(ctx, bytes.NewReader(archive.Bytes()), empty, time.Now, time.UTC)
	if err == nil || !strings.Contains(err.Error(), "interrupted; remove it (rm -r "+restoring(empty)) {
		t.Errorf("a leftover restore: %v", err)
	}
	os.Remove(restoring(empty))
	if _, err := Restore(ctx, bytes.NewReader(archive.Bytes()), empty, time.Now, time.UTC); err != nil {
		t.Errorf("into an empty directory: %v", err)
	}
	if _, err := os.Stat(filepath.Join(empty, "vault.db")); err != nil {
		t.Errorf("restored vault: %v", err)
	}
}

// TestRepairSparesAReusedOrphan: a repair works from the report of an
// earlier verify; an attach of an old orphan's content in between reuses
// the stored file and records it. The repair must not remove it (#18,
// item 3): the attach touched it, and the repair reads its age again.
func TestRepairSparesAReusedOrphan(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81"})
	orphan, err := s.Blobs.Put(strings.NewReader("a receipt attached, retracted and purged long ago"))
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * RepairAge)
	os.Chtimes(s.Blobs.Path(orphan.SHA256), old, old)
	r, err := s.Verify(ctx, nil)
	if err != nil || len(r.Orphans) != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	in := t.TempDir()
	if _, err := s.Attach(ctx, AttachRequest{Paths: []string{writeInput(t, in, "again.txt", []byte("a receipt attached, retracted and purged long ago"))},
		Links: vault.Links{Orders: []vault.OrderID{o}}}, nil); err != nil {
		t.Fatal(err)
	}
	if removed := s.Repair(r); len(removed) != 0 {
		t.Errorf("repair removed %v, which the attach since relies on", removed)
	}
	if r, err := s.Verify(ctx, nil); err != nil || !r.OK {
		t.Errorf("after the repair: %+v %v", r.Problems, err)
	}
}

// TestPutBackAfterAnInterruptedRepair: a repair moves an orphan aside to
// read its age; killed there, just after an attach reused the file and
// recorded it, it left a record without its file. Verify says where the
// file is, a later repair does not remove it from tmp/ however old, and
// --repair puts it back. An altered copy stays a problem.
func TestPutBackAfterAnInterruptedRepair(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "82"})
	in := t.TempDir()
	content := []byte("the seller's promise, attached again")
	if _, err := s.Attach(ctx, AttachRequest{Paths: []string{writeInput(t, in, "promise.txt", content)},
		Links: vault.Links{Orders: []vault.OrderID{o}}}, nil); err != nil {
		t.Fatal(err)
	}
	sum := fmt.Sprintf("%x", sha256.Sum256(content))
	kill := func() {
		if err := os.Rename(s.Blobs.Path(sum), s.Blobs.Aside(sum)); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-2 * RepairAge)
		os.Chtimes(s.Blobs.Aside(sum), old, old)
	}
	kill()
	r, err := s.Verify(ctx, nil)
	if err != nil || r.OK || len(r.Problems) != 1 || r.Problems[0].What != fileAside || len(r.Temp) != 1 {
		t.Fatalf("after the kill: %+v %v", r, err)
	}
	if removed := s.Repair(r); len(removed) != 0 {
		t.Fatalf("the repair removed %v, the only copy of a recorded file", removed)
	}
	if s.PutBack(&r); !r.OK || len(r.PutBack) != 1 || len(r.Temp) != 0 {
		t.Fatalf("put back: %+v", r)
	}
	if r, err := s.Verify(ctx, nil); err != nil || !r.OK || len(r.Temp) != 0 {
		t.Errorf("after putting it back: %+v %v", r, err)
	}

	kill()
	os.WriteFile(s.Blobs.Aside(sum), []byte("the seller's promise, attached agai!"), 0o600)
	r, _ = s.Verify(ctx, nil)
	if s.PutBack(&r); r.OK || len(r.PutBack) != 0 || s.Blobs.Has(sum) || !strings.Contains(r.Problems[0].What, "could not be put back") {
		t.Errorf("an altered copy was put back: %+v", r)
	}
	if r, _ := s.Verify(ctx, nil); len(r.Orphans) != 0 {
		t.Errorf("the altered copy left a blob: %v", r.Orphans)
	}
}
