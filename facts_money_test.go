package vault

import (
	"slices"
	"strings"
	"testing"

	"vault/internal/money"
)

func usd(minor int64) money.Money { return money.Money{Minor: minor, Currency: "USD"} }

// credit is a statement line crediting an order.
func credit(id TransactionID, o OrderID, amount money.Money, confirmed bool) Transaction {
	return Transaction{ID: id, Order: o, Amount: amount, Booked: day("2026-10-20"), Text: "RETUR", Confirmed: confirmed}
}

// TestMoneyRule: which refunds count, once, and what the claim then is;
// what cannot be netted is said, not guessed.
func TestMoneyRule(t *testing.T) {
	o1 := Order{ID: 1, Total: nok(45900)}
	o2 := Order{ID: 2, Total: nok(10000)}
	decided := func(id CaseID, out Outcome, back money.Money, orders ...OrderID) Case {
		return Case{ID: id, Kind: Dispute, Outcome: out, Refunded: back, Orders: orders, Status: out.Status()}
	}
	for _, tt := range []struct {
		name    string
		amount  money.Money
		orders  []Order
		cases   []Case
		lines   []Transaction
		claim   money.Money
		back    int64
		lowered bool
		note    string // a note that must be there
	}{
		{name: "no amount: the totals", orders: []Order{o1, o2}, claim: nok(55900)},
		{name: "no amount: less a recorded refund", orders: []Order{{ID: 1, Total: nok(45900), Refunded: nok(20000)}, o2}, claim: nok(35900), back: 20000},
		{name: "an amount above what is left", amount: nok(55900), orders: []Order{{ID: 1, Total: nok(45900), Refunded: nok(20000)}, o2},
			claim: nok(35900), back: 20000, lowered: true, note: "but what came back leaves 359.00 NOK"},
		{name: "an amount below what is left", amount: nok(10000), orders: []Order{{ID: 1, Total: nok(45900), Refunded: nok(20000)}},
			claim: nok(10000), back: 20000},
		{name: "everything came back", amount: nok(10000), orders: []Order{{ID: 1, Total: nok(10000), Refunded: nok(10000)}},
			claim: nok(0), back: 10000, lowered: true, note: "everything paid came back"},
		{name: "no claim currency", orders: []Order{{ID: 1, Total: nok(100), Refunded: usd(50)}, {ID: 2, Total: usd(100)}},
			claim: money.Money{}, note: "the case has no amount and its orders' totals are not in one currency"},
		{name: "a confirmed credit counts", orders: []Order{o1}, lines: []Transaction{credit(5, 1, nok(45900), true)}, claim: nok(0), back: 45900},
		{name: "an unconfirmed credit does not", orders: []Order{o1}, lines: []Transaction{credit(5, 1, nok(45900), false)},
			claim: nok(45900), note: "TX-5 credits 459.00 NOK to ORD-1 as the matcher linked it"},
		{name: "the buyer's record and the bank's credit are one refund", orders: []Order{{ID: 1, Total: nok(45900), Refunded: nok(20000)}},
			lines: []Transaction{credit(5, 1, nok(20000), true)}, claim: nok(25900), back: 20000},
		{name: "of two accounts of one refund the larger counts", orders: []Order{{ID: 1, Total: nok(45900), Refunded: nok(10000)}},
			lines: []Transaction{credit(5, 1, nok(20000), true)}, claim: nok(25900), back: 20000},
		{name: "two credits of one order add up", orders: []Order{o1},
			lines: []Transaction{credit(5, 1, nok(10000), true), credit(6, 1, nok(5000), true)}, claim: nok(30900), back: 15000},
		{name: "a partial dispute's refund counts", amount: nok(80000), orders: []Order{{ID: 1, Total: nok(80000)}},
			cases: []Case{decided(2, OutcomePartial, nok(30000), 1)}, claim: nok(50000), back: 30000, lowered: true},
		{name: "a lost dispute gives nothing back", orders: []Order{o1}, cases: []Case{decided(2, OutcomeLost, money.Money{}, 1)}, claim: nok(45900)},
		{name: "a decision and its credit are one refund", orders: []Order{{ID: 1, Total: nok(80000)}},
			cases: []Case{decided(2, OutcomePartial, nok(30000), 1)}, lines: []Transaction{credit(5, 1, nok(30000), true)}, claim: nok(50000), back: 30000},
		{name: "a decision about two orders against their own refunds", orders: []Order{{ID: 1, Total: nok(45900), Refunded: nok(10000)}, o2},
			cases: []Case{decided(2, OutcomeWon, nok(30000), 1, 2)}, claim: nok(25900), back: 30000},
		{name: "a decision about an order outside the case", orders: []Order{o1}, cases: []Case{decided(2, OutcomeWon, nok(30000), 1, 9)},
			claim: nok(45900), note: "covers orders outside this case too"},
		{name: "a refund in another currency is not subtracted", orders: []Order{{ID: 1, Total: nok(45900), Refunded: usd(2000)}},
			claim: nok(45900), note: "is not in NOK, the claim's currency"},
		{name: "a credit in the card's currency of a dollar order, by its original", orders: []Order{{ID: 1, Total: usd(4000)}},
			lines: []Transaction{{ID: 5, Order: 1, Amount: nok(42000), Original: usd(-4000), Confirmed: true, Booked: day("2026-10-20")}},
			claim: usd(0), back: 4000},
		{name: "a claim in the card's currency, charged on the statement", amount: nok(42000), orders: []Order{{ID: 1, Total: usd(4000)}},
			lines: []Transaction{{ID: 4, Order: 1, Amount: nok(-42000), Booked: day("2026-09-01"), Confirmed: true}, credit(5, 1, nok(12000), true)},
			claim: nok(30000), back: 12000, lowered: true},
		{name: "a charge only the matcher linked says nothing of what was paid", amount: nok(42000), orders: []Order{{ID: 1, Total: usd(4000)}},
			lines: []Transaction{{ID: 4, Order: 1, Amount: nok(-5000), Booked: day("2026-09-01")}, credit(5, 1, nok(12000), true)},
			claim: nok(42000), back: 12000, note: "cannot tell what is left"},
		{name: "an amount already net of its refund is not lowered again", amount: nok(50000), orders: []Order{{ID: 1, Total: nok(80000)}, {ID: 2}},
			cases: []Case{decided(2, OutcomePartial, nok(30000), 1)}, claim: nok(50000), back: 30000, note: "cannot tell what is left"},
		{name: "two decisions of one order are never more than it cost", orders: []Order{{ID: 1, Total: nok(50000)}},
			cases: []Case{decided(2, OutcomeWon, nok(50000), 1), {ID: 3, Kind: Chargeback, Outcome: OutcomeWon, Refunded: nok(50000), Orders: []OrderID{1}}},
			claim: nok(0), back: 50000, note: "everything paid came back (500.00 NOK)"},
		{name: "a refund on a case decided by its status alone", orders: []Order{o1},
			cases: []Case{{ID: 2, Kind: Dispute, Status: StatusWon, Refunded: nok(10000), Orders: []OrderID{1}}}, claim: nok(35900), back: 10000},
		{name: "accounts that differ: the larger counts, and a note says so", orders: []Order{{ID: 1, Total: nok(45900), Refunded: nok(10000)}},
			lines: []Transaction{credit(5, 1, nok(20000), true)}, claim: nok(25900), back: 20000, note: "is taken as part of the 200.00 NOK"},
		{name: "two currencies and no amount: nothing known", orders: []Order{o1, {ID: 2, Total: usd(2000)}}, claim: money.Money{}},
		{name: "two currencies and an amount", amount: nok(45900), orders: []Order{o1, {ID: 2, Total: usd(2000)}}, claim: nok(45900)},
		{name: "no total", amount: nok(45900), orders: []Order{{ID: 1}}, claim: nok(45900)},
		{name: "no orders", amount: nok(45900), claim: nok(45900)},
	} {
		c := Case{ID: 1, Kind: Chargeback, Amount: tt.amount}
		for _, o := range tt.orders {
			c.Orders = append(c.Orders, o.ID)
		}
		m, notes := moneyOf(c, tt.orders, append([]Case{c}, tt.cases...), tt.lines)
		if m.Claim != tt.claim || m.Back.Minor != tt.back || m.Lowered != tt.lowered {
			t.Errorf("%s: claim %v (want %v), back %d (want %d), lowered %v", tt.name, m.Claim, tt.claim, m.Back.Minor, tt.back, m.Lowered)
		}
		if m.Known && m.Claim.Minor > m.Left.Minor {
			t.Errorf("%s: the claim %v is more than is left, %v", tt.name, m.Claim, m.Left)
		}
		var texts []string
		for _, n := range notes {
			texts = append(texts, n.Text)
		}
		if tt.note != "" && !strings.Contains(strings.Join(texts, "\n"), tt.note) {
			t.Errorf("%s: no note %q in %q", tt.name, tt.note, texts)
		}
		counted := 0
		for _, r := range m.Refunds {
			if r.Counted && r.Apart != "" || !r.Counted && r.Apart == "" {
				t.Errorf("%s: %+v counts and is apart, or neither", tt.name, r)
			}
			if r.Counted {
				counted++
			}
		}
		if tt.back > 0 && counted == 0 {
			t.Errorf("%s: money back, no refund counted", tt.name)
		}
	}
}

