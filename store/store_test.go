package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"vault"

	"github.com/google/go-cmp/cmp"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
	"vault/migrations"
)

var clock = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newDB(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vault.db")
	db, err := Create(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return clock }
	t.Cleanup(func() { db.Close() })
	return db, path
}

func day(s string) date.Value {
	v, err := date.Parse(s, time.UTC)
	if err != nil {
		panic(err)
	}
	return v
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	db, path := newDB(t)
	all, err := migrations.All()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := db.Version(ctx); err != nil || v != len(all) {
		t.Fatalf("version = %d, %v; want %d", v, err, len(all))
	}
	// Reopening applies nothing and keeps the data.
	if _, err := db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "1"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if os, err := db2.Orders(ctx, false); err != nil || len(os) != 1 {
		t.Fatalf("after reopen: %d orders, %v", len(os), err)
	}
	// A database from a newer vault is refused rather than misread.
	if _, err := db2.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(all)+1)); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "upgrade vault") {
		t.Fatalf("open of a newer schema: %v", err)
	}
}

func TestOpenMissing(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "nope.db"))
	if !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("Open of a missing file = %v, want ErrNoDatabase", err)
	}
}

func TestOrderRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	want := vault.Order{
		Marketplace: "aliexpress", Number: "8123456789012345", Seller: "Blåbær Store",
		Items: []string{"Lader 65W", "2 x kabel"}, Total: money.Money{Minor: 4990, Currency: "NOK"},
		Ordered: day("2026-10-02"), Paid: day("2026-10-02T14:30:00+02:00"), Delivered: day("2024-02-29"),
		Payment: "visa 4242", Tracking: []string{"LP1", "LP2"}, Note: "æøå 中文 🙏",
	}
	id, err := db.AddOrder(ctx, vault.Order{
		Marketplace: " AliExpress ", Number: want.Number, Seller: want.Seller, Items: want.Items, Total: want.Total,
		Ordered: want.Ordered, Paid: want.Paid, Delivered: want.Delivered, Payment: want.Payment,
		Tracking: want.Tracking, Note: want.Note,
	})
	if err != nil {
		t.Fatal(err)
	}
	want.ID, want.CreatedAt = id, clock
	got, err := db.Order(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(date.Value{})); diff != "" {
		t.Errorf("order round trip (-want +got):\n%s", diff)
	}
	if _, err := db.AddOrder(ctx, vault.Order{Marketplace: "ALIEXPRESS", Number: want.Number}); !errors.Is(err, vault.ErrExists) {
		t.Errorf("duplicate order: %v, want ErrExists", err)
	}
}

func TestResolveOrder(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	a, _ := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "111"})
	db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "222"})
	db.AddOrder(ctx, vault.Order{Marketplace: "temu", Number: "222"})
	tests := []struct {
		ref  string
		want vault.OrderID
		err  error
	}{
		{"ORD-1", a, nil},
		{"ord-1", a, nil},
		{" 111 ", a, nil},
		{"222", 0, vault.ErrAmbiguous},
		{"ORD-99", 0, vault.ErrNotFound},
		{"999", 0, vault.ErrNotFound},
		{"", 0, vault.ErrNotFound},
		{"ORD-", 0, vault.ErrNotFound},
		{"../../etc/passwd", 0, vault.ErrNotFound},
		{"'; DROP TABLE orders; --", 0, vault.ErrNotFound},
	}
	for _, tt := range tests {
		got, err := db.ResolveOrder(ctx, tt.ref)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ResolveOrder(%q) = %v, %v; want %v, %v", tt.ref, got, err, tt.want, tt.err)
		}
	}
}

