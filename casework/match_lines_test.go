package casework

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
	"vault/store"
)

// TestMatchReadsTheWindows: the matcher reads the lines of its orders'
// windows (store.MatchLines), not the statement, and decides as it would
// from every line: on random vaults of orders (with and without their
// dates, in kroner and dollars), lines of every kind (charges and credits,
// converted, named or not, days and instants, in and out of the windows)
// and decisions already taken, MatchTransactions gives what match gives
// from all the lines.
func TestMatchReadsTheWindows(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(31, 12))
	runs := 40
	if testing.Short() {
		runs = 12
	}
	pick := func(xs ...int64) int64 { return xs[r.IntN(len(xs))] }
	when := func() date.Value {
		at := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(50))
		if r.IntN(4) == 0 {
			return date.Instant(at.Add(time.Duration(r.IntN(86400)) * time.Second))
		}
		return date.Day(at)
	}
	for run := range runs {
		s := testVault(t)
		totals := []int64{9900, 19900, 30000, 10000}
		for i := range 1 + r.IntN(5) {
			o := vault.Order{Marketplace: []vault.Marketplace{vault.AliExpress, vault.Temu}[r.IntN(2)], Number: fmt.Sprint(8100 + i),
				Total: nok(pick(totals...)), Payment: []string{"", "Visa ****4242", "Visa ****1111"}[r.IntN(3)]}
			if r.IntN(5) == 0 {
				o.Total.Currency = "USD"
			}
			for _, d := range []*date.Value{&o.Ordered, &o.Paid, &o.Shipped} {
				if r.IntN(3) > 0 {
					*d = when()
				}
			}
			addOrder(t, s, o)
		}
		var txs []vault.Transaction
		for i := range 10 + r.IntN(50) {
			minor := pick(9900, 19900, 30000, 10000, 20000, 29500, 30800, 5000, 77) * pick(-1, -1, 1)
			t := vault.Transaction{Key: fmt.Sprint(i), Booked: when(), Amount: nok(minor),
				Text: []string{"ALIEXPRESS.COM", "TEMU.COM", "REMA 1000", "PAYPAL"}[r.IntN(4)], Card: []string{"", "4242", "1111"}[r.IntN(3)]}
			switch r.IntN(5) {
			case 0: // converted from the order's currency
				t.Original = money.Money{Minor: pick(totals...), Currency: []string{"NOK", "USD"}[r.IntN(2)]}
				t.Amount.Currency = "SEK"
			case 1: // converted into it
				t.Original = money.Money{Minor: pick(2599, 3250), Currency: "USD"}
			}
			txs = append(txs, t)
		}
		if _, err := s.DB.ImportStatement(ctx, vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceTyped, Title: "statement"}, txs); err != nil {
			t.Fatal(err)
		}
		orders, err := s.DB.Orders(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		var decided []store.Match
		for range r.IntN(8) {
			decided = append(decided, store.Match{Transaction: vault.TransactionID(1 + r.IntN(len(txs))), Order: orders[r.IntN(len(orders))].ID,
				State: []string{"linked", "rejected", "suggested"}[r.IntN(3)], By: []string{"matcher", "user"}[r.IntN(2)]})
		}
		if err := s.DB.SetMatches(ctx, decided); err != nil {
			t.Fatal(err)
		}
		all, err := s.DB.Transactions(ctx, store.TransactionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		known, err := s.DB.Matches(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := match(all, orders, known)
		got, err := s.MatchTransactions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("run %d: reading the windows decides otherwise than reading every line (-all +windows):\n%s", run, d)
		}
	}
}

// TestMatchReadsNoMore: 'vault match' after a big statement read every
// line of it (463 MB for a million, #31): 3,000 more lines outside the
// window of the one order cost it no allocation per line (16 each before),
// a count that does not depend on the machine's speed.
func TestMatchReadsNoMore(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8100000000000001", Total: nok(30000), Ordered: day("2026-09-03")})
	lines := func(from, n int, month int) []vault.Transaction {
		var txs []vault.Transaction
		for i := from; i < from+n; i++ {
			txs = append(txs, vault.Transaction{Key: fmt.Sprint(i), Booked: day(fmt.Sprintf("2026-%02d-%02d", month, 1+i%28)),
				Amount: nok(-int64(1000 + i)), Text: fmt.Sprintf("ALIEXPRESS.COM %d", i)})
		}
		return txs
	}
	statement := vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceTyped, Title: "statement"}
	// In the window: one payment in three parts, and lines of other amounts.
	in := append(window(3, func(int) int64 { return 10000 }), lines(0, 20, 9)...)
	for i := range in[:3] {
		in[i].ID, in[i].Key = 0, fmt.Sprint("part", i)
	}
	if _, err := s.DB.ImportStatement(ctx, statement, append(in, lines(100, 1000, 3)...)); err != nil {
		t.Fatal(err)
	}
	allocs := func() float64 {
		return testing.AllocsPerRun(3, func() {
			if _, err := s.MatchTransactions(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
	before := allocs()
	if _, err := s.DB.ImportStatement(ctx, statement, lines(2000, 3000, 5)); err != nil {
		t.Fatal(err)
	}
	if after := allocs(); after > before+100 {
		t.Errorf("3,000 lines outside the window: %.0f allocations a run, from %.0f", after, before)
	}
}
