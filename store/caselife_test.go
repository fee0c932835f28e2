package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"vault"

	"vault/internal/money"
)

// TestCaseLife walks a case through its statuses, events, links, charges,
// rules, settings and statement, and checks that the vault verifies after
// each step: every new kind of record has its audit entry.
func TestCaseLife(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	o, err := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "81", Ordered: day("2026-10-02")})
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.AddCase(ctx, vault.Case{Kind: "dispute", Orders: []vault.OrderID{o}, Opened: day("2026-11-20")})
	if err != nil {
		t.Fatal(err)
	}
	verified := func(step string) {
		t.Helper()
		check, err := db.Verify(ctx)
		if err != nil || len(check.Problems) > 0 {
			t.Fatalf("after %s: %v %+v", step, err, check.Problems)
		}
	}
	transitions := []struct {
		to    vault.CaseStatus
		force bool
		ok    bool
	}{
		{"open", false, false}, // already open
		{"escalated", false, true},
		{"open", false, false}, // back from escalated
		{"won", false, true},
		{"open", false, false}, // reopening a decided case
		{"closed", false, true},
		{"open", true, true},
		{"draft", false, false},
		{"lost", false, true},
		{"sideways", true, false},
	}
	for _, tt := range transitions {
		err := db.SetCaseStatus(ctx, c, tt.to, day("2026-11-21"), "", tt.force)
		if (err == nil) != tt.ok {
			t.Errorf("-> %s (force %v): %v", tt.to, tt.force, err)
		}
	}
	f, _ := db.CaseFile(ctx, c)
	if f.Case.Status != "lost" || f.Case.Closed.String() != "2026-11-21" {
		t.Errorf("status %s closed %q", f.Case.Status, f.Case.Closed)
	}
	verified("status changes")

	if err := db.AddEvent(ctx, c, day("2026-01-01"), "too early", false); !errors.As(err, new(*vault.NeedsForceError)) {
		t.Errorf("an event before the order: %v", err)
	}
	if err := db.AddEvent(ctx, c, day("2026-01-01"), "too early, but so", true); err != nil {
		t.Error(err)
	}
	if err := db.AddEvent(ctx, 99, day("2026-11-01"), "x", false); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("event of a missing case: %v", err)
	}
	verified("events")

	ev, err := db.AddEvidence(ctx, []vault.Evidence{{Kind: "message", Source: "typed", Party: "me", Body: "hi"}}, vault.Links{Orders: []vault.OrderID{o}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LinkCase(ctx, c, nil, []vault.EvidenceID{ev[0].ID, 77}); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("linking missing evidence: %v", err)
	}
	if f, _ := db.CaseFile(ctx, c); len(f.Evidence) != 1 { // through the order only: the failed link left nothing
		t.Errorf("%d evidence after a refused link", len(f.Evidence))
	}
	if err := db.LinkCase(ctx, c, nil, []vault.EvidenceID{ev[0].ID}); err != nil {
		t.Error(err)
	}
	verified("links")

	if _, err := db.AddCharge(ctx, vault.Charge{Order: o, Kind: "vat", Amount: money.Money{Minor: 30863, Currency: "NOK"}}); err != nil {
		t.Error(err)
	}
	if _, err := db.AddCharge(ctx, vault.Charge{Order: o, Kind: "tip", Amount: money.Money{Minor: 1, Currency: "NOK"}}); err == nil {
		t.Error("a charge of unknown kind")
	}
	if err := db.SetRules(ctx, []RuleRow{{ID: "x.y", JSON: `{"id":"x.y"}`}, {ID: "x.y"}}); err != nil {
		t.Error(err)
	}
	if rows, _ := db.Rules(ctx); len(rows) != 0 {
		t.Errorf("a reset rule is still listed: %v", rows)
	}
	if err := db.SetConfig(ctx, "name", "Åse Nordmann"); err != nil {
		t.Error(err)
	}
	if err := db.SetConfig(ctx, "name", "bad \xff"); err == nil {
		t.Error("invalid UTF-8 name kept")
	}
	if err := db.SetStatement(ctx, c, "Jeg krever pengene tilbake."); err != nil {
		t.Error(err)
	}
	if f, _ := db.CaseFile(ctx, c); f.Statement != "Jeg krever pengene tilbake." {
		t.Errorf("statement %q", f.Statement)
	}
	verified("charges, rules, settings, statement")

	// An edit outside vault shows on the new kinds of records too.
	if _, err := db.db.ExecContext(ctx, `UPDATE order_charges SET amount_minor = 1`); err != nil {
		t.Fatal(err)
	}
	check, _ := db.Verify(ctx)
	if len(check.Problems) != 1 || check.Problems[0].Record != "CHG-1" {
		t.Errorf("edited charge: %+v", check.Problems)
	}
}

