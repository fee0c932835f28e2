package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/internal/lang"
	"vault/internal/money"
)

// TestEditsAndRetractions: each change is an edit with its old value and a
// record of the audit log; the vault verifies after each; a retracted
// record leaves listings; an edit behind the vault's back still shows.
func TestEditsAndRetractions(t *testing.T) {
	db, _ := newDB(t)
	db.By = "kari"
	ctx := context.Background()
	verified := func(step string) {
		t.Helper()
		check, err := db.Verify(ctx)
		if err != nil || len(check.Problems) > 0 {
			t.Fatalf("after %s: %v %+v", step, err, check.Problems)
		}
	}
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: vault.AliExpress, Number: "81", Ordered: day("2026-10-02"),
		Total: money.Money{Minor: 34900, Currency: "NOK"}})
	edits, err := db.UpdateOrder(ctx, o, func(x vault.Order) (vault.Order, error) {
		return x.Apply([]vault.Change{{Field: "delivered", Op: vault.Set, Value: "2026-10-20"},
			{Field: "tracking", Op: vault.Add, Value: "LP1"}, {Field: "protection_ends", Op: vault.Set, Value: "2026-11-30"}})
	})
	if err != nil || len(edits) != 3 || edits[0].Field != "delivered" || edits[0].Old != "" || edits[0].New != "2026-10-20" ||
		edits[0].By != "kari" {
		t.Fatalf("%+v %v", edits, err)
	}
	got, _ := db.Order(ctx, o)
	if got.Delivered.String() != "2026-10-20" || got.ProtectionEnds.String() != "2026-11-30" || got.Tracking[0] != "LP1" {
		t.Errorf("order %+v", got)
	}
	verified("order edits")
	if _, err := db.UpdateOrder(ctx, o, func(x vault.Order) (vault.Order, error) { return x, nil }); !errors.Is(err, ErrNoChange) {
		t.Errorf("no change: %v", err)
	}
	// An edit outside vault of a fact is caught too.
	if _, err := db.db.ExecContext(ctx, `UPDATE order_facts SET value = '2027-01-01' WHERE key = 'protection_ends'`); err != nil {
		t.Fatal(err)
	}
	if check, _ := db.Verify(ctx); len(check.Problems) != 1 || check.Problems[0].Record != o.String() {
		t.Errorf("a fact edited behind the vault's back: %+v", check.Problems)
	}
	db.db.ExecContext(ctx, `UPDATE order_facts SET value = '2026-11-30' WHERE key = 'protection_ends'`)
	verified("undone")

	c, _ := db.AddCase(ctx, vault.Case{Kind: vault.Dispute, Orders: []vault.OrderID{o}, Opened: day("2026-11-01")})
	edits, err = db.UpdateCase(ctx, c, func(x vault.Case) (vault.Case, error) {
		return x.Apply([]vault.Change{{Field: "outcome", Op: vault.Set, Value: "partial"}, {Field: "refunded", Op: vault.Set, Value: "200.00 NOK"},
			{Field: "dispute_number", Op: vault.Set, Value: "5511023"}}, time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC), false)
	})
	if err != nil || len(edits) != 5 { // closed? no: decided, dispute number, outcome, refunded, status
		t.Fatalf("%+v %v", edits, err)
	}
	f, _ := db.CaseFile(ctx, c)
	if f.Case.Status != vault.StatusClosed || f.Case.Decided.String() != "2026-11-30" || f.Case.DisputeNumber != "5511023" ||
		f.Events[len(f.Events)-1].In(lang.EN) != "decided: partial, 200.00 NOK back" {
		t.Errorf("case %+v events %+v", f.Case, f.Events)
	}
	verified("case edits")

	ev, _ := db.AddEvidence(ctx, []vault.Evidence{{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Party: vault.PartyMe,
		Body: "hei", OccurredAt: day("2026-10-21")}}, vault.Links{Orders: []vault.OrderID{o}})
	e := ev[0].ID
	if _, err := db.UpdateEvidence(ctx, e, func(x vault.Evidence) (vault.Evidence, error) {
		return x.Apply([]vault.Change{{Field: "text", Op: vault.Set, Value: "hei, hvor er pakken?"}})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UnlinkEvidence(ctx, e, vault.Links{Cases: []vault.CaseID{c}}); err != nil {
		t.Fatal(err)
	}
	if f, _ := db.CaseFile(ctx, c); len(f.Evidence) != 0 {
		t.Errorf("evidence taken out of the case still in it: %+v", f.Evidence)
	}
	if _, err := db.UnlinkEvidence(ctx, e, vault.Links{Cases: []vault.CaseID{c}}); !errors.Is(err, ErrNoChange) {
		t.Errorf("second unlink: %v", err)
	}
	verified("evidence edits and unlink")

	if err := db.Retract(ctx, o.String(), "typed by mistake"); err == nil {
		t.Error("an order in a live case retracted")
	}
	if err := db.Retract(ctx, c.String(), "opened by mistake"); err != nil {
		t.Fatal(err)
	}
	if err := db.Retract(ctx, o.String(), "typed by mistake"); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.Orders(ctx, false); len(list) != 0 {
		t.Errorf("a retracted order listed: %+v", list)
	}
	if list, _ := db.Orders(ctx, true); len(list) != 1 || list[0].Retracted != "typed by mistake" {
		t.Errorf("--all: %+v", list)
	}
	if res, _ := db.Search(ctx, "81", 10); len(res.Hits) != 0 {
		t.Errorf("a retracted order found: %+v", res.Hits)
	}
	verified("retractions")
	if err := db.Retract(ctx, e.String(), "not mine"); err != nil {
		t.Fatal(err)
	}
	purged, err := db.Purge(ctx, func(sum string) error { t.Errorf("removed %s", sum); return nil })
	if err != nil || len(purged) != 0 { // a typed message has no file
		t.Errorf("%+v %v", purged, err)
	}
	if history, _ := db.Edits(ctx, o.String()); len(history) != 3 {
		t.Errorf("history: %+v", history)
	}
	verified("the end")
}

// TestPurgeAndStoredFiles: a purge covers the retracted evidence of its
// bytes up to then; the same bytes added later are a live record of their
// own whose file verify expects, and a file gone before its record is
// written (a purge in between) stops the write.
func TestPurgeAndStoredFiles(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: vault.Temu, Number: "PO-1"})
	photo := func() vault.Evidence {
		return vault.Evidence{Kind: vault.EvidencePhoto, Source: vault.SourceFile, Title: "p.jpg",
			Blob: &vault.Blob{SHA256: strings.Repeat("c", 64), Size: 3, MediaType: "image/jpeg"}}
	}
	links := vault.Links{Orders: []vault.OrderID{o}}
	first, err := db.AddEvidence(ctx, []vault.Evidence{photo()}, links)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Retract(ctx, first[0].ID.String(), "not mine"); err != nil {
		t.Fatal(err)
	}
	again, _ := db.AddEvidence(ctx, []vault.Evidence{photo()}, links)
	if again[0].Duplicate || again[0].ID == first[0].ID {
		t.Fatalf("the bytes of retracted evidence came back as it: %+v", again)
	}
	if p, _ := db.Purgeable(ctx); len(p) != 0 {
		t.Fatalf("a live record's file is purgeable: %+v", p)
	}
	db.Retract(ctx, again[0].ID.String(), "not mine either")
	var removed []string
	purged, err := db.Purge(ctx, func(sum string) error { removed = append(removed, sum); return nil })
	if err != nil || len(purged) != 1 || len(purged[0].Of) != 2 || len(removed) != 1 {
		t.Fatalf("purge: %+v %v, removed %v", purged, err, removed)
	}
	third, _ := db.AddEvidence(ctx, []vault.Evidence{photo()}, links)
	check, _ := db.Verify(ctx)
	if len(check.Blobs) != 1 || check.Blobs[0].Record != third[0].ID.String() {
		t.Errorf("verify expects %+v, want the file of %s alone", check.Blobs, third[0].ID)
	}
	db.Stored = func(string) bool { return false }
	if _, err := db.AddEvidence(ctx, []vault.Evidence{photo()}, links); err == nil || !strings.Contains(err.Error(), "went away") {
		t.Errorf("evidence recorded without its file: %v", err)
	}
}
