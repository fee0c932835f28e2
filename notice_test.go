package vault

import (
	"testing"

	"vault/internal/date"
)

func TestNotifierOf(t *testing.T) {
	tests := []struct {
		from string
		want Notifier
		ok   bool
	}{
		{"AliExpress <transaction@notice.aliexpress.com>", Notifier(AliExpress), true},
		{"service@intl.paypal.com", PayPal, true},
		{"\"Amazon.de\" <auto-confirm@AMAZON.DE.>", Notifier(Amazon), true},
		{"eBay <ebay@ebay.co.uk>", Notifier(EBay), true},
		{"x@temu.com", Notifier(Temu), true},
		{"x@aliexpress-account-review.com", "", false},
		{"x@aliexpress.com.evil.example", "", false},
		{"x@notaliexpress.com", "", false},
		{"service@paypal.com <x@evil.example>", "", false},
		{"a@ebay.com, b@evil.example", "", false},
		{"<x@ebay.com> trailing", "", false},
		{"no address", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got, ok := NotifierOf(tt.from); got != tt.want || ok != tt.ok {
			t.Errorf("NotifierOf(%q) = %q, %v; want %q, %v", tt.from, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNoticeChanges: a notice fills what is empty, suggests what it would
// change, and is silent where the record says the same (a day by its day).
func TestNoticeChanges(t *testing.T) {
	day := func(s string) date.Value { v, _ := date.Stored(s); return v }
	n := Notice{Kind: NoticeShipped, Tracking: "LP1", Day: day("2026-02-05")}
	fill, suggest := n.OrderChanges(Order{})
	if describe(fill) != "tracking + LP1, shipped 2026-02-05" || len(suggest) != 0 {
		t.Errorf("empty order: %s / %s", describe(fill), describe(suggest))
	}
	fill, suggest = n.OrderChanges(Order{Tracking: []string{"LP1"}, Shipped: day("2026-02-05T22:10:00Z")})
	if len(fill)+len(suggest) != 0 {
		t.Errorf("the same: %s / %s", describe(fill), describe(suggest))
	}
	fill, suggest = n.OrderChanges(Order{Tracking: []string{"LP0"}, Shipped: day("2026-02-04")})
	if describe(fill) != "tracking + LP1" || describe(suggest) != "shipped 2026-02-05" {
		t.Errorf("another day: %s / %s", describe(fill), describe(suggest))
	}
	d := Notice{Kind: NoticeDisputeDecided, Dispute: "77", Outcome: OutcomeLost, Day: day("2026-02-28")}
	fill, suggest = d.CaseChanges(Case{DisputeNumber: "77"})
	if len(fill) != 0 || describe(suggest) != "outcome lost, decided 2026-02-28" {
		t.Errorf("a case lost: %s / %s", describe(fill), describe(suggest))
	}
	fill, suggest = d.CaseChanges(Case{DisputeNumber: "77", Outcome: OutcomeLost, Decided: day("2026-02-28")})
	if len(fill)+len(suggest) != 0 {
		t.Errorf("decided so: %s / %s", describe(fill), describe(suggest))
	}
}

// TestSuggestionKey: what a suggestion proposes is its key, whichever mail
// proposes it.
func TestSuggestionKey(t *testing.T) {
	set := func(ev EvidenceID, value string) Suggestion {
		return Suggestion{Evidence: ev, Do: SuggestSet, Record: "ORD-1", Changes: []Change{{Field: "delivered", Op: Set, Value: value}}}
	}
	if set(1, "2026-02-09").Key() != set(2, "2026-02-09").Key() || set(1, "2026-02-09").Key() == set(1, "2026-02-10").Key() {
		t.Error("a change's key")
	}
	order := func(total string) Suggestion {
		return Suggestion{Do: SuggestAddOrder, Changes: []Change{{Field: "marketplace", Op: Set, Value: "temu"},
			{Field: "number", Op: Set, Value: "PO-1"}, {Field: "total", Op: Set, Value: total}}}
	}
	if order("1.00 NOK").Key() != order("2.00 NOK").Key() {
		t.Error("an order's key follows its fields")
	}
	reinstate := func(receiver string) Suggestion {
		return Suggestion{Do: SuggestAddCase, Record: "ACC-1", CaseKind: Reinstatement, Changes: []Change{{Field: "receiver", Op: Set, Value: receiver}}}
	}
	if reinstate("AliExpress").Key() != reinstate("aliexpress").Key() || reinstate("x").Key() == (Suggestion{Do: SuggestAddCase, Record: "ACC-2", CaseKind: Reinstatement}).Key() {
		t.Error("a reinstatement's key")
	}
}
