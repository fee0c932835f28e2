package letters

import (
	"strings"

	"vault"
	"vault/internal/lang"
)

// Summary is the case in one paragraph, for the first page of its dossier:
// what went wrong, what was paid to whom, the delivery, the seller's answer,
// the marketplace's dispute, and what is asked. Each sentence comes from its
// record; what is not recorded is left out, never guessed.
func Summary(l lang.Lang, f Facts) string {
	w := &letter{v: newView(f, l), l: l}
	parts := []string{w.headline()}
	if len(w.v.Orders) == 1 {
		o := w.v.Orders[0]
		parts = append(parts, w.paid(o), w.delivery(o))
	} else if len(w.v.Orders) > 1 {
		parts = append(parts, w.f("%d orders at %s: %s.", len(w.v.Orders), w.markets(), w.v.Numbers))
	}
	if w.v.Case.Kind == vault.Reinstatement {
		parts = append(parts, w.history())
	} else {
		parts = append(parts, w.answered())
	}
	for _, d := range f.Case.Related {
		parts = append(parts, w.related(d))
	}
	if c := w.v.Case; c.Kind == vault.Dispute && c.DisputeNumber != "" {
		parts = append(parts, w.f("%s dispute %s opened %s.", w.markets(), c.DisputeNumber, w.date(c.Opened)))
	}
	if w.v.Case.Kind != vault.Reinstatement {
		parts = append(parts, w.refunds())
	}
	parts = append(parts, w.ask())
	return sentences(parts...)
}

// refunds says what came back, each refund once, as the facts count it: the
// buyer's record of an order's refund, or the bank's credit. A decision's
// refund is said with the decision.
func (w *letter) refunds() string {
	var out []string
	for _, r := range w.v.F.Money.Refunds {
		if !r.Counted || r.Source == vault.RefundDecided {
			continue
		}
		number := w.number(r.Orders[0])
		var s string
		switch {
		case r.Source == vault.RefundCredited && r.Text != "":
			s = w.f("%s of order %s was credited back on %s, as “%s” on the statement", w.l.Money(r.Amount), number, w.date(r.At), r.Text)
		case r.Source == vault.RefundCredited:
			s = w.f("%s of order %s was credited back on %s", w.l.Money(r.Amount), number, w.date(r.At))
		default:
			s = w.f("%s of order %s was refunded", w.l.Money(r.Amount), number)
			if !r.At.IsZero() {
				s += w.f(" on %s", w.date(r.At))
			}
		}
		out = append(out, s+".")
	}
	return sentences(out...)
}

// number is an order's number.
func (w *letter) number(id vault.OrderID) string {
	for _, o := range w.v.Orders {
		if o.ID == id {
			return o.Number
		}
	}
	return id.String()
}

// headline says what the case is about in a few words.
func (w *letter) headline() string {
	if w.v.Case.Kind == vault.Reinstatement {
		a := w.v.F.Account
		switch {
		case a == nil:
			return w.f("My %s account was restricted.", w.markets())
		case a.Blocked.IsZero():
			return w.f("My %s account %s was restricted.", a.Marketplace.Name(), a.Login)
		}
		return w.f("My %s account %s was restricted on %s.", a.Marketplace.Name(), a.Login, w.date(a.Blocked))
	}
	switch w.v.Trouble {
	case vault.NotReceived:
		return w.t("Goods not received.")
	case vault.Defective:
		return w.t("Goods received with a defect.")
	case vault.NotAsDescribed:
		return w.t("Goods not as described.")
	case vault.NotAuthorised:
		return w.t("A card payment I did not make.")
	case vault.ChargedTwice:
		return w.t("Charged twice for one purchase.")
	case vault.WrongAmount:
		return w.t("Charged a wrong amount.")
	}
	return ""
}

// paid says what was paid, how, when and to whom, as far as recorded:
// "349.00 NOK paid by Visa ****4242 on 2026-09-02 to Shenzhen Gadget Store
// (AliExpress order 8123456789012345)."
func (w *letter) paid(o vault.Order) string {
	s := w.f("%s order %s", o.Marketplace.Name(), o.Number)
	if o.Seller != "" {
		s = w.f("%s (%s)", o.Seller, s)
	}
	switch {
	case !o.Total.IsZero() && !o.Paid.IsZero():
		s = w.f("%s paid on %s to %s", w.l.Money(o.Total), w.date(o.Paid), s)
	case !o.Total.IsZero():
		s = w.f("%s to %s", w.l.Money(o.Total), s)
	}
	if o.Payment != "" {
		s += w.f(", by %s", w.payment(o.Payment))
	}
	if o.Paid.IsZero() && !o.Ordered.IsZero() {
		s += w.f(", ordered %s", w.date(o.Ordered))
	}
	return lang.Upper(s) + "."
}

