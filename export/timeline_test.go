package export

import (
	"testing"
	"time"

	"vault"
	"vault/internal/date"
)

// TestTimelineLifeOrder: a step recorded as a day only (paid) comes after
// the same day's earlier step recorded with its time (ordered at 14:30),
// and a message that day keeps its own time.
func TestTimelineLifeOrder(t *testing.T) {
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	o := vault.Order{ID: 1, Marketplace: "aliexpress", Number: "8123456789012345",
		Ordered: date.Instant(at("2026-10-02T12:30:00Z")), Paid: date.Day(at("2026-10-02T00:00:00Z")),
		Shipped: date.Day(at("2026-10-05T00:00:00Z"))}
	f := vault.CaseFile{Case: vault.Case{ID: 1}, Evidence: []vault.Evidence{{ID: 1, Kind: vault.EvidenceMessage,
		Party: vault.PartySeller, Title: "thanks", OccurredAt: date.Instant(at("2026-10-02T09:00:00Z"))}}}
	var got []string
	for _, e := range Timeline(f, vault.CaseFacts{Orders: []vault.Order{o}}) {
		got = append(got, e.What)
	}
	want := []string{"message from seller: thanks", "ordered AliExpress order 8123456789012345",
		"paid AliExpress order 8123456789012345", "shipped AliExpress order 8123456789012345"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d: %q, want %q (all: %q)", i, got[i], want[i], got)
		}
	}
}
