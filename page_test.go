package vault

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"vault/internal/date"
	"vault/internal/money"
)

func mustDay(s string) date.Value {
	d, err := date.Parse(s, nil)
	if err != nil {
		panic(err)
	}
	return d
}

// TestTrackingHistory: the events of every tracking page, oldest first
// (by day, then clock), an event a page saved again shows once, from the
// first page; pages not among the evidence are not read.
func TestTrackingHistory(t *testing.T) {
	a := TrackingEvent{Day: mustDay("2026-09-01"), Clock: "18:40", Place: "Guangzhou", Status: "Arrived"}
	b := TrackingEvent{Day: mustDay("2026-08-22"), Status: "Accepted"}
	c := TrackingEvent{Day: mustDay("2026-09-01"), Clock: "06:12", Status: "Departed"}
	pages := map[EvidenceID]Page{3: {Events: []TrackingEvent{a, b}}, 1: {Events: []TrackingEvent{c, a}}, 9: {Events: []TrackingEvent{b}}}
	got := TrackingHistory([]Evidence{{ID: 3}, {ID: 1}, {ID: 2}}, pages)
	want := []Tracked{{b, 3}, {c, 1}, {a, 1}}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(x, y date.Value) bool { return x == y })); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if s := a.String(); s != "2026-09-01 18:40: Arrived, Guangzhou" {
		t.Errorf("String = %q", s)
	}
	if s := b.String(); s != "2026-08-22: Accepted" {
		t.Errorf("String = %q", s)
	}
	if h := TrackingHistory(nil, pages); h != nil {
		t.Errorf("no evidence: %+v", h)
	}
}

// TestListingOffers: a listing offers only the order's empty fields, each
// with the command that sets it.
func TestListingOffers(t *testing.T) {
	l := Listing{Item: "Lamp", Price: money.Money{Minor: 19900, Currency: "NOK"}, Seller: "Lys AS"}
	empty := ListingOffers(4, l, Order{ID: 1})
	if len(empty) != 3 || *empty[1].Fix != *SetField("ORD-1", "total", "199.00 NOK") ||
		empty[0].Text != `the listing EV-4 gives the item "Lamp", which ORD-1 does not record` {
		t.Errorf("an empty order: %+v", empty)
	}
	full := Order{ID: 1, Items: []string{"Other"}, Total: money.Money{Minor: 1, Currency: "NOK"}, Seller: "Someone"}
	if got := ListingOffers(4, l, full); len(got) != 0 {
		t.Errorf("an order that says it all: %+v", got)
	}
	if got := ListingOffers(4, Listing{}, Order{ID: 1}); len(got) != 0 {
		t.Errorf("an empty listing: %+v", got)
	}
}