// delivery says what is recorded of the shipment: shipped, tracking,
// expected, delivered.
func (w *letter) delivery(o vault.Order) string {
	var parts []string
	if !o.Shipped.IsZero() {
		parts = append(parts, w.f("Shipped %s.", w.date(o.Shipped)))
	}
	if len(o.Tracking) > 0 {
		parts = append(parts, w.f("Tracking number %s.", strings.Join(o.Tracking, ", ")))
	}
	switch {
	case !o.Delivered.IsZero():
		parts = append(parts, w.f("Delivered %s.", w.date(o.Delivered)))
	case !o.Expected.IsZero():
		parts = append(parts, w.f("Delivery expected by %s.", w.date(o.Expected)))
	}
	return sentences(parts...)
}

// answered says when the buyer wrote to the seller and, when the seller
// answered, the start of the last answer.
func (w *letter) answered() string {
	c := w.v.Letters
	if c.Wrote == 0 {
		return ""
	}
	s := w.t("I wrote to the seller.")
	if !c.First.IsZero() {
		s = w.f("I wrote to the seller on %s.", w.date(c.First))
	}
	if r, ok := w.v.F.Contact.LastAnswer(); ok {
		if r.At.IsZero() {
			return s + " " + w.f("The seller answered: “%s”", r.Words)
		}
		return s + " " + w.f("The seller answered on %s: “%s”", w.date(r.At), r.Words)
	}
	return s
}

// history is what a reinstatement's reviewer weighs: the orders on the
// account and the disputes among them, as recorded.
func (w *letter) history() string {
	v := w.v
	if v.OrderCount == 0 {
		return ""
	}
	orders, disputes := w.f("%d orders", v.OrderCount), w.f("%d disputes or chargebacks", len(v.Disputes))
	if v.OrderCount == 1 {
		orders = w.t("one order")
	}
	switch len(v.Disputes) {
	case 0:
		disputes = w.t("no dispute or chargeback")
	case 1:
		disputes = w.t("one dispute or chargeback")
	}
	s := w.f("My records show %s there and %s.", orders, disputes)
	first := len(v.Disputes) > 0
	for _, d := range v.Disputes {
		first = first && d.WroteFirst
	}
	if first {
		s += " " + w.t("Before each I wrote to the seller first.")
	}
	return s
}

// related is a dispute or chargeback about the same orders: its number,
// when opened, and how it stands or was decided.
func (w *letter) related(d vault.DisputeOutcome) string {
	what := d.Kind.Word(w.l)
	if d.Kind == vault.Dispute {
		what = w.f("%s dispute", d.Marketplace.Name())
	}
	if d.DisputeNumber != "" {
		what += " " + d.DisputeNumber
	}
	return lang.Upper(w.f("%s opened %s: %s.", what, w.date(d.Opened), w.outcome(d)))
}

// outcome is how a case that counts as a dispute stands: its status, or
// its outcome with the day and what came back.
func (w *letter) outcome(d vault.DisputeOutcome) string {
	s := w.where(d)
	if d.Refunded.Minor > 0 {
		s += w.f(", %s back", w.l.Money(d.Refunded))
	}
	return s
}

// ask is what the claimant asks for.
func (w *letter) ask() string {
	known := w.v.Amount.Minor != 0 // else not known, or nothing is left: page 1 says what came back
	switch kind := w.v.Case.Kind; {
	case kind == vault.Reinstatement:
		return w.t("I ask for the account to be reinstated.")
	case kind == vault.Warranty:
		return w.t("I ask for the defect to be remedied or the goods replaced, else a price reduction or my money back.")
	case kind == vault.Delay && known:
		return w.f("I ask for the goods to be delivered, else %s back.", w.amount())
	case kind == vault.Delay:
		return w.t("I ask for the goods to be delivered.")
	case kind == vault.Withdrawal && known:
		return w.f("I withdraw from the purchase and ask for %s back.", w.amount())
	case kind == vault.Withdrawal:
		return w.t("I withdraw from the purchase.")
	case known:
		return w.f("I ask for %s back.", w.amount())
	}
	return ""
}
