package casework

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
	"vault/statements"
	"vault/store"
)

// merchantWords are how card statements name the marketplaces' charges
// (ALIEXPRESS.COM, ALIPAY, TEMU.COM, AMZN Mktp, PAYPAL *EBAY ...), in the
// order they are looked for: eBay first, for "PAYPAL *EBAY".
var merchantWords = []struct {
	m     vault.Marketplace
	words []string
}{
	{vault.EBay, []string{"EBAY"}},
	{vault.AliExpress, []string{"ALIEXPRESS", "ALIPAY", "ALIBABA"}},
	{vault.Temu, []string{"TEMU"}},
	{vault.Amazon, []string{"AMZN", "AMAZON"}},
	{vault.Shein, []string{"SHEIN"}},
	{vault.Wish, []string{"WISH.COM", "WISH "}},
	{vault.Etsy, []string{"ETSY"}},
	{vault.Zalando, []string{"ZALANDO"}},
	{vault.Komplett, []string{"KOMPLETT"}},
	{vault.Elkjop, []string{"ELKJOP", "ELKJØP"}},
	{vault.CDON, []string{"CDON"}},
}

// namedMarketplace is the marketplace a statement text names, if one.
func namedMarketplace(text string) (vault.Marketplace, bool) {
	up := strings.ToUpper(text)
	for _, mw := range merchantWords {
		for _, w := range mw.words {
			if strings.Contains(up, w) {
				return mw.m, true
			}
		}
	}
	return "", false
}

// The window a charge may fall in around an order's date, and the
// tolerance (in per mille) for a charge the bank converted: the price shown
// in kroner at checkout and the kroner the card was charged for a dollar
// amount differ by the two rates.
const (
	daysBefore = 2
	daysAfter  = 10
	tolerance  = 30
)

// matchLine is a statement line and the marketplace its text names, read once
// per run rather than once per order.
type matchLine struct {
	vault.Transaction
	market vault.Marketplace
	named  bool
}

// candidate reports whether a line may pay (or refund) an order, and why.
// Only a line whose text names the order's marketplace is linked by
// itself; one that names none (a PayPal line, a shop's own name) is at
// most suggested.
func candidate(l matchLine, o vault.Order) (why string, ok bool) {
	if o.Total.IsZero() || l.named && l.market != o.Marketplace { // the statement names another marketplace
		return "", false
	}
	amount, ok := sameAmount(l.Transaction, o)
	if !ok || !inWindow(l.Transaction, o) || !sameCard(l.Transaction, o) {
		return "", false
	}
	if l.named {
		amount += ", " + l.market.Name() + " in the text"
	}
	return amount, true
}

// sameAmount compares the line with the order's total in the order's
// currency: the amount itself, or the original amount of a line converted
// by the bank.
func sameAmount(t vault.Transaction, o vault.Order) (string, bool) {
	abs := func(n int64) int64 {
		if n < 0 {
			return -n
		}
		return n
	}
	switch {
	case t.Amount.Currency == o.Total.Currency && abs(t.Amount.Minor) == o.Total.Minor:
		return "the same amount", true
	case t.Original.Currency == o.Total.Currency && t.Original.Minor == o.Total.Minor:
		if t.Rate == "" { // not every bank gives its rate: say none rather than "converted at ,"
			return t.Original.String() + " converted", true
		}
		return fmt.Sprintf("%s converted at %s", t.Original, t.Rate), true
	case !t.Original.IsZero() && t.Amount.Currency == o.Total.Currency && abs(abs(t.Amount.Minor)-o.Total.Minor)*1000 <= o.Total.Minor*tolerance:
		return fmt.Sprintf("within 3 %% of the total after conversion from %s", t.Original), true
	}
	return "", false
}

// inWindow: a charge from 2 days before the order (or its payment) to 10
// days after it, or around its shipping (cards charged at shipment); a
// refund any time after the order.
func inWindow(t vault.Transaction, o vault.Order) bool {
	if t.Amount.Minor > 0 {
		first := o.Ordered
		if first.IsZero() {
			first = o.Paid
		}
		return first.IsZero() || t.Booked.DaysAfter(first) >= 0
	}
	for _, at := range []date.Value{o.Ordered, o.Paid, o.Shipped} {
		if days := t.Booked.DaysAfter(at); !at.IsZero() && days >= -daysBefore && days <= daysAfter {
			return true
		}
	}
	return false
}

