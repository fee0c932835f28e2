package vault

import (
	"cmp"
	"fmt"
	"slices"

	"vault/internal/date"
	"vault/internal/money"
)

// MoneyFacts are a case's money as its records say it: what was paid and
// charged, every account of money that came back, what of it counts, and
// what is left to claim.
type MoneyFacts struct {
	Paid     money.Money   // what the orders cost, when every total is recorded in one currency
	Charged  []Transaction // the statement lines that charged its orders, as the bank wrote them
	Credited []Transaction // the statement lines that credited them, linked and confirmed by the buyer
	Refunds  []Refund      // every account of money back, those that count and those that do not
	Back     money.Money   // what came back, each refund once, in the claim's currency
	Asked    money.Money   // the amount the case records (zero: none)
	Claim    money.Money   // what is asked back: never more than is left (Minor 0: nothing is)
	Left     money.Money   // what is left of what was paid, when Known
	Known    bool          // what was paid is known in the claim's currency
	Lowered  bool          // the case asks for more than is left: Claim is what is
}

// BackOf is what came back of one order, as the facts count it, and the
// refund of it with the latest day the money came (a decision's day is the
// day it was decided, not the day money came: it gives none): a decision's
// refund of several orders is no order's alone.
func (m MoneyFacts) BackOf(o OrderID) (money.Money, Refund) {
	var sum money.Money
	var last Refund
	for _, r := range m.Refunds {
		if !r.Counted || len(r.Orders) != 1 || r.Orders[0] != o {
			continue
		}
		sum.Currency, sum.Minor = r.Amount.Currency, sum.Minor+r.Amount.Minor
		if r.Source != RefundDecided && (last.At.IsZero() || r.At.Time().After(last.At.Time())) {
			last = r
		}
	}
	return sum, last
}

// RefundSource is whose account of money back a refund is.
type RefundSource string

// The accounts of money back.
const (
	RefundRecorded RefundSource = "recorded" // the buyer's, on the order (--refunded)
	RefundDecided  RefundSource = "decided"  // a case's outcome (its --refunded)
	RefundCredited RefundSource = "credited" // the bank's: a statement line linked to the order
)

// Refund is one account of money that came back, and whether it counts.
type Refund struct {
	Source  RefundSource `json:"source"`
	Record  string       `json:"record"` // ORD-1, CASE-2, TX-5
	Orders  []OrderID    `json:"orders"`
	Amount  money.Money  `json:"amount"`
	At      date.Value   `json:"at,omitzero"`
	Text    string       `json:"text,omitempty"` // a credit's text on the statement
	Counted bool         `json:"counted"`
	Apart   Apart        `json:"apart,omitempty"` // why it does not count
}

// Apart is why a refund does not count towards what came back.
type Apart string

// The reasons a refund is not netted.
const (
	SameMoney     Apart = "same money"     // another account of the same refund counts: the larger one
	OtherCurrency Apart = "other currency" // not in the claim's currency, and no rate is recorded
	Unconfirmed   Apart = "unconfirmed"    // a credit the matcher linked that the buyer has not confirmed
	OtherOrders   Apart = "other orders"   // a decision that covers orders outside the case too
)

// Which refunds count (the rule, written down once): a refund the buyer
// recorded on an order, a credit on a statement line whose link to the
// order the buyer confirmed, and the refund of a decided case (won or
// partial). They are three accounts of the same money, seen by the buyer,
// the bank and the marketplace: for each order the largest of them counts,
// once, never their sum; a decided case about several of the case's orders
// is one account of them together. A credit the buyer has not confirmed
// never counts, nor an amount in another currency than the claim's (the
// statement's original amount is used when it is in that currency).

// moneyOf derives a case's money from its records.
func moneyOf(c Case, orders []Order, cases []Case, lines []Transaction) (MoneyFacts, []Note) {
	m := MoneyFacts{Asked: c.Amount, Paid: paidOf(orders)}
	cur := cmp.Or(c.Amount.Currency, m.Paid.Currency)
	for _, t := range lines {
		switch {
		case t.Amount.Minor < 0:
			m.Charged = append(m.Charged, t)
		case t.Confirmed:
			m.Credited = append(m.Credited, t)
		}
	}
	in := map[OrderID]bool{}
	for _, o := range orders {
		in[o.ID] = true
	}
	a := accounts{cur: cur, in: in}
	a.collect(orders, cases, lines)
	m.Refunds = a.count()
	m.Back = money.Money{Currency: cur}
	for _, r := range m.Refunds {
		if r.Counted {
			m.Back.Minor += r.Amount.Minor
		}
	}
	m.claim(cur)
	return m, m.notes(c, cur)
}

// base is what was paid in the claim's currency: the orders' totals, or
// what the statement lines the buyer confirmed charged; Minor 0 when
// neither says.
func (m MoneyFacts) base(cur string) money.Money {
	if m.Paid.Currency == cur && cur != "" {
		return m.Paid
	}
	base := money.Money{Currency: cur}
	for _, t := range m.Charged {
		if t.Amount.Currency == cur && t.Confirmed && cur != "" {
			base.Minor -= t.Amount.Minor
		}
	}
	return base
}

