package casework

import (
	"cmp"
	"context"
	"fmt"
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

// candidate reports whether a line may pay (or refund) an order, why, and
// whether its text names the order's marketplace: only such a line is
// linked by itself; one that names none (a PayPal line, a shop's own name)
// is at most suggested.
func candidate(t vault.Transaction, o vault.Order) (why string, ok, named bool) {
	if o.Total.IsZero() {
		return "", false, false
	}
	m, named := namedMarketplace(t.Text)
	if named && m != o.Marketplace {
		return "", false, false // the statement names another marketplace
	}
	amount, ok := sameAmount(t, o)
	if !ok || !inWindow(t, o) || !sameCard(t, o) {
		return "", false, false
	}
	if named {
		amount += ", " + m.Name() + " in the text"
	}
	return amount, true, named
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
// order yet: a line and an order that are each other's only candidate are
// linked; other candidates are suggested, never ones the user rejected.
// 'vault import statement' runs it on what it imported, 'vault match' on
// demand; both record the same automatic links (by the matcher), which
// are no facts until the buyer confirms them.
func (s *Service) MatchTransactions(ctx context.Context) (MatchResult, error) {
	orders, err := s.DB.Orders(ctx, false)
	if err != nil || len(orders) == 0 {
		// No order, nothing to link or confirm: a first statement imported
		// into a new vault does not read its lines again.
		return MatchResult{}, err
	}
	txs, err := s.DB.Transactions(ctx, store.TransactionFilter{})
	if err != nil {
		return MatchResult{}, err
	}
	known, err := s.DB.Matches(ctx)
	if err != nil {
		return MatchResult{}, err
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
	cands := map[vault.TransactionID][]store.Match{}
	perOrder := map[vault.OrderID]int{} // charges naming its marketplace that may pay it
	sure := map[vault.TransactionID]bool{}
	for _, t := range txs {
		if decided[t.ID] {
			continue
		}
		for _, o := range orders {
			if rejected[[2]int64{int64(t.ID), int64(o.ID)}] {
				continue
			}
			if why, ok, named := candidate(t, o); ok {
				cands[t.ID] = append(cands[t.ID], store.Match{Transaction: t.ID, Order: o.ID, Why: why, By: "matcher"})
				if named {
					sure[t.ID] = true
				}
				if named && t.Amount.Minor < 0 {
					perOrder[o.ID]++
				}
			}
		}
	}
	var res MatchResult
	for _, m := range splitPayments(txs, orders, cands, decided, taken, rejected) {
		if m.State == "linked" {
			res.Linked = append(res.Linked, m)
		} else {
			res.Suggested = append(res.Suggested, m)
		}
	}
	for _, t := range txs {
		cs := cands[t.ID]
		sole := len(cs) == 1 && sure[t.ID] && (t.Amount.Minor > 0 || perOrder[cs[0].Order] == 1 && taken[cs[0].Order] == 0)
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
	return res, s.DB.SetMatches(ctx, append(append([]store.Match{}, res.Linked...), res.Suggested...))
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
// no other order's set, is linked; the rest are suggested.
func splitPayments(txs []vault.Transaction, orders []vault.Order, cands map[vault.TransactionID][]store.Match,
	decided map[vault.TransactionID]bool, taken map[vault.OrderID]int, rejected map[[2]int64]bool) []store.Match {
	found := map[vault.OrderID][][]vault.Transaction{}
	uses := map[vault.TransactionID]int{}
	for _, o := range orders {
		if o.Total.IsZero() || taken[o.ID] > 0 {
			continue
		}
		var parts []vault.Transaction
		for _, t := range txs {
			if m, named := namedMarketplace(t.Text); t.Amount.Minor < 0 && named && m == o.Marketplace &&
				!decided[t.ID] && len(cands[t.ID]) == 0 && !rejected[[2]int64{int64(t.ID), int64(o.ID)}] &&
				inWindow(t, o) && sameCard(t, o) {
				parts = append(parts, t)
			}
		}
		for _, set := range summing(parts, o.Total) {
			found[o.ID] = append(found[o.ID], set)
			for _, t := range set {
				uses[t.ID]++
			}
		}
	}
	var out []store.Match
	seen := map[[2]int64]bool{} // a line in two of an order's sets is suggested once
	for _, o := range orders {
		sets := found[o.ID]
		for _, set := range sets {
			state := "linked"
			for _, t := range set {
				if len(sets) > 1 || uses[t.ID] > 1 {
					state = "suggested"
				}
			}
			why := fmt.Sprintf("one of %d charges that together make the total, %s in the text", len(set), o.Marketplace.Name())
			for _, t := range set {
				if k := [2]int64{int64(t.ID), int64(o.ID)}; !seen[k] {
					seen[k] = true
					out = append(out, store.Match{Transaction: t.ID, Order: o.ID, Why: why, By: "matcher", State: state})
				}
			}
		}
	}
	return out
}

// summing lists the sets of two or three lines whose amounts (or original
// amounts, before the bank converted them) add up to total exactly.
func summing(ts []vault.Transaction, total money.Money) [][]vault.Transaction {
	var lines []vault.Transaction
	var parts []int64
	for _, t := range ts {
		switch {
		case t.Amount.Currency == total.Currency:
			lines, parts = append(lines, t), append(parts, -t.Amount.Minor)
		case t.Original.Currency == total.Currency:
			lines, parts = append(lines, t), append(parts, t.Original.Minor)
		}
	}
	var out [][]vault.Transaction
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			if parts[i]+parts[j] == total.Minor {
				out = append(out, []vault.Transaction{lines[i], lines[j]})
			}
			for k := j + 1; k < len(lines); k++ {
				if parts[i]+parts[j]+parts[k] == total.Minor {
					out = append(out, []vault.Transaction{lines[i], lines[j], lines[k]})
				}
			}
		}
	}
	return out
}