// linesWindow is where the lines inWindow and sameAmount (or, for a payment
// in parts, summing) may take for o are, as days and amounts the store
// finds lines by: what it returns, candidate and splitPayments decide on.
// An order without a total has none.
func linesWindow(o vault.Order) (store.MatchWindow, bool) {
	if o.Total.IsZero() || o.Total.Minor <= 0 {
		return store.MatchWindow{}, false
	}
	w := store.MatchWindow{Order: o.ID, Total: o.Total, Off: o.Total.Minor * tolerance / 1000}
	day := func(v date.Value, days int) date.Value { return date.Day(v.Time().UTC().AddDate(0, 0, days)) }
	for _, at := range []date.Value{o.Ordered, o.Paid, o.Shipped} {
		if !at.IsZero() {
			w.Charges = append(w.Charges, [2]date.Value{day(at, -daysBefore), day(at, daysAfter)})
		}
	}
	if first := cmp.Or(o.Ordered, o.Paid); !first.IsZero() {
		w.Credits = day(first, 0)
	}
	return w, true
}

// sameCard: when both the line and the order's payment name a card's last
// digits, they agree.
func sameCard(t vault.Transaction, o vault.Order) bool {
	if t.Card == "" {
		return true
	}
	digits := statements.LastDigits(o.Payment)
	return digits == "" || digits == t.Card
}

// MatchResult is what a matching run decided, and what waits for the
// buyer.
type MatchResult struct {
	Linked, Suggested []store.Match
	// ToConfirm are the credits the matcher linked, in this run or an
	// earlier one, that the buyer has neither confirmed nor rejected: a
	// credit counts as a refund only once confirmed ('vault match
	// confirm'), so its link is still the buyer's to decide.
	ToConfirm []store.Match
}

// ToDecide is how many lines wait for the buyer's decision: those with
// suggestions and the credits to confirm.
func (r MatchResult) ToDecide() int {
	lines := map[vault.TransactionID]bool{}
	for _, m := range slices.Concat(r.Suggested, r.ToConfirm) {
		lines[m.Transaction] = true
	}
	return len(lines)
}

// MatchTransactions looks for the order of every line that has no linked
// order yet, among the lines in some order's window (store.MatchLines: a
// statement of a million lines is not read whole): a line and an order
// that are each other's only candidate are
// linked; other candidates are suggested, never ones the user rejected.
// Credits linked to an order never add up to more than it cost: one past
// that is suggested. 'vault import statement' runs it on what it imported,
// 'vault match' on demand; both record the same automatic links (by the
// matcher), which are no facts until the buyer confirms them.
func (s *Service) MatchTransactions(ctx context.Context) (MatchResult, error) {
	orders, err := s.DB.Orders(ctx, false)
	if err != nil || len(orders) == 0 {
		// No order, nothing to link or confirm: a first statement imported
		// into a new vault does not read its lines again.
		return MatchResult{}, err
	}
	var windows []store.MatchWindow
	for _, o := range orders {
		if w, ok := linesWindow(o); ok {
			windows = append(windows, w)
		}
	}
	txs, err := s.DB.MatchLines(ctx, windows)
	if err != nil {
		return MatchResult{}, err
	}
	known, err := s.DB.Matches(ctx)
	if err != nil {
		return MatchResult{}, err
	}
	res := match(txs, orders, known)
	return res, s.DB.SetMatches(ctx, append(append([]store.Match{}, res.Linked...), res.Suggested...))
}

