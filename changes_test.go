package vault

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vault/internal/lang"
	"vault/internal/money"
)

func nok(minor int64) money.Money { return money.Money{Minor: minor, Currency: "NOK"} }

func set(field, value string) Change { return Change{Field: field, Op: Set, Value: value} }

func TestOrderApply(t *testing.T) {
	o := Order{ID: 1, Marketplace: AliExpress, Number: "81", Total: nok(34900), Ordered: day("2026-10-02"),
		Tracking: []string{"LP1"}}
	got, err := o.Apply([]Change{set("delivered", "2026-10-20"), {Field: "tracking", Op: Add, Value: "LP2"},
		{Field: "tracking", Op: Add, Value: "LP1"}, set("refunded", "349.00 NOK"), set("site", "amazon.de"),
		{Field: "ordered", Op: Unset}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Delivered.String() != "2026-10-20" || !got.Ordered.IsZero() || got.Refunded != nok(34900) || got.Site != "amazon.de" {
		t.Errorf("%+v", got)
	}
	if diff := cmp.Diff([]string{"LP1", "LP2"}, got.Tracking); diff != "" {
		t.Errorf("tracking (a number already there is not added twice): %s", diff)
	}
	if len(o.Tracking) != 1 {
		t.Errorf("Apply changed the order it was given: %v", o.Tracking)
	}
	if d := Diff(o.Fields(), got.Fields()); strings.Join(d, ",") != "delivered,ordered,refunded,site,tracking" {
		t.Errorf("diff %v", d)
	}
	if d := Diff(o.Fields(), o.Fields()); len(d) != 0 {
		t.Errorf("no change, diff %v", d)
	}
	for _, bad := range [][]Change{
		{set("colour", "red")},
		{{Field: "tracking", Op: Remove, Value: "LP9"}},
		{{Field: "tracking", Op: Add, Value: ""}},
		{{Field: "seller", Op: Add, Value: "x"}},
		{set("total", "lots")},
		{set("delivered", "yesterday-ish")},
		{{Field: "number", Op: Unset}},
		{{Field: "marketplace", Op: Unset}},
	} {
		var fe *FieldError
		if _, err := o.Apply(bad); !errors.As(err, &fe) {
			t.Errorf("%v: %v, want a FieldError", bad, err)
		}
	}
}

func TestCaseApply(t *testing.T) {
	now, today := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC), day("2026-12-02")
	c := Case{ID: 1, Kind: Dispute, Status: StatusOpen, Opened: day("2026-11-02")}
	won, err := c.Apply([]Change{set("outcome", "won"), set("refunded", "349.00 NOK")}, now, false)
	if err != nil {
		t.Fatal(err)
	}
	if won.Status != StatusWon || won.Decided != today || won.Closed != today || won.Refunded != nok(34900) {
		t.Errorf("won: %+v", won)
	}
	partial, err := c.Apply([]Change{set("outcome", "partial"), set("decided", "2026-11-30")}, now, false)
	if err != nil || partial.Status != StatusClosed || partial.Decided.String() != "2026-11-30" {
		t.Errorf("partial: %+v %v", partial, err)
	}
	var needs *NeedsForceError
	lose := []Change{set("outcome", "lost"), {Field: "refunded", Op: Unset}}
	if _, err := won.Apply(lose, now, false); !errors.As(err, &needs) {
		t.Errorf("won -> lost without force: %v", err)
	}
	if lost, err := won.Apply(lose, now, true); err != nil || lost.Status != StatusLost {
		t.Errorf("won -> lost with force: %+v %v", lost, err)
	}
	reopen := []Change{{Field: "outcome", Op: Unset}}
	if _, err := won.Apply(reopen, now, false); !errors.As(err, &needs) {
		t.Errorf("outcome unset without force: %v", err)
	}
	if open, err := won.Apply(reopen, now, true); err != nil || open.Status != StatusOpen || !open.Decided.IsZero() ||
		!open.Closed.IsZero() {
		t.Errorf("outcome unset with force: %+v %v", open, err)
	}
	for _, bad := range [][]Change{{set("decided", "2026-12-03"), set("outcome", "won")}, {set("opened", "2026-12-03")},
		{set("outcome", "lost"), set("decided", "2026-11-01")}} {
		if _, err := c.Apply(bad, now, false); !errors.As(err, &needs) {
			t.Errorf("%v: %v, want a NeedsForceError", bad, err)
		}
		if _, err := c.Apply(bad, now, true); err != nil {
			t.Errorf("%v with force: %v", bad, err)
		}
	}
	for _, bad := range [][]Change{{{Field: "opened", Op: Unset}}, {set("outcome", "draw")}, {set("account", "ORD-1")},
		{set("status", "won")}, {{Field: "title", Op: Add, Value: "x"}}, {set("decided", "2026-11-30")},
		{set("outcome", "lost"), set("refunded", "10 NOK")}} {
		var fe *FieldError
		if _, err := c.Apply(bad, now, false); !errors.As(err, &fe) {
			t.Errorf("%v: %v, want a FieldError", bad, err)
		}
	}
	var fe *FieldError
	if _, err := won.Apply([]Change{{Field: "decided", Op: Unset}}, now, true); !errors.As(err, &fe) {
		t.Errorf("decided unset on a decided case: %v", err)
	}
}

func TestEvidenceApply(t *testing.T) {
	typed := Evidence{ID: 1, Kind: EvidenceMessage, Source: SourceTyped, Body: "Hei"}
	file := Evidence{ID: 2, Kind: EvidenceScreenshot}
	if e, err := typed.Apply([]Change{set("text", "Hei, hvor er pakken?"), set("from", "seller")}); err != nil ||
		e.Body != "Hei, hvor er pakken?" || e.Party != PartySeller {
		t.Errorf("typed: %+v %v", e, err)
	}
	if e, err := file.Apply([]Change{set("kind", "photo"), set("at", "2026-10-20"), {Field: "from", Op: Unset}}); err != nil ||
		e.Kind != EvidencePhoto || e.Party != PartyUnknown {
		t.Errorf("file: %+v %v", e, err)
	}
	for _, bad := range []struct {
		e  Evidence
		ch Change
	}{
		{file, set("kind", "message")}, {typed, set("kind", "photo")}, {file, set("text", "x")},
		{typed, set("text", "")}, {file, set("sha256", "00")}, {file, set("kind", "selfie")},
	} {
		var fe *FieldError
		if _, err := bad.e.Apply([]Change{bad.ch}); !errors.As(err, &fe) {
			t.Errorf("%s %v: %v, want a FieldError", bad.e.Kind, bad.ch, err)
		}
	}
}

func TestAccountApply(t *testing.T) {
	a := Account{ID: 1, Marketplace: AliExpress, Login: "kari@example.no"}
	got, err := a.Apply([]Change{set("blocked", "2026-11-01"), set("appeal_by", "2026-12-01"), set("reason", "too many disputes")})
	if err != nil || got.AppealBy.String() != "2026-12-01" || got.Reason != "too many disputes" {
		t.Errorf("%+v %v", got, err)
	}
	if _, err := a.Apply([]Change{{Field: "login", Op: Unset}}); err == nil {
		t.Error("an account without a login was accepted")
	}
}

func TestStatusOf(t *testing.T) {
	base := Order{ID: 1, Total: nok(34900), Ordered: day("2026-10-02")}
	with := func(f func(*Order)) Order { o := base; f(&o); return o }
	decided := func(status CaseStatus, back money.Money, orders ...OrderID) Case {
		return Case{Status: status, Refunded: back, Orders: orders}
	}
	for _, tc := range []struct {
		name  string
		o     Order
		cases []Case
		want  OrderStatus
	}{
		{"nothing dated", Order{}, nil, OrderRecorded},
		{"ordered", base, nil, OrderOrdered},
		{"paid", with(func(o *Order) { o.Paid = day("2026-10-02") }), nil, OrderPaid},
		{"shipped", with(func(o *Order) { o.Shipped = day("2026-10-05") }), nil, OrderShipped},
		{"delivered", with(func(o *Order) { o.Shipped, o.Delivered = day("2026-10-05"), day("2026-10-20") }), nil, OrderDelivered},
		{"refunded on the order", with(func(o *Order) { o.Refunded = nok(34900) }), nil, OrderRefunded},
		{"part refunded", with(func(o *Order) { o.Refunded = nok(10000) }), nil, OrderPartlyRefunds},
		{"refund in another currency", with(func(o *Order) { o.Refunded = money.Money{Minor: 50000, Currency: "SEK"} }), nil,
			OrderPartlyRefunds},
		{"won case about it alone", base, []Case{decided(StatusWon, nok(34900), 1)}, OrderRefunded},
		{"case still open", base, []Case{decided(StatusOpen, nok(34900), 1)}, OrderOrdered},
		{"case about two orders", base, []Case{decided(StatusWon, nok(34900), 1, 2)}, OrderOrdered},
		{"case about another order", base, []Case{decided(StatusWon, nok(34900), 2)}, OrderOrdered},
	} {
		if got := StatusOf(tc.o, tc.cases); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	for _, s := range OrderStatuses {
		if s.Word(lang.NB) == string(s) || s.Word(lang.EN) != string(s) {
			t.Errorf("status %q has no bokmål", s)
		}
	}
}

func TestCheck(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		o    Order
		want string // "" for accepted
	}{
		{"in order", Order{Ordered: day("2026-10-02"), Paid: day("2026-10-02"), Shipped: day("2026-10-05"),
			Delivered: day("2026-10-20")}, ""},
		{"same day, instant and day", Order{Ordered: day("2026-10-02 10:00"), Delivered: day("2026-10-02")}, ""},
		{"delivered before ordered", Order{Ordered: day("2026-10-02"), Delivered: day("2026-09-01")},
			"delivered 2026-09-01 is before ordered 2026-10-02"},
		{"shipped before paid", Order{Paid: day("2026-10-03"), Shipped: day("2026-10-02")}, "shipped 2026-10-02 is before paid"},
		{"delivered before shipped", Order{Shipped: day("2026-10-05"), Delivered: day("2026-10-04")}, "before shipped"},
		{"future", Order{Ordered: day("2026-12-03")}, "ordered 2026-12-03 is in the future"},
		{"refund in the future", Order{RefundedAt: day("2027-01-01")}, "refunded 2027-01-01 is in the future"},
		{"today is not the future", Order{Delivered: day("2026-12-02 23:00")}, ""},
		{"expected may be late", Order{Ordered: day("2026-10-02"), Expected: day("2027-01-01")}, ""},
		{"refund in another currency", Order{Total: nok(34900), Refunded: money.Money{Minor: 2000, Currency: "EUR"}},
			"the refund 20.00 EUR is in another currency than the total 349.00 NOK"},
		{"refund above the total", Order{Total: nok(34900), Refunded: nok(40000)}, "more than the total"},
		{"refund in part", Order{Total: nok(34900), Refunded: nok(10000)}, ""},
		{"a site of its marketplace", Order{Marketplace: Amazon, Site: "amazon.de"}, ""},
		{"a site mistyped", Order{Marketplace: Amazon, Site: "amazon.dee"}, "amazon.dee is not a site of Amazon"},
		{"a site of another marketplace", Order{Marketplace: AliExpress, Site: "ebay.de"}, "not a site of AliExpress"},
		{"a site of a shop the vault does not know", Order{Marketplace: "butikk", Site: "butikk.no"}, ""},
	} {
		err := tc.o.Check(now, false)
		var needs *NeedsForceError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (!errors.As(err, &needs) || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		case tc.o.Check(now, true) != nil:
			t.Errorf("%s: refused with force", tc.name)
		}
	}
	var fe *FieldError
	if err := (Order{Number: "ord-2"}).Check(now, true); !errors.As(err, &fe) {
		t.Errorf("an order number that reads as an id: %v", err)
	}
}

func TestLookupMarketplace(t *testing.T) {
	for _, tc := range []struct {
		in, want, site string
		known          bool
	}{
		{"AliExpress", "aliexpress", "", true}, {"ali express", "aliexpress", "", true},
		{"Amazon.de", "amazon", "amazon.de", true}, {"amazon.co.uk", "amazon", "amazon.co.uk", true},
		{"Elkjøp", "elkjøp", "", true}, {"elkjop.no", "elkjøp", "", true}, {"FINN", "finn.no", "", true},
		{"Butikk Blåbær", "butikk blåbær", "", false}, {"", "", "", false}, {"📦 shop", "📦 shop", "", false},
	} {
		m, site, known := LookupMarketplace(tc.in)
		if string(m) != tc.want || site != tc.site || known != tc.known {
			t.Errorf("%q: %q %q %v", tc.in, m, site, known)
		}
	}
	for _, tc := range []struct {
		in    string
		want  Marketplace
		edits int
	}{{"aliexpres", AliExpress, 1}, {"temuu", Temu, 1}, {"ebya", EBay, 2}, {"zalndo", Zalando, 1}, {"elkjøpp", Elkjop, 1}} {
		if m, n := SuggestMarketplace(tc.in); m != tc.want || n != tc.edits {
			t.Errorf("%q: %q at %d, want %q at %d", tc.in, m, n, tc.want, tc.edits)
		}
	}
	for _, m := range KnownMarketplaces() {
		if m.Name() == "" || strings.ToLower(m.Name()) != string(m) {
			t.Errorf("%q is named %q", m, m.Name())
		}
	}
}

// TestToday: "today" is the user's day, not UTC's: at 23:30 UTC on 2
// December it is already 3 December in Oslo.
func TestToday(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	now := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC).In(oslo)
	if err := (Order{Delivered: day("2026-12-03")}).Check(now, false); err != nil {
		t.Errorf("delivered today in Oslo: %v", err)
	}
	if err := (Order{Delivered: day("2026-12-04")}).Check(now, false); err == nil {
		t.Error("delivered tomorrow in Oslo was accepted")
	}
	if err := (Evidence{OccurredAt: day("2027-01-01")}).Check(now, false); err == nil {
		t.Error("evidence from next year was accepted")
	}
	for _, a := range []Account{{Blocked: day("2026-12-05")}, {Blocked: day("2026-11-01"), AppealBy: day("2026-10-01")}} {
		var needs *NeedsForceError
		if err := a.Check(now, false); !errors.As(err, &needs) || a.Check(now, true) != nil {
			t.Errorf("%+v: %v", a, err)
		}
	}
}