func TestAddEvidenceIsAtomicAndDedups(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "1"})
	blob := &vault.Blob{SHA256: strings.Repeat("ab", 32), Size: 10, MediaType: "image/png"}
	file := vault.Evidence{Kind: "screenshot", Source: "file", Title: "a.png", FileName: "a.png", Blob: blob}

	// A link to a missing order fails the whole call: nothing is recorded.
	if _, err := db.AddEvidence(ctx, []vault.Evidence{file}, vault.Links{Orders: []vault.OrderID{o, 42}}); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("missing order: %v", err)
	}
	if list, _ := db.ListEvidence(ctx, EvidenceFilter{}); len(list) != 0 {
		t.Fatalf("a failed call left %d rows", len(list))
	}
	if _, err := db.AddEvidence(ctx, []vault.Evidence{file}, vault.Links{}); err == nil {
		t.Fatal("evidence without an order or case was accepted")
	}

	added, err := db.AddEvidence(ctx, []vault.Evidence{file}, vault.Links{Orders: []vault.OrderID{o}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.AddCase(ctx, vault.Case{Kind: "dispute", Orders: []vault.OrderID{o}})
	if err != nil {
		t.Fatal(err)
	}
	// Same bytes again: the existing record gains the case link.
	again, err := db.AddEvidence(ctx, []vault.Evidence{file}, vault.Links{Cases: []vault.CaseID{c}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]vault.Added{{ID: added[0].ID, Duplicate: true}}, again); diff != "" {
		t.Errorf("second add (-want +got):\n%s", diff)
	}
	// A message from a file with the same bytes is a message of its own.
	msg := vault.Evidence{Kind: "message", Source: "file", Body: "hi", Blob: blob}
	third, err := db.AddEvidence(ctx, []vault.Evidence{msg}, vault.Links{Orders: []vault.OrderID{o}})
	if err != nil || third[0].Duplicate {
		t.Fatalf("message with a known blob: %+v, %v", third, err)
	}
	list, err := db.ListEvidence(ctx, EvidenceFilter{Case: c})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || !cmp.Equal(list[0].Cases, []vault.CaseID{c}) || !cmp.Equal(list[0].Orders, []vault.OrderID{o}) {
		t.Errorf("evidence of the case: %+v", list)
	}
}

func TestCaseFile(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o1, _ := db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "1"})
	o2, _ := db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "2"})
	db.AddEvidence(ctx, []vault.Evidence{{Kind: "message", Source: "typed", Body: "late", OccurredAt: day("2026-10-20 10:00")}}, vault.Links{Orders: []vault.OrderID{o1}})
	db.AddEvidence(ctx, []vault.Evidence{{Kind: "message", Source: "typed", Body: "other order"}}, vault.Links{Orders: []vault.OrderID{o2}})
	if _, err := db.AddCase(ctx, vault.Case{Kind: "dispute"}); err == nil {
		t.Fatal("a case without orders was accepted")
	}
	id, err := db.AddCase(ctx, vault.Case{Kind: "chargeback", Orders: []vault.OrderID{o1}, Amount: money.Money{Minor: 100, Currency: "EUR"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Orders) != 1 || f.Orders[0].ID != o1 || len(f.Evidence) != 1 || f.Evidence[0].Body != "late" {
		t.Errorf("case file holds the wrong records: %+v", f)
	}
	if len(f.Events) != 1 || f.Events[0].In(lang.EN) != "chargeback case opened" || f.Events[0].At != date.Instant(clock) {
		t.Errorf("events: %+v", f.Events)
	}
	if _, err := db.CaseFile(ctx, 99); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("CaseFile(99) = %v", err)
	}
}

// TestConcurrentWriters opens the same file twice, as two vault processes
// would, and writes from both at once: every write must land.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	db, path := newDB(t)
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	const each = 40
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for w, h := range []*DB{db, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if _, err := h.AddOrder(ctx, vault.Order{Marketplace: "m", Number: fmt.Sprintf("%d-%d", w, i), Items: []string{"x"}}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if os, _ := db.Orders(ctx, false); len(os) != 2*each {
		t.Errorf("%d orders landed, want %d", len(os), 2*each)
	}
}