// paidOf is what the orders cost, when every total is recorded in one
// currency; zero otherwise.
func paidOf(orders []Order) money.Money {
	var paid money.Money
	for _, o := range orders {
		if o.Total.IsZero() || !paid.IsZero() && o.Total.Currency != paid.Currency {
			return money.Money{}
		}
		paid.Currency, paid.Minor = o.Total.Currency, paid.Minor+o.Total.Minor
	}
	return paid
}

// claim works out what is left and what is asked: the case's amount, never
// more than what was paid (or charged, in the claim's currency) less what
// came back. When what was paid is not known in the claim's currency, the
// amount stands as recorded (it may already be what is left), and a note
// says what came back.
func (m *MoneyFacts) claim(cur string) {
	base := m.base(cur)
	if m.Known = base.Minor > 0; m.Known {
		m.Back.Minor = min(m.Back.Minor, base.Minor) // never more back than was paid
		m.Left = money.Money{Minor: base.Minor - m.Back.Minor, Currency: cur}
	}
	switch {
	case m.Asked.IsZero():
		m.Claim = m.Left
	case m.Known && m.Asked.Currency == cur && m.Asked.Minor > m.Left.Minor:
		m.Claim, m.Lowered = m.Left, true
	default:
		m.Claim = m.Asked
	}
}

// notes tell the buyer what of the money the letters state differently
// from the records, and what they leave out.
func (m MoneyFacts) notes(c Case, cur string) []Note {
	var out []Note
	record := c.ID.String()
	open := c.ID != 0 && !c.Status.Finished()
	switch {
	case m.Lowered && m.Claim.Minor > 0 && open:
		out = append(out, Notef(SetField(record, "amount", m.Claim.String()),
			fmt.Sprintf("%s asks for %s, but what came back leaves %s: the letters ask for %s", record, m.Asked, m.Claim, m.Claim)))
	case m.Lowered && m.Claim.Minor > 0:
		out = append(out, Notef(nil, fmt.Sprintf("what came back leaves %s of %s: the letters ask for %s", m.Claim, m.Asked, m.Claim)))
	case m.Back.Minor > 0 && m.Claim.Minor == 0 && open:
		out = append(out, Notef(SetField(record, "outcome", "won|partial"),
			fmt.Sprintf("everything paid came back (%s): there is nothing left to claim, and the letters ask for no amount; if the case is over, record its outcome", m.Back)))
	case m.Back.Minor > 0 && m.Claim.Minor == 0:
		out = append(out, Notef(nil, fmt.Sprintf("everything paid came back (%s): the letters ask for no amount", m.Back)))
	case !m.Known && m.Back.Minor > 0:
		out = append(out, Notef(nil, fmt.Sprintf("%s came back, and the vault cannot tell what is left of what was paid in %s: the letters ask for %s as the case records it; check it",
			m.Back, cur, m.Claim)))
	}
	out = append(out, m.disagree()...)
	for _, r := range m.Refunds {
		if n, ok := r.note(cur); ok {
			out = append(out, n)
		}
	}
	return out
}

// disagree notes an order whose accounts of money back differ: the larger
// counts, as the same money; if the other came apart, the buyer says so.
func (m MoneyFacts) disagree() []Note {
	var out []Note
	for _, r := range m.Refunds {
		if r.Apart != SameMoney || len(r.Orders) != 1 {
			continue
		}
		if back, _ := m.BackOf(r.Orders[0]); back.Minor != r.Amount.Minor && back.Minor > 0 {
			out = append(out, Notef(nil, fmt.Sprintf("%s's refund of %s (%s) is taken as part of the %s that counts for it: if it came apart, lower the amount asked",
				r.Orders[0], r.Amount, r.Record, back)))
		}
	}
	return out
}

// note is what the buyer should know of a refund that does not count.
func (r Refund) note(cur string) (Note, bool) {
	order := ""
	if len(r.Orders) > 0 {
		order = r.Orders[0].String()
	}
	switch {
	case r.Apart == Unconfirmed:
		return Notef(&Fix{Do: DoConfirm, Record: r.Record, Order: order},
			fmt.Sprintf("%s credits %s to %s as the matcher linked it: it counts as a refund once you confirm it (or reject the link)", r.Record, r.Amount, order)), true
	case r.Apart == OtherCurrency && cur == "":
		return Notef(nil, fmt.Sprintf("the refund of %s (%s) is not subtracted: the case has no amount and its orders' totals are not in one currency", r.Amount, r.Record)), true
	case r.Apart == OtherCurrency:
		return Notef(nil, fmt.Sprintf("the refund of %s (%s) is not in %s, the claim's currency, so it is not subtracted: check the amount asked", r.Amount, r.Record, cur)), true
	case r.Apart == OtherOrders:
		return Notef(nil, fmt.Sprintf("the refund of %s decided in %s covers orders outside this case too, so it is not subtracted: check the amount asked", r.Amount, r.Record)), true
	}
	return Note{}, false
}

// accounts gathers the refunds of a case's orders in the claim's currency.
type accounts struct {
	cur  string
	in   map[OrderID]bool
	list []Refund
}

