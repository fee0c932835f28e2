package casework

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vault"
)

// TestCheckTrackingShot: a tracking screenshot attached as a screenshot is
// named, to record as tracking, not asked for again; in as many words as
// the records back (#30, item 8).
func TestCheckTrackingShot(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8100000000000001", Ordered: day("2026-09-02"),
		Tracking: []string{"LP00123456789CN"}})
	c := addCase(t, s, vault.Case{Kind: vault.Chargeback, Status: vault.StatusOpen, Problem: vault.NotReceived, Orders: []vault.OrderID{o}})
	shot := func(file string) vault.EvidenceID {
		t.Helper()
		added, err := s.DB.AddEvidence(ctx, []vault.Evidence{{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, FileName: file}},
			vault.Links{Orders: []vault.OrderID{o}})
		if err != nil {
			t.Fatal(err)
		}
		return added[0].ID
	}
	read := func(id vault.EvidenceID, text string) {
		t.Helper()
		if err := s.DB.SetText(ctx, id, "test", text); err != nil {
			t.Fatal(err)
		}
	}
	item := func() Item {
		t.Helper()
		list, err := s.Check(ctx, c.String())
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range list.Items {
			if it.What == "the tracking history with its last scan" {
				return it
			}
		}
		t.Fatalf("no tracking item in %+v", list.Items)
		return Item{}
	}
	setKind := func(id string) *vault.Fix { return vault.SetField(id, "kind", "tracking") }
	steps := []struct {
		name string
		do   func()
		want Item
	}{
		{"nothing", func() {}, Item{Fix: &vault.Fix{Do: vault.DoAttach, Kind: "tracking", Order: o.String()}}},
		{"a screenshot, unread", func() { shot("Screenshot_1.png") }, Item{Fix: setKind("EV-1"),
			Todo: "if EV-1, a screenshot whose words are not read, shows the tracking history, record it as such; else attach a screenshot of it"}},
		{"two", func() { shot("Screenshot_2.png") }, Item{Fix: setKind("EV-n"),
			Todo: "if one of EV-1, EV-2, screenshots whose words are not read, shows the tracking history, record it as such; else attach a screenshot of it"}},
		{"one read, of something else", func() { read(1, "Order details\nUSB-C charger 65W") }, Item{Fix: setKind("EV-2"),
			Todo: "if EV-2, a screenshot whose words are not read, shows the tracking history, record it as such; else attach a screenshot of it"}},
		{"a name that says tracking", func() { shot("posten-sporing.png") }, Item{Fix: setKind("EV-3"),
			Todo: "the name of EV-3, attached as a screenshot, speaks of tracking: if it shows the tracking history, record it as such; else attach a screenshot of it"}},
		{"words of tracking", func() { read(2, "Sendingen er under transport") }, Item{Fix: setKind("EV-2"),
			Todo: "the words read off EV-2, attached as a screenshot, speak of tracking: if it shows the tracking history, record it as such; else attach a screenshot of it"}},
		{"the tracking number", func() { read(3, "Sporing LP 0012 3456 789 CN") }, Item{Fix: setKind("EV-3"),
			Todo: "EV-3, attached as a screenshot, holds the tracking number LP00123456789CN: if it shows the tracking history, record it as such"}},
		{"recorded as tracking", func() {
			if _, err := s.SetEvidence(ctx, 3, []vault.Change{{Field: "kind", Op: vault.Set, Value: "tracking"}}, false); err != nil {
				t.Fatal(err)
			}
		}, Item{Have: true, Record: "EV-3"}},
	}
	for _, step := range steps {
		step.do()
		want := step.want
		want.What = "the tracking history with its last scan"
		if diff := cmp.Diff(want, item()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", step.name, diff)
		}
	}
}

// TestCheckChargebackNotByCard: a chargeback of an order recorded as paid
// with PayPal or Klarna says the card issuer has no card payment to reverse
// and names the payment service's own dispute; a card, or none recorded,
// says nothing of it.
func TestCheckChargebackNotByCard(t *testing.T) {
	const what = "a card payment to charge back (a chargeback is the card issuer's)"
	for _, tt := range []struct {
		payment string
		asked   bool
	}{
		{"PayPal", true},
		{"PayPal (Visa ****4242)", true},
		{"Klarna", true},
		{"faktura", true},
		{"Visa ****4242", false},
		{"PayPal, Visa credit", false},
		{"BankAxept", false},
		{"", false},
	} {
		ctx := context.Background()
		s := testVault(t)
		o := addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-211-1", Ordered: day("2026-09-02"), Payment: tt.payment})
		c := addCase(t, s, vault.Case{Kind: vault.Chargeback, Status: vault.StatusOpen, Problem: vault.NotReceived, Orders: []vault.OrderID{o}})
		list, err := s.Check(ctx, c.String())
		if err != nil {
			t.Fatal(err)
		}
		var got *Item
		for i, it := range list.Items {
			if it.What == what {
				got = &list.Items[i]
			}
		}
		if (got != nil) != tt.asked {
			t.Errorf("%q: item %+v, want asked=%v", tt.payment, got, tt.asked)
			continue
		}
		if got != nil && (got.Have || !strings.Contains(got.Todo, "ORD-1 was paid with") || got.Fix == nil) {
			t.Errorf("%q: %+v", tt.payment, *got)
		}
	}
}
