package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

// TestPages: a saved page is recorded with its evidence (PAGE-n beside
// EV-n, in the audit log), read back with its events and listing, found
// by its words, recorded once for the same bytes, and an edit of it made
// outside vault is reported by verify.
func TestPages(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "8100000000000001"})
	saved := time.Date(2026, 9, 14, 21, 40, 5, 0, time.FixedZone("", 2*3600))
	page := vault.Page{Format: vault.PageMHTML, Address: "https://sporing.posten.no/sporing/LP00123456789CN",
		Saved: "Mon, 14 Sep 2026 21:40:05 +0200", SavedAt: saved, Title: "Sporing – Posten", Text: "Sendingen er ankommet Norge\nOSLO\nBlåbærsyltetøy",
		Events: []vault.TrackingEvent{{Day: day("2026-09-03"), Clock: "14:20", Place: "OSLO", Status: "Sendingen er under tollbehandling"},
			{Day: day("2026-09-01"), Status: "Sendingen er ankommet Norge"}}}
	listing := vault.Page{Format: vault.PageSingleFile, Address: "https://www.aliexpress.com/item/1.html", Title: "Lamp",
		Listing: &vault.Listing{Item: "Lamp", Price: money.Money{Minor: 34900, Currency: "NOK"}, Seller: "Lys"}}
	blob := func(b string) *vault.Blob {
		return &vault.Blob{SHA256: strings.Repeat(b, 64), Size: 10, MediaType: "multipart/related"}
	}
	items := []vault.Evidence{{Kind: vault.EvidenceTracking, Source: vault.SourceFile, Blob: blob("a"), Page: &page},
		{Kind: vault.EvidenceListing, Source: vault.SourceFile, Blob: blob("b"), Page: &listing}}
	added, err := db.AddEvidence(ctx, items, vault.Links{Orders: []vault.OrderID{o}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Pages(ctx, []vault.EvidenceID{added[0].ID, added[1].ID, 99})
	if err != nil {
		t.Fatal(err)
	}
	want := map[vault.EvidenceID]vault.Page{added[0].ID: page, added[1].ID: listing}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b date.Value) bool { return a == b })); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	if got[added[0].ID].SavedText() != "2026-09-14 21:40:05 +02:00" {
		t.Errorf("the save time's zone was lost: %s", got[added[0].ID].SavedText())
	}
	log, _ := db.Audit(ctx, "PAGE-1")
	if len(log) != 1 || log[0].Action != "add evidence" {
		t.Errorf("PAGE-1's entries: %+v", log)
	}
	for _, q := range []string{"blabaersyltetoy", "sporing.posten.no", "Lys"} {
		if r, err := db.Search(ctx, q, 10); err != nil || len(r.Hits) != 1 {
			t.Errorf("search %q: %+v, %v", q, r.Hits, err)
		}
	}
	// The same bytes again: the evidence is linked again, the page not recorded twice.
	again, err := db.AddEvidence(ctx, items[:1], vault.Links{Orders: []vault.OrderID{o}})
	if err != nil || !again[0].Duplicate {
		t.Fatalf("again: %+v, %v", again, err)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("verify: %q", got)
	}
	rawExec(t, db, `UPDATE page_events SET status = 'Levert' WHERE evidence_id = 1 AND position = 1`)
	wantOneProblem(t, problems(t, db), "PAGE-1")
}

// TestPageKindChecked: the evidence table takes the kind page, and still
// refuses kinds it does not know.
func TestPageKindChecked(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "1"})
	if _, err := db.AddEvidence(ctx, []vault.Evidence{{Kind: vault.EvidencePage, Source: vault.SourceTyped, Body: "x"}}, vault.Links{Orders: []vault.OrderID{o}}); err != nil {
		t.Fatalf("kind page: %v", err)
	}
	if _, err := db.AddEvidence(ctx, []vault.Evidence{{Kind: "pages", Source: vault.SourceTyped, Body: "x"}}, vault.Links{Orders: []vault.OrderID{o}}); err == nil {
		t.Fatal("an unknown kind was recorded")
	}
}
