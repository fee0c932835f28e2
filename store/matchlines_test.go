package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

// TestMatchLines: of a statement's lines, the matcher reads those in an
// order's window and no more: not a line already linked, nor one rejected
// for the order, nor a charge booked outside its days or larger than its
// total, nor a credit before the order or of another amount; but the
// credits linked to an order, and a converted line by its original amount.
// Days and instants alike (#31: 'vault match' read every line of a
// statement of a million).
func TestMatchLines(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	nok := func(minor int64) money.Money { return money.Money{Minor: minor, Currency: "NOK"} }
	o, err := db.AddOrder(ctx, vault.Order{Marketplace: vault.AliExpress, Number: "81", Total: nok(30000), Ordered: day("2026-09-10")})
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.AddOrder(ctx, vault.Order{Marketplace: vault.Temu, Number: "PO-1", Total: nok(500)})
	if err != nil {
		t.Fatal(err)
	}
	instant := func(s string) date.Value {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return date.Instant(at)
	}
	usd := func(minor int64) money.Money { return money.Money{Minor: minor, Currency: "USD"} }
	lines := []struct {
		name   string
		booked date.Value
		amount money.Money
		orig   money.Money
		read   bool
	}{
		{"a charge of the total", day("2026-09-10"), nok(-30000), money.Money{}, true},
		{"a part of it, 2 days before", day("2026-09-08"), nok(-10000), money.Money{}, true},
		{"a charge 10 days after, at night", instant("2026-09-20T23:59:59Z"), nok(-30900), money.Money{}, true},
		{"a charge 3 days before", instant("2026-09-07T23:59:59Z"), nok(-30000), money.Money{}, false},
		{"a charge 11 days after", day("2026-09-21"), nok(-30000), money.Money{}, false},
		{"a charge above the total and 3 %", day("2026-09-11"), nok(-30901), money.Money{}, false},
		{"a charge in dollars of an original in kroner", day("2026-09-11"), usd(-2800), nok(30000), true},
		{"a charge in dollars", day("2026-09-11"), usd(-30000), money.Money{}, false},
		{"a credit of the total, later", day("2026-12-24"), nok(30000), money.Money{}, true},
		{"a credit 3 % off", day("2026-10-01"), nok(29100), money.Money{}, true},
		{"a credit 3 % and 1 øre off", day("2026-10-01"), nok(29099), money.Money{}, false},
		{"a credit before the order", instant("2026-09-09T23:59:59Z"), nok(30000), money.Money{}, false},
		{"a credit in dollars of an original of the total", day("2026-10-02"), usd(2800), nok(30000), true},
		{"a charge linked to the order", day("2026-09-10"), nok(-30000), money.Money{}, false},
		{"a charge rejected for it", day("2026-09-10"), nok(-30000), money.Money{}, false},
		{"a credit linked to another order", day("2026-01-01"), nok(77), money.Money{}, true},
		{"a charge suggested for it", day("2026-09-12"), nok(-30000), money.Money{}, true},
	}
	var txs []vault.Transaction
	ids := map[string]vault.TransactionID{} // the lines are TX-1, TX-2 ... in a new vault
	for i, l := range lines {
		txs = append(txs, vault.Transaction{Key: l.name, Booked: l.booked, Amount: l.amount, Original: l.orig, Text: "ALIEXPRESS.COM", Line: i + 2})
		ids[l.name] = vault.TransactionID(i + 1)
	}
	if _, err := db.ImportStatement(ctx, statementFile("s.csv"), txs); err != nil {
		t.Fatal(err)
	}
	id := func(name string) vault.TransactionID { return ids[name] }
	err = db.SetMatches(ctx, []Match{
		{Transaction: id("a charge linked to the order"), Order: o, State: "linked", By: "matcher"},
		{Transaction: id("a charge rejected for it"), Order: o, State: "rejected", By: "user"},
		{Transaction: id("a credit linked to another order"), Order: other, State: "linked", By: "user"},
		{Transaction: id("a charge suggested for it"), Order: o, State: "suggested", By: "matcher"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.MatchLines(ctx, []MatchWindow{{Order: o, Total: nok(30000), Off: 900,
		Charges: [][2]date.Value{{day("2026-09-08"), day("2026-09-20")}}, Credits: day("2026-09-10")}})
	if err != nil {
		t.Fatal(err)
	}
	read := map[vault.TransactionID]bool{}
	for _, tx := range got {
		read[tx.ID] = true
	}
	for i, l := range lines {
		if read[vault.TransactionID(i+1)] != l.read {
			t.Errorf("%s (TX-%d): read %v, want %v", l.name, i+1, !l.read, l.read)
		}
	}
	if !slices.IsSortedFunc(got, func(a, b vault.Transaction) int { return vault.CompareDated(a.Booked, b.Booked) }) {
		t.Errorf("not oldest first: %v", got)
	}
}