// match decides what MatchTransactions records, from the lines (oldest
// first), the live orders and the decisions known.
func match(txs []vault.Transaction, orders []vault.Order, known []store.Match) MatchResult {
	lines := make([]matchLine, len(txs))
	for i, t := range txs {
		lines[i].Transaction = t
		lines[i].market, lines[i].named = namedMarketplace(t.Text)
	}
	decided := map[vault.TransactionID]bool{}
	rejected := map[[2]int64]bool{}
	taken := map[vault.OrderID]int{} // lines already linked to an order
	for _, m := range known {
		switch m.State {
		case "linked":
			decided[m.Transaction] = true
			taken[m.Order]++
		case "rejected":
			rejected[[2]int64{int64(m.Transaction), int64(m.Order)}] = true
		}
	}
	refunds := linkedRefunds(txs, orders, known)
	cands := map[vault.TransactionID][]store.Match{}
	perOrder := map[vault.OrderID]int{} // charges naming its marketplace that may pay it
	for _, l := range lines {
		if decided[l.ID] {
			continue
		}
		for _, o := range orders {
			if rejected[[2]int64{int64(l.ID), int64(o.ID)}] {
				continue
			}
			if why, ok := candidate(l, o); ok {
				cands[l.ID] = append(cands[l.ID], store.Match{Transaction: l.ID, Order: o.ID, Why: why, By: "matcher"})
				if l.named && l.Amount.Minor < 0 {
					perOrder[o.ID]++
				}
			}
		}
	}
	var res MatchResult
	for _, m := range splitPayments(lines, orders, cands, decided, taken, rejected) {
		if m.State == "linked" {
			res.Linked = append(res.Linked, m)
		} else {
			res.Suggested = append(res.Suggested, m)
		}
	}
	for _, l := range lines {
		cs := cands[l.ID]
		sole := len(cs) == 1 && l.named && (l.Amount.Minor > 0 || perOrder[cs[0].Order] == 1 && taken[cs[0].Order] == 0)
		if sole && l.Amount.Minor > 0 && !refunds.add(l.Transaction, cs[0].Order) {
			sole = false
			cs[0].Why += "; with the credits linked to it, more than the order cost"
		}
		for _, c := range cs {
			if sole {
				c.State = "linked"
				res.Linked = append(res.Linked, c)
			} else {
				c.State = "suggested"
				res.Suggested = append(res.Suggested, c)
			}
		}
	}
	res.ToConfirm = unconfirmedCredits(txs, orders, append(known, res.Linked...))
	byLine := func(a, b store.Match) int {
		return cmp.Or(cmp.Compare(a.Transaction, b.Transaction), cmp.Compare(a.Order, b.Order))
	}
	slices.SortFunc(res.Linked, byLine)
	slices.SortFunc(res.Suggested, byLine)
	slices.SortFunc(res.ToConfirm, byLine)
	return res
}

// refunded is what the credits linked to each order give back, in the
// order's currency, each counted at most at what the order cost.
type refunded struct {
	orders map[vault.OrderID]vault.Order
	sum    map[vault.OrderID]money.Money
}

// linkedRefunds is what the credits already linked (by the matcher or the
// buyer) give back to each live order.
func linkedRefunds(txs []vault.Transaction, orders []vault.Order, known []store.Match) refunded {
	r := refunded{orders: map[vault.OrderID]vault.Order{}, sum: map[vault.OrderID]money.Money{}}
	for _, o := range orders {
		r.orders[o.ID] = o
	}
	byID := map[vault.TransactionID]vault.Transaction{}
	for _, t := range txs {
		if t.Amount.Minor > 0 {
			byID[t.ID] = t
		}
	}
	for _, m := range known {
		t, credit := byID[m.Transaction]
		if o, live := r.orders[m.Order]; credit && live && m.State == "linked" && !r.add(t, m.Order) {
			r.sum[m.Order] = o.Total // linked past the cost (by the buyer, or before this rule): nothing more is
		}
	}
	return r
}

// add counts the credit t as a refund of the order o, unless the refunds
// would then pass what o cost: a statement of 9,300 credits of one
// order's amount does not refund it 9,300 times (#31, item 6).
func (r refunded) add(t vault.Transaction, id vault.OrderID) bool {
	o, ok := r.orders[id]
	if !ok || o.Total.Minor <= 0 {
		return false
	}
	back := o.Total // a credit in another currency, the bank's rate unknown: all of it
	switch {
	case t.Amount.Currency == o.Total.Currency:
		back.Minor = min(t.Amount.Minor, o.Total.Minor)
	case t.Original.Currency == o.Total.Currency && t.Original.Minor > 0:
		back.Minor = min(t.Original.Minor, o.Total.Minor)
	}
	sum, err := money.Add(r.sum[id], back)
	if err != nil || sum.Minor > o.Total.Minor {
		return false
	}
	r.sum[id] = sum
	return true
}