// TestMoneyTooLarge: sums past what an int64 of minor units holds (9,300
// amounts of the largest an order can have) are not stated, nor what
// follows from them, and a note says which; never a wrapped value (#31).
func TestMoneyTooLarge(t *testing.T) {
	const n = 9300
	big := nok(999_999_999_999_999)
	many := func(f func(i int) Transaction) []Transaction {
		out := make([]Transaction, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	var orders []Order
	for i := range n {
		orders = append(orders, Order{ID: OrderID(i + 1), Total: big})
	}
	for _, tt := range []struct {
		name   string
		amount money.Money
		orders []Order
		lines  []Transaction
		sum    Unsummed
		claim  money.Money // as recorded, or none
	}{
		{name: "the orders' totals", amount: nok(10000), orders: orders, sum: PaidTooLarge, claim: nok(10000)},
		{name: "the charges confirmed, the order in another currency", amount: nok(10000), orders: []Order{{ID: 1, Total: usd(4000)}},
			lines: many(func(i int) Transaction {
				return Transaction{ID: TransactionID(i + 1), Order: 1, Amount: nok(-big.Minor), Booked: day("2026-09-01"), Confirmed: true}
			}), sum: ChargedTooLarge, claim: nok(10000)},
		{name: "the credits confirmed", amount: big, orders: []Order{{ID: 1, Total: big, Refunded: nok(10000)}},
			lines: many(func(i int) Transaction { return credit(TransactionID(i+1), 1, big, true) }), sum: BackTooLarge},
	} {
		c := Case{ID: 1, Kind: Chargeback, Amount: tt.amount}
		for _, o := range tt.orders {
			c.Orders = append(c.Orders, o.ID)
		}
		m, notes := moneyOf(c, tt.orders, []Case{c}, tt.lines)
		if !slices.Contains(m.TooLarge, tt.sum) {
			t.Errorf("%s: too large %v, want %q", tt.name, m.TooLarge, tt.sum)
		}
		if m.Known || m.Claim != tt.claim || m.Back.Minor != 0 || !m.Left.IsZero() || m.Lowered {
			t.Errorf("%s: known %v, claim %v (want %v), back %v, left %v, lowered %v", tt.name, m.Known, m.Claim, tt.claim, m.Back, m.Left, m.Lowered)
		}
		for _, sum := range []money.Money{m.Paid, m.Debited, m.Back} {
			if sum.Minor < 0 || sum.Minor > big.Minor {
				t.Errorf("%s: states %v", tt.name, sum)
			}
		}
		if back, _ := m.BackOf(1); back.Minor < 0 || back.Minor > big.Minor {
			t.Errorf("%s: order 1 got %v back", tt.name, back)
		}
		if i := slices.IndexFunc(m.Refunds, func(r Refund) bool { return r.Counted }); i >= 0 && tt.sum == BackTooLarge {
			t.Errorf("%s: %+v counts, though what came back is too large to add up", tt.name, m.Refunds[i])
		}
		if len(notes) == 0 || !strings.Contains(notes[0].Text, string(tt.sum)+" add up to more than an amount can hold") {
			t.Errorf("%s: notes %v", tt.name, notes)
		}
	}
}
