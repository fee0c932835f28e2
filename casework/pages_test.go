package casework

import (
	"bytes"
	"context"
	"os"
	"testing"

	"vault"
)

// TestReceivePage: a saved page received from the phone is recognised as
// when attached: its kind, title and save time, its page recorded; a
// listing's offer is made to the order it was received for.
func TestReceivePage(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: "aliexpress", Number: "8100000000000006"})
	for _, tc := range []struct {
		file  string
		kind  vault.EvidenceKind
		title string
		offer int
	}{
		{"posten-sporing.mhtml", vault.EvidenceTracking, "Sporing – Posten", 0},
		{"aliexpress-item.html", vault.EvidenceListing, "USB-C charger 65W GaN fast charging, 3 ports - AliExpress", 3},
	} {
		data, err := os.ReadFile("../pages/testdata/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Receive(ctx, tc.file, bytes.NewReader(data), 1<<20, vault.Links{Orders: []vault.OrderID{o}})
		if err != nil || got.Err != nil || got.Page == nil || len(got.Offers) != tc.offer {
			t.Fatalf("%s: %+v, %v", tc.file, got, err)
		}
		e, _, err := s.DB.Evidence(ctx, got.Added.ID)
		if err != nil || e.Kind != tc.kind || e.Title != tc.title || e.OccurredAt.Time() != got.Page.SavedAt.UTC() {
			t.Errorf("%s: %+v, %v", tc.file, e, err)
		}
		v, err := s.EvidenceView(ctx, got.Added.ID.String())
		if err != nil || v.Page == nil || v.Page.Address != got.Page.Address || len(v.Offers) != tc.offer {
			t.Errorf("%s: view %+v, %v", tc.file, v.Page, err)
		}
	}
}

// TestTrackingFacts: the saved tracking pages of a case's orders (two
// carriers') are its tracking history, oldest first; the last is what
// 'check case' names.
func TestTrackingFacts(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: "aliexpress", Number: "8100000000000007", Tracking: []string{"LP00123456789CN"}})
	dir := t.TempDir()
	var paths []string
	for _, f := range []string{"posten-sporing.mhtml", "cainiao-tracking.pdf"} {
		data, err := os.ReadFile("../pages/testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, writeInput(t, dir, f, data))
	}
	if _, err := s.Attach(ctx, AttachRequest{Paths: paths, Links: vault.Links{Orders: []vault.OrderID{o}}}, nil); err != nil {
		t.Fatal(err)
	}
	c, err := s.DB.AddCase(ctx, vault.Case{Kind: vault.Chargeback, Orders: []vault.OrderID{o}, Problem: vault.NotReceived, Opened: day("2026-11-20")})
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.Facts(ctx, c.String())
	if err != nil {
		t.Fatal(err)
	}
	h := f.Shipping.History
	if len(h) != 7 || h[0].String() != "2026-08-22 10:15: Accepted by carrier, Shenzhen" ||
		h[6].String() != "2026-09-03 14:20: Sendingen er under tollbehandling, OSLO" || h[6].Page != 1 {
		t.Fatalf("history: %+v", h)
	}
	list, err := s.Check(ctx, c.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range list.Items {
		if it.What == "the tracking history with its last scan" && (!it.Have || it.Record != "EV-1" ||
			it.Says != "last scan 2026-09-03 14:20: Sendingen er under tollbehandling, OSLO") {
			t.Errorf("check: %+v", it)
		}
	}
}