// unconfirmedCredits are the matcher's links of credits to live orders
// among ms: the refunds that count once the buyer confirms them.
func unconfirmedCredits(txs []vault.Transaction, orders []vault.Order, ms []store.Match) []store.Match {
	credit := map[vault.TransactionID]bool{}
	for _, t := range txs {
		credit[t.ID] = t.Amount.Minor > 0
	}
	live := map[vault.OrderID]bool{}
	for _, o := range orders {
		live[o.ID] = true
	}
	var out []store.Match
	for _, m := range ms {
		if m.State == "linked" && m.By == "matcher" && credit[m.Transaction] && live[m.Order] {
			out = append(out, m)
		}
	}
	return out
}

// Decide records the user's decision about a line and an order: confirm
// links them, and takes the line from the other orders the matcher linked
// or suggested it for (a line pays or refunds one order); reject keeps the
// matcher from suggesting it again.
func (s *Service) Decide(ctx context.Context, tx vault.TransactionID, orderRef string, confirm bool) error {
	o, err := s.DB.ResolveOrder(ctx, orderRef)
	if err != nil {
		return err
	}
	if !confirm {
		return s.DB.SetMatches(ctx, []store.Match{{Transaction: tx, Order: o, State: "rejected", Why: "decided by the user", By: "user"}})
	}
	ms := []store.Match{{Transaction: tx, Order: o, State: "linked", Why: "decided by the user", By: "user"}}
	all, err := s.DB.Matches(ctx)
	if err != nil {
		return err
	}
	for _, m := range all {
		if m.Transaction == tx && m.Order != o && m.By == "matcher" && m.State != "rejected" {
			ms = append(ms, store.Match{Transaction: tx, Order: m.Order, State: "rejected", Why: "confirmed for " + o.String(), By: "user"})
		}
	}
	return s.DB.SetMatches(ctx, ms)
}

// splitPayments finds orders paid in parts (a card charged per shipment,
// or per seller of one checkout): two or three charges naming the order's
// marketplace, in its window, that are no other order's candidate and
// together make its total. An order with one such set, whose charges are in
// no other order's set, is linked; the rest are suggested, each line once
// per order.
func splitPayments(lines []matchLine, orders []vault.Order, cands map[vault.TransactionID][]store.Match,
	decided map[vault.TransactionID]bool, taken map[vault.OrderID]int, rejected map[[2]int64]bool) []store.Match {
	found := map[vault.OrderID]sums{}
	uses := map[vault.TransactionID]int{} // the orders a line is in a set of
	for _, o := range orders {
		if o.Total.Minor <= 0 || taken[o.ID] > 0 {
			continue
		}
		var parts []vault.Transaction
		for _, l := range lines {
			if l.Amount.Minor < 0 && l.named && l.market == o.Marketplace &&
				!decided[l.ID] && len(cands[l.ID]) == 0 && !rejected[[2]int64{int64(l.ID), int64(o.ID)}] &&
				inWindow(l.Transaction, o) && sameCard(l.Transaction, o) {
				parts = append(parts, l.Transaction)
			}
		}
		if len(parts) < 2 {
			continue
		}
		f := summing(parts, o.Total)
		if f.sets == 0 {
			continue
		}
		found[o.ID] = f
		for id := range f.in {
			uses[id]++
		}
	}
	var out []store.Match
	for _, o := range orders {
		f, ok := found[o.ID]
		if !ok {
			continue
		}
		linked := f.sets == 1
		for _, t := range f.one {
			linked = linked && uses[t.ID] == 1
		}
		why := func(n int) string {
			return fmt.Sprintf("one of %d charges that together make the total, %s in the text", n, o.Marketplace.Name())
		}
		if linked {
			for _, t := range f.one {
				out = append(out, store.Match{Transaction: t.ID, Order: o.ID, Why: why(len(f.one)), By: "matcher", State: "linked"})
			}
			continue
		}
		for _, id := range slices.Sorted(maps.Keys(f.in)) {
			out = append(out, store.Match{Transaction: id, Order: o.ID, Why: why(f.in[id]), By: "matcher", State: "suggested"})
		}
	}
	return out
}

// sums is what summing found for one order's total: not every set (equal
// charges of a third of the total make n³/6 of them) but what the matcher
// decides from: one set, whether it is the only one, and each line that is
// in some set.
type sums struct {
	one   []vault.Transaction         // a set that makes the total; the only one when sets is 1
	sets  int                         // how many sets make it, counted up to 2
	in    map[vault.TransactionID]int // each line in some set: the size of the smallest such set
	steps int                         // amounts compared, at most 2n² for n lines (TestSummingBounded)
}