// TestReportAndActivity counts orders, totals, disputes and their outcomes.
func TestReportAndActivity(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	var ids []vault.OrderID
	for i, d := range []string{"2026-09-01", "2026-10-01", "2026-11-01"} {
		id, err := db.AddOrder(ctx, vault.Order{Marketplace: "temu", Number: string(rune('a' + i)), Ordered: day(d),
			Total: money.Money{Minor: 1000, Currency: "NOK"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "e", Ordered: day("2025-05-05"),
		Total: money.Money{Minor: 500, Currency: "EUR"}}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-11-10", "2026-08-01"} {
		if _, err := db.AddCase(ctx, vault.Case{Kind: "dispute", Orders: ids[:1], Opened: day(d)}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := db.Report(ctx, "", 0)
	if err != nil || len(r.Markets) != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	temu := r.Markets[1]
	if temu.Orders != 3 || temu.Totals[0].Minor != 3000 || temu.Disputes != 2 || temu.DisputeRate < 0.66 || temu.DisputeRate > 0.67 {
		t.Errorf("temu: %+v", temu)
	}
	if r, _ := db.Report(ctx, "ebay", 2026); len(r.Markets) != 0 {
		t.Errorf("ebay 2026: %+v", r.Markets)
	}
	a, err := db.DisputeActivity(ctx, "Temu", "2026-10-26", "2026-08-27", "2026-11-25", nil)
	if want := (vault.DisputeActivity{Disputes30: 1, Disputes90: 1, Disputed90: 1, Orders90: 3}); err != nil || a != want {
		t.Errorf("activity: %+v %v", a, err)
	}

	// A chargeback after the dispute about the same order is one more
	// dispute, not one more order; an old order of the new case counts.
	if _, err := db.AddCase(ctx, vault.Case{Kind: "chargeback", Orders: ids[:1], Opened: day("2026-11-20")}); err != nil {
		t.Fatal(err)
	}
	a, err = db.DisputeActivity(ctx, "temu", "2026-10-26", "2026-08-27", "2026-11-25", nil)
	if want := (vault.DisputeActivity{Disputes30: 2, Disputes90: 2, Disputed90: 1, Orders90: 3}); err != nil || a != want {
		t.Errorf("after the chargeback: %+v %v", a, err)
	}
	old := vault.OrderID(4)
	a, err = db.DisputeActivity(ctx, "ebay", "2026-10-26", "2026-08-27", "2026-11-25", []vault.OrderID{old, ids[0]})
	if want := (vault.DisputeActivity{Disputed90: 1, Orders90: 1}); err != nil || a != want {
		t.Errorf("ebay, with its old order: %+v %v", a, err)
	}
}

// TestDisputeKinds: the SQL list of the kinds that count as disputes agrees
// with vault.CaseKind.CountsAsDispute.
func TestDisputeKinds(t *testing.T) {
	for _, k := range vault.CaseKinds {
		if in := strings.Contains(disputeKinds, "'"+string(k)+"'"); in != k.CountsAsDispute() {
			t.Errorf("%s: in disputeKinds %v, counts as dispute %v", k, in, k.CountsAsDispute())
		}
	}
}
