package vault

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"vault/internal/date"
	"vault/internal/money"
)

// MoneyFacts are a case's money as its records say it: what was paid and
// charged, every account of money that came back, what of it counts, and
// what is left to claim.
type MoneyFacts struct {
	Paid     money.Money   // what the orders cost, when every total is recorded in one currency (Minor 0: too large to add up)
	Charged  []Transaction // the statement lines that charged its orders, as the bank wrote them
	Debited  money.Money   // what Charged add up to, when in one currency and not too large (zero otherwise)
	Credited []Transaction // the statement lines that credited them, linked and confirmed by the buyer
	Refunds  []Refund      // every account of money back, those that count and those that do not
	Back     money.Money   // what came back, each refund once, in the claim's currency (Minor 0 when too large)
	Asked    money.Money   // the amount the case records (zero: none)
	Claim    money.Money   // what is asked back: never more than is left (Minor 0: nothing is; zero: not known)
	Left     money.Money   // what is left of what was paid, when Known
	Known    bool          // what was paid, and what came back, are known in the claim's currency
	Lowered  bool          // the case asks for more than is left: Claim is what is
	// TooLarge are the sums of its money that pass what an amount holds
	// (money.ErrOverflow: 9,224 refunds of the largest amount do): the
	// facts state none of them, nor what follows from them, never a
	// wrapped value.
	TooLarge []Unsummed
}

// Unsummed names a sum of a case's money that is too large to add up.
type Unsummed string

// The sums of a case's money.
const (
	PaidTooLarge    Unsummed = "the orders' totals"
	ChargedTooLarge Unsummed = "the charges on the statement"
	BackTooLarge    Unsummed = "the refunds that count"
)

// tooLarge records that a sum could not be added up, once.
func (m *MoneyFacts) tooLarge(u Unsummed) {
	if !slices.Contains(m.TooLarge, u) {
		m.TooLarge = append(m.TooLarge, u)
	}
}

