package casework

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vault"
	"vault/internal/money"
	"vault/store"
)

// The matcher's work is bounded by what a hostile statement can hold
// (#31, items 4 and 6): it counts the steps of its search, so that these
// tests hold the bound whatever the machine's speed.

// window is n ALIEXPRESS.COM charges of minor(i) NOK each, booked within
// the window of an order of 2026-09-02.
func window(n int, minor func(i int) int64) []vault.Transaction {
	txs := make([]vault.Transaction, n)
	for i := range txs {
		txs[i] = vault.Transaction{ID: vault.TransactionID(i + 1), Booked: day(fmt.Sprintf("2026-09-%02d", 1+i%11)),
			Amount: nok(-minor(i)), Text: fmt.Sprintf("ALIEXPRESS.COM %d", i)}
	}
	return txs
}

// TestSummingBounded: 1,000 lines in one order's window, each a third of
// its total (166 million triples), or none making it, or exactly one triple:
// the search takes at most 2n² steps and keeps one set, and still knows
// whether that set is the only one and which lines are in some set.
func TestSummingBounded(t *testing.T) {
	const n = 1000
	for _, tc := range []struct {
		name  string
		total int64
		minor func(i int) int64
		sets  int
		in    int
	}{
		{"a third each", 30000, func(int) int64 { return 10000 }, 2, n},
		{"halves and thirds", 30000, func(i int) int64 { return []int64{10000, 15000}[i%2] }, 2, n},
		// Even amounts and an odd total: nothing to stop the search early.
		{"none", 2*n + 1, func(i int) int64 { return 2 * int64(i+1) }, 0, 0},
		// Three amounts of 1 mod 8 and the others 0 mod 8: only those three
		// make 3 mod 8.
		{"one triple", 800003, func(i int) int64 {
			switch i {
			case 10:
				return 1
			case 500:
				return 9
			case 990:
				return 799993
			}
			return 8 * int64(i+1)
		}, 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := summing(window(n, tc.minor), nok(tc.total))
			if f.steps > 2*n*n {
				t.Errorf("%d steps; want at most 2n² = %d", f.steps, 2*n*n)
			}
			if f.sets != tc.sets || len(f.in) != tc.in {
				t.Errorf("%d sets, %d lines in one; want %d and %d", f.sets, len(f.in), tc.sets, tc.in)
			}
			if tc.sets > 0 && len(f.one) == 0 || tc.sets == 0 && len(f.one) > 0 || len(f.one) > 3 {
				t.Errorf("kept %v", f.one)
			}
			t.Logf("%d steps", f.steps)
		})
	}
}

// TestSummingAsBruteForce: on small random windows, summing agrees with
// trying every pair and triple: how many sets (up to 2), that the set kept
// makes the total, and each line's smallest set.
func TestSummingAsBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 4))
	for run := range 3000 {
		n := r.IntN(11)
		total := money.Money{Minor: 100 * (3 + r.Int64N(10)), Currency: "NOK"}
		txs := make([]vault.Transaction, n)
		for i := range txs {
			txs[i] = vault.Transaction{ID: vault.TransactionID(i + 1), Amount: nok(-100 * r.Int64N(9))}
			switch r.IntN(5) {
			case 0: // converted: the original in the order's currency counts
				txs[i].Amount = money.Money{Minor: -r.Int64N(99999), Currency: "EUR"}
				txs[i].Original = money.Money{Minor: 100 * r.Int64N(9), Currency: "NOK"}
			case 1: // another currency altogether
				txs[i].Amount = money.Money{Minor: -100 * r.Int64N(9), Currency: "SEK"}
			}
		}
		part := func(t vault.Transaction) int64 {
			switch {
			case t.Amount.Currency == "NOK":
				return -t.Amount.Minor
			case t.Original.Currency == "NOK":
				return t.Original.Minor
			}
			return 0
		}
		sets, in := 0, map[vault.TransactionID]int{}
		mark := func(size int, ts ...vault.Transaction) {
			sets++
			for _, t := range ts {
				if s, ok := in[t.ID]; !ok || size < s {
					in[t.ID] = size
				}
			}
		}
		for i := range txs {
			for j := i + 1; j < n; j++ {
				a, b := part(txs[i]), part(txs[j])
				if a > 0 && b > 0 && a+b == total.Minor {
					mark(2, txs[i], txs[j])
				}
				for k := j + 1; k < n; k++ {
					if c := part(txs[k]); a > 0 && b > 0 && c > 0 && a+b+c == total.Minor {
						mark(3, txs[i], txs[j], txs[k])
					}
				}
			}
		}
		f := summing(txs, total)
		if want := min(sets, 2); f.sets != want {
			t.Fatalf("run %d: %d sets, want %d (of %d); lines %+v, total %v", run, f.sets, want, sets, txs, total)
		}
		if d := cmp.Diff(in, f.in); d != "" {
			t.Fatalf("run %d: lines in a set (-want +got):\n%s\nlines %+v, total %v", run, d, txs, total)
		}
		var sum int64
		for _, t := range f.one {
			sum += part(t)
		}
		if sets > 0 && (sum != total.Minor || len(f.one) < 2 || len(f.one) > 3) {
			t.Fatalf("run %d: the set kept %+v makes %d, not %v", run, f.one, sum, total)
		}
	}
}