// summing finds the sets of two or three of the lines whose amounts (or
// original amounts, before the bank converted them) add up to total
// exactly. The amounts are sorted, so that each search walks them from
// both ends at once: pairs in n steps, triples in n² (not n³), and which
// lines are in a triple in n steps per distinct amount. Amounts are
// compared by subtracting from the total, which cannot overflow.
func summing(ts []vault.Transaction, total money.Money) sums {
	type part struct {
		t vault.Transaction
		p int64
	}
	var parts []part
	for _, t := range ts {
		p := int64(0)
		switch {
		case t.Amount.Currency == total.Currency && t.Amount.Minor > math.MinInt64:
			p = -t.Amount.Minor
		case t.Original.Currency == total.Currency:
			p = t.Original.Minor
		}
		if p > 0 && p < total.Minor { // only a positive part smaller than the total can be one of several
			parts = append(parts, part{t, p})
		}
	}
	slices.SortFunc(parts, func(a, b part) int { return cmp.Or(cmp.Compare(a.p, b.p), cmp.Compare(a.t.ID, b.t.ID)) })
	n := len(parts)
	f := sums{in: map[vault.TransactionID]int{}}
	mark := func(size int, idx ...int) {
		for _, i := range idx {
			if s, ok := f.in[parts[i].t.ID]; !ok || size < s {
				f.in[parts[i].t.ID] = size
			}
		}
	}
	// found counts the sets of one hit of pairFrom (runs of equal amounts
	// make several), keeping the first.
	found := func(lo, loEnd, hi, hiStart int, idx ...int) {
		if f.sets == 0 {
			for _, i := range idx {
				f.one = append(f.one, parts[i].t)
			}
		}
		sets := 1
		if parts[lo].p == parts[hi].p && hi-lo > 1 || parts[lo].p != parts[hi].p && (loEnd > lo || hiStart < hi) {
			sets = 2
		}
		f.sets = min(f.sets+sets, 2)
	}
	// pairFrom walks parts[lo..hi] from both ends for two (not skip) that
	// make target, calling hit with the runs of equal amounts found; hit
	// returns false to stop.
	pairFrom := func(lo, hi, skip int, target int64, hit func(lo, loEnd, hi, hiStart int) bool) {
		for lo < hi {
			f.steps++
			switch {
			case lo == skip:
				lo++
			case hi == skip:
				hi--
			case parts[hi].p < target-parts[lo].p:
				lo++
			case parts[hi].p > target-parts[lo].p:
				hi--
			default:
				loEnd, hiStart := lo, hi // the runs of equal amounts at each end
				for loEnd+1 < hi && parts[loEnd+1].p == parts[lo].p {
					loEnd++
				}
				for hiStart-1 > loEnd && parts[hiStart-1].p == parts[hi].p {
					hiStart--
				}
				if !hit(lo, loEnd, hi, hiStart) {
					return
				}
				lo, hi = loEnd+1, hiStart-1
			}
		}
	}
	// Pairs: every line of both runs is in a pair; a run of one amount
	// that is half the total pairs with itself.
	pairFrom(0, n-1, -1, total.Minor, func(lo, loEnd, hi, hiStart int) bool {
		found(lo, loEnd, hi, hiStart, lo, hi)
		if parts[lo].p == parts[hi].p {
			loEnd = hi // the two runs are one
		}
		for i := lo; i <= loEnd; i++ {
			mark(2, i)
		}
		for i := hiStart; i <= hi; i++ {
			mark(2, i)
		}
		return true
	})
	// Triples: how many (up to 2), and the first, by the smallest part.
	for i := 0; i < n-2 && f.sets < 2; i++ {
		pairFrom(i+1, n-1, -1, total.Minor-parts[i].p, func(lo, loEnd, hi, hiStart int) bool {
			found(lo, loEnd, hi, hiStart, i, lo, hi)
			return f.sets < 2
		})
	}
	// Which lines are in a triple: the same for each line of one amount, so
	// once per distinct amount, skipping one line of it.
	for i := 0; i < n; {
		in := false
		pairFrom(0, n-1, i, total.Minor-parts[i].p, func(int, int, int, int) bool {
			in = true
			return false
		})
		j := i
		for ; j < n && parts[j].p == parts[i].p; j++ {
			if in {
				mark(3, j)
			}
		}
		i = j
	}
	return f
}