// BackOf is what came back of one order, as the facts count it, and the
// refund of it with the latest day the money came (a decision's day is the
// day it was decided, not the day money came: it gives none): a decision's
// refund of several orders is no order's alone (nor are refunds too large
// to add up: they count for none, TooLargeToAdd).
func (m MoneyFacts) BackOf(o OrderID) (money.Money, Refund) {
	var sum money.Money
	var last Refund
	for _, r := range m.Refunds {
		if !r.Counted || len(r.Orders) != 1 || r.Orders[0] != o {
			continue
		}
		var err error
		if sum, err = money.Add(sum, r.Amount); err != nil {
			return money.Money{}, Refund{}
		}
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
	TooLargeToAdd Apart = "too large"      // the refunds that count add up to more than an amount can hold (BackTooLarge)
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
	m := MoneyFacts{Asked: c.Amount}
	var err error
	if m.Paid, err = paidOf(orders); err != nil {
		m.tooLarge(PaidTooLarge)
	}
	cur := cmp.Or(c.Amount.Currency, m.Paid.Currency)
	for _, t := range lines {
		switch {
		case t.Amount.Minor < 0:
			m.Charged = append(m.Charged, t)
		case t.Confirmed:
			m.Credited = append(m.Credited, t)
		}
	}
	if m.Debited, err = debited(m.Charged); err != nil {
		m.tooLarge(ChargedTooLarge)
	}
	in := map[OrderID]bool{}
	for _, o := range orders {
		in[o.ID] = true
	}
	a := accounts{cur: cur, in: in}
	a.collect(orders, cases, lines)
	m.Refunds = a.count()
	if m.Back, err = m.counted(cur); err != nil {
		m.tooLarge(BackTooLarge)
	}
	m.claim(cur)
	return m, m.notes(c, cur)
}

// counted is what the refunds that count add up to. When that is too
// large to add up, none of them counts (each is apart, TooLargeToAdd):
// the writers state none as what came back, and Back is Minor 0.
func (m *MoneyFacts) counted(cur string) (money.Money, error) {
	back := money.Money{Currency: cur}
	var err error
	for _, r := range m.Refunds {
		if r.Counted {
			if back, err = money.Add(back, r.Amount); err != nil {
				break
			}
		}
	}
	if err == nil {
		return back, nil
	}
	for i, r := range m.Refunds {
		if r.Counted {
			m.Refunds[i].Counted, m.Refunds[i].Apart = false, TooLargeToAdd
		}
	}
	return money.Money{Currency: cur}, err
}

// base is what was paid in the claim's currency: the orders' totals, or
// what the statement lines the buyer confirmed charged; Minor 0 when
// neither says, or when they are too large to add up.
func (m *MoneyFacts) base(cur string) money.Money {
	if m.Paid.Currency == cur && cur != "" {
		return m.Paid
	}
	base := money.Money{Currency: cur}
	for _, t := range m.Charged {
		if t.Amount.Currency == cur && t.Confirmed && cur != "" {
			var err error
			if base, err = money.Sub(base, t.Amount); err != nil {
				m.tooLarge(ChargedTooLarge)
				return money.Money{Currency: cur}
			}
		}
	}
	return base
}

// paidOf is what the orders cost, when every total is recorded in one
// currency; zero otherwise. Totals too large to add up give Minor 0 in
// their currency, and the error.
func paidOf(orders []Order) (money.Money, error) {
	var paid money.Money
	var err error
	for _, o := range orders {
		if o.Total.IsZero() || !paid.IsZero() && o.Total.Currency != paid.Currency {
			return money.Money{}, nil
		}
		if err != nil {
			continue
		}
		if paid, err = money.Add(paid, o.Total); err != nil {
			paid = money.Money{Currency: o.Total.Currency}
		}
	}
	return paid, err
}

// debited is what the lines charged, as the bank wrote them: zero when
// they are in several currencies, and with the error when they are too
// large to add up.
func debited(charged []Transaction) (money.Money, error) {
	var sum money.Money
	for _, t := range charged {
		var err error
		if sum, err = money.Sub(sum, t.Amount); errors.Is(err, money.ErrCurrency) {
			return money.Money{}, nil
		} else if err != nil {
			return money.Money{}, err
		}
	}
	return sum, nil
}

// claim works out what is left and what is asked: the case's amount, never
// more than what was paid (or charged, in the claim's currency) less what
// came back. When what was paid is not known in the claim's currency, the
// amount stands as recorded (it may already be what is left), and a note
// says what came back. When what came back is too large to add up, nothing
// is known and nothing is asked: it may be all of it.
func (m *MoneyFacts) claim(cur string) {
	base := m.base(cur)
	back := !slices.Contains(m.TooLarge, BackTooLarge)
	if m.Known = base.Minor > 0 && back; m.Known {
		m.Back.Minor = min(m.Back.Minor, base.Minor) // never more back than was paid
		m.Left = money.Money{Minor: base.Minor - m.Back.Minor, Currency: cur}
	}
	switch {
	case !back:
		m.Claim = money.Money{}
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
	for _, u := range m.TooLarge {
		out = append(out, u.note())
	}
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

// note says what the facts leave out of a sum too large to add up, and
// what to check.
func (u Unsummed) note() Note {
	const check = "check the statement lines linked to its orders, and reject those that are not theirs"
	text := map[Unsummed]string{
		PaidTooLarge:    "the orders' totals add up to more than an amount can hold: the letters and the dossier leave out what was paid; check the totals",
		ChargedTooLarge: "the charges on the statement add up to more than an amount can hold: the letters and the dossier leave out what the card was debited and what is left of it; " + check,
		BackTooLarge: "the refunds that count add up to more than an amount can hold: the letters and the dossier leave out what came back and what is left, " +
			"and ask for no amount; " + check,
	}[u]
	return Notef(nil, text)
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
	bySource := map[RefundSource][]int{}
	for _, i := range list {
		bySource[a.list[i].Source] = append(bySource[a.list[i].Source], i)
	}
	best, bestSum := RefundSource(""), int64(-1)
	for _, src := range []RefundSource{RefundCredited, RefundRecorded, RefundDecided} {
		if l, ok := bySource[src]; ok {
			if sum := a.sum(l); sum > bestSum {
				best, bestSum = src, sum
			}
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

// sum is what refunds (in the claim's currency) add up to, to compare
// them: too large to add up, the largest int64, as they are more than any
// sum that can be added up.
func (a *accounts) sum(list []int) int64 {
	var sum money.Money
	for _, i := range list {
		var err error
		if sum, err = money.Add(sum, a.list[i].Amount); err != nil {
			return math.MaxInt64
		}
	}
	return sum.Minor
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