// TestMatchOneWindow: 1,000 charges of a third of an order's total in its
// window: every line is suggested for it, once, and none linked.
func TestMatchOneWindow(t *testing.T) {
	orders := []vault.Order{{ID: 1, Marketplace: vault.AliExpress, Total: nok(30000), Ordered: day("2026-09-03")}}
	res := match(window(1000, func(int) int64 { return 10000 }), orders, nil)
	if len(res.Linked) != 0 || len(res.Suggested) != 1000 {
		t.Fatalf("%d linked, %d suggested; want 0 and 1000", len(res.Linked), len(res.Suggested))
	}
	if got, want := res.Suggested[0].Why, "one of 3 charges that together make the total, AliExpress in the text"; got != want {
		t.Errorf("why %q, want %q", got, want)
	}
}

// TestMatchRefundsNeverPassTheCost: one order of 9999999999999.99 NOK and
// 9,300 credits of that amount (#31, item 6): one is linked, the others
// are suggested, and what the links refund fits in the order's cost.
func TestMatchRefundsNeverPassTheCost(t *testing.T) {
	largest, err := money.Parse("9999999999999,99 NOK")
	if err != nil {
		t.Fatal(err)
	}
	orders := []vault.Order{{ID: 1, Marketplace: vault.AliExpress, Total: largest, Ordered: day("2026-09-03")}}
	txs := make([]vault.Transaction, 9300)
	for i := range txs {
		txs[i] = vault.Transaction{ID: vault.TransactionID(i + 1), Booked: day("2026-10-01"), Amount: largest, Text: "ALIEXPRESS.COM REFUND"}
	}
	res := match(txs, orders, nil)
	if len(res.Linked) != 1 || res.Linked[0].Transaction != 1 || len(res.Suggested) != 9299 || len(res.ToConfirm) != 1 {
		t.Fatalf("%d linked (%v), %d suggested, %d to confirm; want the first linked and 9,299 suggested",
			len(res.Linked), res.Linked, len(res.Suggested), len(res.ToConfirm))
	}
	// A later run knows the link, and links nothing more; nor when the
	// buyer linked two by hand.
	known := []store.Match{{Transaction: 1, Order: 1, State: "linked", By: "matcher"}}
	if res := match(txs, orders, known); len(res.Linked) != 0 || len(res.Suggested) != 9299 {
		t.Errorf("second run: %d linked, %d suggested", len(res.Linked), len(res.Suggested))
	}
	known = append(known, store.Match{Transaction: 2, Order: 1, State: "linked", By: "user"})
	if res := match(txs, orders, known); len(res.Linked) != 0 || len(res.Suggested) != 9298 {
		t.Errorf("after the buyer's link: %d linked, %d suggested", len(res.Linked), len(res.Suggested))
	}
}

// BenchmarkMatchOneWindow: 'vault match' with n lines in one order's
// window, each a third of its total, through SQLite as the command runs.
func BenchmarkMatchOneWindow(b *testing.B) {
	for _, n := range []int{100, 200, 400, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := context.Background()
			txs := window(n, func(int) int64 { return 10000 })
			for i := range txs {
				txs[i].ID, txs[i].Key = 0, fmt.Sprint(i)
			}
			for b.Loop() {
				b.StopTimer()
				s, err := Create(ctx, filepath.Join(b.TempDir(), "v"), func() time.Time { return today }, time.UTC)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.DB.ImportStatement(ctx, vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceTyped, Title: "statement"}, txs); err != nil {
					b.Fatal(err)
				}
				addOrder(b, s, vault.Order{Marketplace: vault.AliExpress, Number: "8100000000000001", Total: nok(30000), Ordered: day("2026-09-03")})
				b.StartTimer()
				res, err := s.MatchTransactions(ctx)
				if err != nil || len(res.Suggested) != n {
					b.Fatalf("%d suggested, %v", len(res.Suggested), err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}