// collect lists every account of money back: the orders' own, the decided
// cases' (this one's too), the statement's credits.
func (a *accounts) collect(orders []Order, cases []Case, lines []Transaction) {
	for _, o := range orders {
		if !o.Refunded.IsZero() && o.Refunded.Minor > 0 {
			a.add(Refund{Source: RefundRecorded, Record: o.ID.String(), Orders: []OrderID{o.ID}, Amount: o.Refunded, At: o.RefundedAt})
		}
	}
	for _, c := range cases {
		if c.Outcome == OutcomeLost || c.Refunded.IsZero() || c.Refunded.Minor <= 0 {
			continue // a refund recorded on a case is its decision's, with an outcome or (before outcomes) without
		}
		r := Refund{Source: RefundDecided, Record: c.ID.String(), Orders: c.Orders, Amount: c.Refunded, At: c.Decided}
		if slices.ContainsFunc(c.Orders, func(o OrderID) bool { return !a.in[o] }) {
			r.Apart = OtherOrders
		}
		a.add(r)
	}
	for _, t := range lines {
		if t.Amount.Minor <= 0 || !a.in[t.Order] {
			continue
		}
		r := Refund{Source: RefundCredited, Record: t.ID.String(), Orders: []OrderID{t.Order}, Amount: t.Amount, At: t.Booked, Text: t.Text}
		if t.Amount.Currency != a.cur && t.Original.Currency == a.cur && t.Original.Minor != 0 {
			r.Amount = money.Money{Minor: abs(t.Original.Minor), Currency: a.cur}
		}
		if !t.Confirmed {
			r.Apart = Unconfirmed
		}
		a.add(r)
	}
}

// add keeps a refund, apart when it is not in the claim's currency.
func (a *accounts) add(r Refund) {
	if r.Apart == "" && r.Amount.Currency != a.cur {
		r.Apart = OtherCurrency
	}
	a.list = append(a.list, r)
}

// count marks which refunds count: for each order, the largest of its
// accounts of money back (the bank's first, then the buyer's, which says
// when the money came, then the decision's, when they are equal); for a decision about several orders, it
// or the orders' own, whichever is larger.
func (a *accounts) count() []Refund {
	for _, unit := range a.units() {
		perOrder := map[OrderID][]int{}
		var several []int
		for _, i := range unit {
			if r := a.list[i]; len(r.Orders) == 1 {
				perOrder[r.Orders[0]] = append(perOrder[r.Orders[0]], i)
			} else {
				several = append(several, i)
			}
		}
		var counted []int
		for _, list := range perOrder {
			counted = append(counted, a.largest(list)...)
		}
		if len(several) > 0 && a.sum(several) > a.sum(counted) {
			a.mark(counted, false)
			a.mark(several, true)
		} else {
			a.mark(several, false)
		}
	}
	return a.list
}

// largest marks the refunds of one order from the source whose sum is the
// largest as counted, the others as the same money, and returns those counted.
func (a *accounts) largest(list []int) []int {
	sums := map[RefundSource]int64{}
	for _, i := range list {
		sums[a.list[i].Source] += a.list[i].Amount.Minor
	}
	best, bestSum := RefundSource(""), int64(-1)
	for _, src := range []RefundSource{RefundCredited, RefundRecorded, RefundDecided} {
		if s, ok := sums[src]; ok && s > bestSum {
			best, bestSum = src, s
		}
	}
	var counted, other []int
	for _, i := range list {
		if a.list[i].Source == best {
			counted = append(counted, i)
		} else {
			other = append(other, i)
		}
	}
	a.mark(counted, true)
	a.mark(other, false)
	return counted
}

// mark says of refunds that they count, or that they are the same money as
// those that do.
func (a *accounts) mark(list []int, counted bool) {
	for _, i := range list {
		a.list[i].Counted = counted
		a.list[i].Apart = ""
		if !counted {
			a.list[i].Apart = SameMoney
		}
	}
}

func (a *accounts) sum(list []int) int64 {
	var n int64
	for _, i := range list {
		n += a.list[i].Amount.Minor
	}
	return n
}

// units groups the refunds that may count by the money they account for:
// the refunds of one order, joined with those of the other orders a
// decision about several covers.
func (a *accounts) units() [][]int {
	group := map[OrderID]OrderID{} // an order's group, named by its first order
	var find func(OrderID) OrderID
	find = func(o OrderID) OrderID {
		if g, ok := group[o]; ok && g != o {
			return find(g)
		}
		return o
	}
	for _, r := range a.list {
		if r.Apart != "" || len(r.Orders) == 0 {
			continue
		}
		first := find(r.Orders[0])
		for _, o := range r.Orders {
			group[find(o)] = first
		}
	}
	byGroup := map[OrderID][]int{}
	var order []OrderID
	for i, r := range a.list {
		if r.Apart != "" || len(r.Orders) == 0 {
			continue
		}
		g := find(r.Orders[0])
		if _, seen := byGroup[g]; !seen {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], i)
	}
	out := make([][]int, len(order))
	for i, g := range order {
		out[i] = byGroup[g]
	}
	return out
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
