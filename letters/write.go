package letters

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"vault"

	"vault/internal/date"
	"vault/internal/lang"
)

// letter is one letter being written: the facts as the letters see them,
// the language, the text so far and the notes for the user. Fixed text goes
// through t, which holds the English key and finds its bokmål (bokmal.go).
type letter struct {
	kind  Kind
	v     view
	l     lang.Lang
	b     strings.Builder
	notes []vault.Note
}

// t is a fixed text in the letter's language.
func (w *letter) t(s string) string { return bokmal.In(w.l, s) }

// f fills a fixed format in the letter's language.
func (w *letter) f(format string, args ...any) string { return fmt.Sprintf(w.t(format), args...) }

// note tells the user something the letter leaves out, or should make them
// check (always in English: it goes to the terminal, not to the receiver),
// and what to do about it (fix; nil for nothing the vault can do).
func (w *letter) note(fix *vault.Fix, format string, args ...any) {
	w.notes = append(w.notes, vault.Notef(fix, fmt.Sprintf(format, args...)))
}

// line writes the parts and ends the line.
func (w *letter) line(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
	w.b.WriteByte('\n')
}

func (w *letter) date(v date.Value) string { return w.l.Date(v, w.v.Loc) }

// amount is what the letter asks back, or a gap when the records do not
// say it, or say that all of it came back (the note says which).
func (w *letter) amount() string {
	if w.v.Amount.Minor == 0 {
		return w.t("[the amount]")
	}
	return w.l.Money(w.v.Amount)
}

func (w *letter) markets() string { return names(w.v.Marketplaces) }

// firstOrder names the case's first order, for a fix about an order.
func (w *letter) firstOrder() string {
	if len(w.v.Orders) > 0 {
		return w.v.Orders[0].ID.String()
	}
	return "ORD-n"
}

// record is how the notes name the record to change: the case, else the order.
func (w *letter) record() string {
	if w.v.Case.ID != 0 {
		return w.v.Case.ID.String()
	}
	if len(w.v.Orders) > 0 {
		return w.v.Orders[0].ID.String()
	}
	return "the case"
}

// head is the sender and the date, then the receiver and the subject.
func (w *letter) head(to, subject string) {
	w.line(w.v.Claimant)
	w.line(w.l.Day(w.v.Today))
	w.line()
	w.line(w.t("To: "), to)
	w.line(w.t("Subject: "), subject)
	w.line()
}

// reference is " (reference R; dispute number D)" with the case's numbers
// that are recorded.
func (w *letter) reference() string {
	c := w.v.Case
	var refs []string
	for _, r := range []struct{ format, value string }{{"reference %s", c.Reference},
		{"dispute number %s", c.DisputeNumber}, {"bank reference %s", c.BankReference}} {
		if r.value != "" {
			refs = append(refs, w.f(r.format, r.value))
		}
	}
	if len(refs) == 0 {
		return ""
	}
	return " (" + strings.Join(refs, "; ") + ")"
}

// orders lists the orders, one line each, and a blank line.
func (w *letter) orders() {
	for _, o := range w.v.Orders {
		w.line(w.order(o))
	}
	w.line()
}

// order is an order's line: what is recorded of it, and of its delivery no
// more than is recorded.
func (w *letter) order(o vault.Order) string {
	s := w.f("- %s order %s", o.Marketplace.Name(), o.Number)
	if o.Seller != "" {
		s += w.f(" from %s", o.Seller)
	}
	if len(o.Items) > 0 {
		s += " (" + strings.Join(o.Items, "; ") + ")"
	}
	if !o.Ordered.IsZero() {
		s += w.f(", ordered %s", w.date(o.Ordered))
	}
	if !o.Total.IsZero() {
		s += ", " + w.l.Money(o.Total)
	}
	if o.Payment != "" {
		s += w.f(", paid by %s", w.payment(o.Payment))
	}
	if back, last := w.v.F.Money.BackOf(o.ID); back.Minor > 0 {
		s += w.f(", %s refunded", w.l.Money(back))
		if !last.At.IsZero() {
			s += w.f(" on %s", w.date(last.At))
		}
	}
	s += "."
	switch {
	case !o.Delivered.IsZero():
		s += w.f(" Delivered %s.", w.date(o.Delivered))
	case !o.Shipped.IsZero() && len(o.Tracking) > 0:
		s += w.f(" Shipped %s with tracking number %s.", w.date(o.Shipped), strings.Join(o.Tracking, ", "))
	case !o.Shipped.IsZero():
		s += w.f(" Shipped %s.", w.date(o.Shipped))
	case len(o.Tracking) > 0:
		s += w.f(" Shipped with tracking number %s.", strings.Join(o.Tracking, ", "))
	}
	if o.Delivered.IsZero() && !o.Expected.IsZero() {
		s += w.f(" Delivery was expected by %s.", w.date(o.Expected))
	}
	return s
}

// problem says what went wrong, as the case records it; a gap and a note
// when it does not.
func (w *letter) problem() string {
	switch w.v.Trouble {
	case vault.NotReceived:
		if w.v.Delivered {
			w.note(nil, "%s says the goods were not received, but every order is recorded as delivered: check one of them", w.record())
		}
		return w.t("I have not received the goods.")
	case vault.Defective:
		return w.t("The goods I received have a defect.")
	case vault.NotAsDescribed:
		return w.t("The goods I received are not as described.")
	}
	w.note(w.problemFix("not-received|defective|not-as-described"), "what went wrong is not recorded, so the letter leaves a gap")
	return w.t("[Say here what went wrong.]")
}

// problemFix records what went wrong: on the case, or for a letter about an
// order alone, in the letter drafted again.
func (w *letter) problemFix(values string) *vault.Fix {
	if w.v.Case.ID != 0 || len(w.v.Orders) == 0 {
		return vault.SetField(w.record(), "problem", values)
	}
	return &vault.Fix{Do: vault.DoDraft, Kind: string(w.kind), Order: w.v.Orders[0].ID.String(), Field: "problem", Value: values}
}

// tried says what the buyer wrote to the seller and the answers, as
// recorded; nothing, and a note, when no letter of theirs is.
func (w *letter) tried() string {
	c := w.v.Letters
	if c.Wrote == 0 && w.v.F.Contact.Unplaced == 0 { // else the note on placing the mails says it
		w.note(&vault.Fix{Do: vault.DoWrite, Order: w.firstOrder()}, "no message of yours to the seller is recorded, so the letter does not say you tried the seller; record it")
	}
	if c.Wrote == 0 {
		return ""
	}
	var s string
	switch {
	case c.First.IsZero():
		s = w.t("I have written to the seller")
	case c.Wrote == 1:
		s = w.f("I wrote to the seller on %s", w.date(c.First))
	default:
		s = w.f("I wrote to the seller %s, first on %s", times(w.l, c.Wrote), w.date(c.First))
	}
	switch {
	case c.Replies == 1:
		s += w.t(", and received one answer")
	case c.Replies > 1:
		s += w.f(", and received %d answers", c.Replies)
	}
	return " " + s + w.t(", but the matter is not resolved.")
}

// enclosed says how the dossier's exhibits can be checked.
func (w *letter) enclosed() string {
	switch {
	case w.v.Exhibits == 1:
		return w.t(" The exhibit names the SHA-256 of its original file, so any copy can be checked.")
	case w.v.Exhibits > 1:
		return w.f(" Its %d numbered exhibits each name the SHA-256 of the original file, so any copy can be checked.", w.v.Exhibits)
	}
	return ""
}

// holds lists what the enclosed dossier holds of the evidence a receiver
// asks for, only the kinds recorded; "" when it holds none of them, or the
// letter goes without a dossier.
func (w *letter) holds() string {
	var parts []string
	for _, k := range []struct {
		kinds []vault.EvidenceKind
		text  string
	}{
		{[]vault.EvidenceKind{vault.EvidenceConfirmation}, "the order confirmation"},
		{[]vault.EvidenceKind{vault.EvidenceReceipt, vault.EvidenceStatement}, "the proof of payment"},
		{[]vault.EvidenceKind{vault.EvidenceTracking}, "the tracking history"},
		{[]vault.EvidenceKind{vault.EvidenceMessage, vault.EvidenceEmail}, "the correspondence"},
		{[]vault.EvidenceKind{vault.EvidencePhoto, vault.EvidenceVideo}, "photos of the goods"},
		{[]vault.EvidenceKind{vault.EvidenceScreenshot}, "screenshots"},
	} {
		if w.v.has(k.kinds...) {
			parts = append(parts, w.t(k.text))
		}
	}
	if len(parts) == 0 || !w.v.Dossier {
		return ""
	}
	list := strings.Join(parts, ", ")
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + w.t(" and ") + parts[len(parts)-1]
	}
	return w.f("The enclosed dossier holds %s.", list)
}

// attachNote reminds the user, when the letter goes alone, that the
// receiver wants the dossier with it.
func (w *letter) attachNote() {
	if !w.v.Dossier && w.v.Case.ID != 0 {
		w.note(&vault.Fix{Do: vault.DoExport, Record: w.v.Case.ID.String()}, "send the dossier with it")
	}
}

// sign closes the letter.
func (w *letter) sign() {
	w.line(w.t("Kind regards,"))
	w.line(w.v.Claimant)
}

// answerFor tells the buyer of a deadline of theirs that comes before the
// seller's time is over.
func (w *letter) answerFor() {
	if w.v.AnswerFor != "" {
		w.note(nil, "%s", w.v.AnswerFor)
	}
}

// answerBy is the day the seller is asked to answer by, said as "by D, 14
// days from today" or, when a deadline of the buyer comes sooner, "by D".
func (w *letter) answerBy() string {
	w.answerFor()
	return w.f("by %s, 14 days from today", w.l.Day(w.v.AnswerBy))
}

func (w *letter) seller() {
	v := w.v
	w.head(w.toSeller(), w.f("Order %s: please answer by %s", v.Numbers, w.l.Day(v.AnswerBy)))
	w.line(w.t("Dear seller,"))
	w.line()
	w.line(w.t("I am writing about this purchase:"))
	w.orders()
	switch v.Trouble {
	case vault.NotReceived: // a last day to deliver, then cancelling (forbrukerkjøpsloven § 23, Directive 2011/83/EU art. 18)
		w.line(w.problem(), w.f(" I ask you to deliver the goods %s; if they have not come by then, I will cancel the purchase and ask for %s back.",
			w.answerBy(), w.amount()))
	case vault.Defective, vault.NotAsDescribed:
		w.line(w.problem(), " ", w.t("[Describe what is wrong and how it shows.]"), w.f(" I ask you to %s %s.", w.t("remedy the defect or replace the goods at no cost to me"), w.answerBy()))
		w.note(nil, "describe the defect in the letter, where it says so: a complaint must say what is wrong")
	default:
		w.line(w.problem(), w.f(" I ask you to %s %s.", w.f("refund %s", w.amount()), w.answerBy()))
	}
	w.line()
	if v.Trouble == vault.Defective || v.Trouble == vault.NotAsDescribed {
		w.law(byLaw{
			no: "As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act), and this letter is my complaint (reklamasjon) under its § 27.",
			se: "As a consumer I rely on the Swedish Consumer Sales Act (konsumentköplagen (2022:260)), and this letter is my complaint (reklamation) under its 5 kap. 2 §.",
			dk: "As a consumer I rely on the Danish Sale of Goods Act (købeloven), and this letter is my complaint (reklamation) under its § 81.",
			de: "As a consumer I rely on the German Civil Code (Bürgerliches Gesetzbuch, BGB), and claim my rights for a defect under its § 437 and § 439.",
			eu: "As a consumer I rely on the consumer law of my country, which implements Directives (EU) 2019/771 (the legal guarantee) and 2011/83/EU (consumer rights)."})
	} else {
		w.law(byLaw{
			no: "As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act).",
			se: "As a consumer I rely on the Swedish Consumer Sales Act (konsumentköplagen (2022:260)).",
			dk: "As a consumer I rely on the Danish Sale of Goods Act (købeloven).",
			de: "As a consumer I rely on the German Civil Code (Bürgerliches Gesetzbuch, BGB).",
			eu: "As a consumer I rely on the consumer law of my country, which implements Directives (EU) 2019/771 (the legal guarantee) and 2011/83/EU (consumer rights)."})
	}
	disputed, chargeback := w.taken()
	if v.MarketClosed && !disputed && !w.shop() {
		w.note(nil, "the marketplace's window to open a dispute is over, or perhaps over ('vault deadlines'): the letter does not name a dispute there")
		disputed = true // no dispute to open there: the payment's way is left
	}
	route := w.route()
	switch {
	case w.shop() && v.Norway:
		w.line(w.t("If the matter is not resolved by then, I will bring it before Forbrukertilsynet, and attach this letter."))
	case w.shop() || chargeback || disputed && route == "":
		w.line(w.t("If the matter is not resolved by then, I will take further steps, and attach this letter."))
	case disputed:
		w.line(w.f("If the matter is not resolved by then, I will %s, and attach this letter.", route))
	case route == "":
		w.line(w.f("If the matter is not resolved by then, I will open a dispute with %s, and attach this letter.", w.markets()))
	default:
		w.line(w.f("If the matter is not resolved by then, I will open a dispute with %s or %s, and attach this letter.", w.markets(), route))
	}
	w.line()
	w.sign()
}

// route is the escalation the payment allows beyond the marketplace, in
// the letter's words: a card's chargeback, a PayPal dispute, Klarna's own
// dispute; "" when the payment recorded names none of them (or an eBay
// purchase paid with PayPal, which eBay's guarantee handles).
func (w *letter) route() string {
	var routes []string
	for _, o := range w.v.Orders {
		p := strings.ToLower(o.Payment)
		var r string
		switch {
		case strings.Contains(p, "paypal") && o.Marketplace != vault.EBay:
			r = w.t("open a dispute with PayPal")
		case strings.Contains(p, "klarna"):
			r = w.t("raise it with Klarna")
		case vault.ChargeBack(p):
			r = w.t("ask my card issuer for a chargeback")
		}
		if r != "" && !slices.Contains(routes, r) {
			routes = append(routes, r)
		}
	}
	if len(routes) != 1 {
		return "" // none, or orders paid in different ways: no one route to name
	}
	return routes[0]
}

// taken reports the steps already recorded about the orders: a marketplace
// dispute, a chargeback (the case itself, or another about them).
func (w *letter) taken() (disputed, chargeback bool) {
	d, disputed := w.v.F.Dispute()
	chargeback = w.v.Case.Kind == vault.Chargeback && w.v.Case.ID != 0
	for _, r := range w.v.F.Related {
		chargeback = chargeback || r.Kind == vault.Chargeback
	}
	return disputed && d.Case != 0, chargeback // an order's letter is a dispute of no case: none is taken
}

// shop reports whether the seller is the shop itself, with no dispute
// centre between (Komplett, Elkjøp): the seller's country is Norway as the
// vault knows its marketplace.
func (w *letter) shop() bool {
	for _, o := range w.v.Orders {
		if c, recorded := vault.SellerCountry(o); c == "NO" && !recorded {
			return true
		}
	}
	return false
}

// dispute writes to the marketplace as the dispute stands: opening it,
// about one already open (opened before today, or numbered), or asking to
// review a decision against the buyer.
func (w *letter) dispute() {
	v := w.v
	w.attachNote()
	d, _ := v.F.Dispute()
	to := w.receiver(Dispute, w.f("%s dispute resolution", w.markets()))
	review := d.Outcome == vault.OutcomeLost || d.Outcome == vault.OutcomePartial
	switch {
	case review:
		w.head(to, w.f("Review of the decision on my dispute about order %s", v.Numbers)+w.reference())
		w.line(w.t("I ask you to review the decision on my dispute about this purchase:"))
	case d.Opened.IsZero() && d.DisputeNumber != "":
		w.head(to, w.f("Dispute about order %s", v.Numbers)+w.reference())
		w.line(w.t("I am writing about my dispute concerning this purchase:"))
	case !d.Opened.IsZero() && (dayIn(d.Opened, v.Loc).Before(v.Today) || d.DisputeNumber != ""):
		w.head(to, w.f("Dispute about order %s", v.Numbers)+w.reference())
		w.line(w.f("I am writing about my dispute concerning this purchase, opened on %s:", w.date(d.Opened)))
	default:
		w.head(to, w.f("Dispute about order %s", v.Numbers)+w.reference())
		w.line(w.t("I open a dispute about this purchase:"))
	}
	w.orders()
	w.line(w.problem(), w.tried())
	if review {
		opened := ""
		if !d.Opened.IsZero() {
			opened = w.f("I opened the dispute on %s.", w.date(d.Opened)) + " "
		}
		w.line(opened, w.decided(d), " ", w.t("[Say what the decision overlooked, and the evidence that shows it.]"))
		when := "ask the marketplace how long a decision can be appealed, and do it before then"
		if v.Appeal != "" {
			when = "the last day to appeal is " + v.Appeal
		}
		w.note(nil, "say in the letter what the decision overlooked, with the evidence: a review with nothing new is refused; %s", when)
	}
	w.line()
	w.line(sentences(w.f("I ask for a refund of %s.", w.amount()), w.holds(), w.enclosed()))
	w.line()
	w.sign()
}

func (w *letter) chargeback() {
	v := w.v
	w.attachNote()
	w.head(w.receiver(Chargeback, w.t("my card issuer")), w.t("Chargeback request")+w.reference()+": "+w.amount())
	w.line(w.f("I ask you to reverse this card payment and return %s to my account (chargeback):", w.amount()))
	w.orders()
	w.line(w.problem(), w.tried())
	if v.Trouble == vault.Defective || v.Trouble == vault.NotAsDescribed {
		w.line(w.t("[Say what is wrong with the goods, against what was described or ordered, and how you offered to return them.]"))
		w.note(nil, "for goods defective or not as described, the card schemes ask what is wrong with them and how you tried to return them: say it where the letter leaves a gap")
	}
	if d := w.disputed(); d != "" {
		w.line(d)
	}
	w.line()
	switch {
	case v.Norway && v.Credit:
		w.line(w.f("The purchase was paid with a credit card; I therefore also raise my claim for repayment of %s against you (finansavtaleloven § 2-7).", w.amount()))
		w.line()
	case v.Norway && len(v.F.Cards.Unsaid) > 0: // not for PayPal, nor a card recorded as debit: § 2-7 is the credit card's
		id := v.F.Cards.Unsaid[0]
		w.note(vault.SetField(id.String(), "payment", asCredit(w.paidWith(id))),
			"%s was paid by a card not recorded as credit or debit: if it is a credit card, record it and the letter cites finansavtaleloven § 2-7", id)
	}
	w.line(sentences(w.holds(), w.enclosed()))
	w.line()
	w.sign()
}

// disputed says what came of the marketplace's dispute about the orders of
// a case that is not that dispute: when it was opened, its number, how and
// when it was decided and what came back; "" when none is recorded.
func (w *letter) disputed() string {
	d, ok := w.v.F.Dispute()
	if !ok || d.Case == w.v.Case.ID {
		return ""
	}
	s := w.f("I opened a dispute with %s on %s", d.Marketplace.Name(), w.date(d.Opened))
	if d.DisputeNumber != "" {
		s += w.f(" (dispute number %s)", d.DisputeNumber)
	}
	return s + ". " + w.decided(d)
}

// decided says how a dispute stands: still open, or decided how, when, and
// with what back.
func (w *letter) decided(d vault.DisputeOutcome) string {
	back := ""
	if d.Refunded.Minor > 0 {
		back = w.f(", and %s was refunded", w.l.Money(d.Refunded))
	}
	on := ""
	if !d.Decided.IsZero() {
		on = w.f(" on %s", w.date(d.Decided))
	}
	switch d.Outcome {
	case vault.OutcomeLost:
		return w.f("It was decided against me%s.", on)
	case vault.OutcomePartial:
		return w.f("It was decided partly in my favour%s%s.", on, back)
	case vault.OutcomeWon:
		return w.f("It was decided in my favour%s%s.", on, back)
	}
	if d.Status.Finished() {
		return w.f("It was closed%s.", on)
	}
	return w.t("It is still open.")
}

// where is how a dispute stands, in a list: its status, or its outcome and
// the day it was decided.
func (w *letter) where(d vault.DisputeOutcome) string {
	switch {
	case d.Outcome != "" && !d.Decided.IsZero():
		return w.f("%s on %s", d.Outcome.Word(w.l), w.date(d.Decided))
	case d.Outcome != "":
		return d.Outcome.Word(w.l)
	}
	return d.Status.Word(w.l)
}

func (w *letter) reinstatement() {
	v := w.v
	if err := vault.OneMarketplace(v.Orders, v.F.Account); err != nil { // a case made before vault checked it
		w.note(&vault.Fix{Do: vault.DoUnlink, Record: "ORD-n", Case: w.record()}, "%v: the letter names both and lists the disputes at both; take an order out of the case, or name another account", err)
	}
	w.head(w.receiver(Reinstatement, w.f("%s customer service", w.markets())), w.t("Request to reinstate my account")+w.reference())
	w.line(w.t("Hello,"))
	w.line()
	w.line(w.f("My %s account has been restricted. I ask you to review the decision and to reinstate the account.", w.markets()))
	w.line()
	if v.EU && !v.Norway { // the Digital Services Act is the EU's, not yet the EEA's
		w.line(w.t("I ask for a clear and specific statement of the reasons for the restriction (Regulation (EU) 2022/2065, the Digital Services Act, art. 17), and this letter is my complaint against the decision (art. 20)."))
		w.line()
	}
	w.account()
	if len(v.Orders) == 1 {
		w.line(w.t("This request is about this order:"))
	} else {
		w.line(w.t("This request is about these orders:"))
	}
	w.orders()
	w.disputes()
	if v.Dossier {
		w.line(w.t("The attached dossier documents the orders, the payments, the correspondence with the sellers and the outcome of each dispute."),
			w.enclosed(), w.t(" I will gladly provide anything else you need."))
	} else {
		w.line(w.t("I will gladly provide anything else you need."))
	}
	w.line()
	w.line(w.t("Thank you for your time."))
	w.line()
	w.sign()
}

// disputes lists the buyer's disputes and chargebacks at the marketplace
// with the marketplace's numbers: those before the block (when its day is
// recorded), then those after it, which the marketplace sees as well; and
// says the seller came first only when a letter to the seller is recorded
// before each.
func (w *letter) disputes() {
	v := w.v
	var blocked date.Value
	if a := v.F.Account; a != nil {
		blocked = a.Blocked
	}
	var before, after []vault.DisputeOutcome
	for _, d := range v.Disputes {
		if blocked.IsZero() || !d.Opened.Time().After(dayIn(blocked, v.Loc).AddDate(0, 0, 1)) {
			before = append(before, d)
		} else {
			after = append(after, d)
		}
	}
	switch {
	case v.OrderCount == 1:
		w.line(w.t("My records show one order on the account."))
	case v.OrderCount > 1:
		w.line(w.f("My records show %d orders on the account.", v.OrderCount))
	}
	if blocked.IsZero() {
		w.line(w.t("These are all my disputes and chargebacks there:"))
	} else {
		w.line(w.f("Before the account was restricted on %s, these were my disputes and chargebacks there:", w.date(blocked)))
	}
	w.disputeLines(before)
	if len(after) > 0 {
		w.line(w.t("After it, I have opened these:"))
		w.disputeLines(after)
	}
	w.line()
	first := len(before)+len(after) > 0
	for _, d := range append(before, after...) {
		first = first && d.WroteFirst
	}
	if first {
		w.line(w.t("Before each of them I wrote to the seller first."))
		w.line()
	} else if len(before)+len(after) > 0 {
		w.note(nil, "not every dispute has a letter of yours to the seller recorded before it, so the letter does not say you tried the seller first")
	}
}

func (w *letter) disputeLines(list []vault.DisputeOutcome) {
	for _, d := range list {
		line := w.f("- %s about order %s, opened %s, %s", d.Kind.Word(w.l), d.Orders, w.date(d.Opened), w.where(d))
		if d.DisputeNumber != "" {
			line += w.f(" (dispute number %s)", d.DisputeNumber)
		}
		w.line(line + ".")
	}
	if len(list) == 0 {
		w.line(w.t("- none"))
	}
}

// account writes what is recorded of the restricted account, if anything.
func (w *letter) account() {
	a := w.v.F.Account
	if a == nil {
		w.note(&vault.Fix{Do: vault.DoAddAccount, Record: w.record()}, "no account is recorded for the case: the letter does not name it")
		return
	}
	line := w.f("The account: %s.", a.Login)
	if !a.Blocked.IsZero() {
		line += w.f(" Restricted on %s.", w.date(a.Blocked))
	}
	if a.Reason != "" {
		line += w.f(" The reason given: \"%s\".", a.Reason)
	}
	w.line(line)
	w.line()
}

// toSeller is the receiver of a letter to the seller: the seller through
// the marketplace, or the shop alone when the seller is the shop.
func (w *letter) toSeller() string {
	seller := or(w.v.Sellers, w.t("the seller"))
	if m := w.markets(); m != "" && !strings.Contains(strings.ToLower(seller), strings.ToLower(m)) {
		return w.f("%s, through %s", seller, m)
	}
	return seller
}

// receiver is the case's receiver for the letter its kind calls for, else
// the one given.
func (w *letter) receiver(kind Kind, otherwise string) string {
	if w.v.Case.Receiver != "" && ForCase(w.v.Case.Kind) == kind {
		return w.v.Case.Receiver
	}
	return otherwise
}

// byLaw is a paragraph in the law of the buyer's country: Norway's, Sweden's
// and Denmark's own acts (sources.go quotes each section cited), and for a
// buyer elsewhere in the EU/EEA the directives, said plainly as EU law. A
// Swedish or Danish paragraph left empty falls back to the EU one.
type byLaw struct{ no, se, dk, de, eu string }

// law writes the paragraph of the buyer's law, and a blank line.
func (w *letter) law(b byLaw) { w.lawf(b) }

// lawf is law with formats filled with args. A buyer whose country has no
// law the vault knows gets no paragraph, and a note.
func (w *letter) lawf(b byLaw, args ...any) {
	text := w.lawLine(b, args...)
	if text == "" {
		w.note(&vault.Fix{Do: vault.DoConfig, Field: string(vault.SettingCountry), Value: "NO"}, "no consumer law the vault knows applies to a buyer in %s: the letter cites none", w.v.Country)
		return
	}
	w.line(text)
	w.line()
}

// lawLine is the text of b for the buyer's law in the letter's language,
// formats filled with args, the buyer's country named where the EU's text
// says "my country"; "" for none.
func (w *letter) lawLine(b byLaw, args ...any) string {
	text := w.lawText(b)
	if text == "" {
		return ""
	}
	text = w.f(text, args...)
	if name := vault.CountryName(w.v.Buyer, w.l); name != "" {
		text = strings.NewReplacer("of my country", "of "+name, "i mitt land", "i "+name).Replace(text)
	}
	return text
}

// lawText is the English text of b for the buyer's law; "" for none.
func (w *letter) lawText(b byLaw) string {
	switch {
	case w.v.Norway:
		return b.no
	case w.v.EU && w.v.Buyer == "SE" && b.se != "":
		return b.se
	case w.v.EU && w.v.Buyer == "DK" && b.dk != "":
		return b.dk
	case w.v.EU && w.v.Buyer == "DE" && b.de != "":
		return b.de
	case w.v.EU:
		return b.eu
	}
	return ""
}

// dayIn is the calendar day of a recorded date in loc, as time.Time.
func dayIn(v date.Value, loc *time.Location) time.Time {
	t := v.Time()
	if !v.IsDay() {
		t = t.In(loc)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (w *letter) withdrawal() {
	w.head(w.toSeller(), w.f("Withdrawal from order %s", w.v.Numbers))
	w.line(w.t("I hereby withdraw from my contract for the sale of these goods:"))
	w.orders()
	late, over, ends := w.withdrawalDays()
	if !late && !over && !ends.IsZero() {
		w.note(nil, "the 14 days end on %s: send the letter by then, in a way you can prove (an e-mail, the marketplace's messages), and keep that proof; sending it in time is what counts",
			ends.Format(time.DateOnly))
	}
	switch {
	case over:
		w.line(w.t("[The right of withdrawal has ended, even for a trader who did not inform of it; say here on what you rely.]"))
		w.line()
	case late:
		w.law(byLaw{
			no: "I use my right of withdrawal (angrerett, angrerettloven § 20). The 14 days from the day I received the goods have passed, but I was not informed of the right as angrerettloven § 8 requires, so the period ends 12 months after them (§ 21 third paragraph): [say how you were not informed].",
			se: "I use my right of withdrawal (ångerrätt) under lag (2005:59) om distansavtal och avtal utanför affärslokaler, 2 kap. 10 §. The 14 days from the day I received the goods have passed, but I was not informed of the right, so it ends one year after they would have ended (2 kap. 12 §): [say how you were not informed].",
			dk: "I use my right of withdrawal (fortrydelsesret) under forbrugeraftaleloven § 18. The 14 days from the day I received the goods have passed, but I was not informed of the right, so the period ends 12 months after them (§ 19, stk. 4): [say how you were not informed].",
			de: "I withdraw from the contract (Widerruf, BGB § 312g and § 355). The 14 days from the day I received the goods have passed, but I was not informed of the right as the law requires, so it ends only 12 months and 14 days after that day (BGB § 356 (3)): [say how you were not informed].",
			eu: "I use my right of withdrawal under the consumer law of my country, which implements Directive 2011/83/EU. The 14 days from the day I received the goods have passed, but I was not informed of the right, so the period ends 12 months after them (art. 10 (1)): [say how you were not informed]."})
	default:
		w.law(byLaw{
			no: "I use my right of withdrawal (angrerett, angrerettloven § 20): 14 days from the day I received the goods (§ 21).",
			se: "I use my right of withdrawal (ångerrätt) under lag (2005:59) om distansavtal och avtal utanför affärslokaler, 2 kap. 10 §: 14 days from the day I received the goods (2 kap. 12 §).",
			dk: "I use my right of withdrawal (fortrydelsesret) under forbrugeraftaleloven § 18: 14 days from the day I received the goods (§ 19).",
			de: "I withdraw from the contract (Widerruf, BGB § 312g and § 355): 14 days from the day I received the goods (BGB § 356 (2)).",
			eu: "I use my right of withdrawal under the consumer law of my country, which implements Directive 2011/83/EU (art. 9: 14 days from the day I received the goods)."})
	}
	w.line(w.f("I ask for %s to be refunded to the means of payment I used, within 14 days of your receiving this notice, and to be told where to return the goods.", w.amount()))
	w.line()
	w.sign()
}

// withdrawalDays says, from the deliveries recorded (of an order in several
// parcels, the last: angrerettloven § 21 (1) (a), Directive 2011/83/EU
// art. 9 (2) (b)), whether the 14 days are over for some order (late), and
// whether the 12 months a trader who did not inform adds are over too; it
// notes what it found. ends is the first day the 14 days of an order end.
func (w *letter) withdrawalDays() (late, over bool, ends time.Time) {
	for _, o := range w.v.Orders {
		got := o.LastDelivered
		if got.IsZero() {
			got = o.Delivered
		}
		if got.IsZero() {
			w.note(vault.SetField(o.ID.String(), "delivered", "DATE"), "%s has no delivery day recorded: the 14 days run from the day you received it (the last parcel of several)", o.ID)
			continue
		}
		end := dayIn(got, w.v.Loc).AddDate(0, 0, 14)
		if ends.IsZero() || end.Before(ends) {
			ends = end
		}
		first := time.Date(end.Year(), end.Month()+12, 1, 0, 0, 0, 0, time.UTC)
		extended := time.Date(first.Year(), first.Month(), min(end.Day(), first.AddDate(0, 1, -1).Day()), 0, 0, 0, 0, time.UTC)
		switch {
		case w.v.Today.After(extended):
			over = true
			w.note(nil, "the right of withdrawal for %s ended on %s, 12 months after its 14 days: the letter leaves a gap; a complaint about a defect (reklamasjon) may still be in time",
				o.ID, extended.Format(time.DateOnly))
		case w.v.Today.After(end):
			late = true
			w.note(nil, "the 14 days of %s ended on %s: the letter relies on the 12 months more of a trader who did not inform you of the right, until %s; say in it how you were not informed, or do not send it",
				o.ID, end.Format(time.DateOnly), extended.Format(time.DateOnly))
		}
	}
	return late, over, ends
}

func (w *letter) reklamasjon() {
	v := w.v
	subject := w.lawText(byLaw{no: "Complaint about defects (reklamasjon): order %s", se: "Complaint about a defect (reklamation): order %s",
		dk: "Complaint about a defect (reklamation): order %s", eu: "Complaint about a defect: order %s"})
	w.head(w.toSeller(), w.f(or(subject, "Complaint about a defect: order %s"), v.Numbers))
	w.line(w.t("I complain about a defect in these goods:"))
	w.orders()
	w.line(w.t("The defect: [describe the defect and how it shows]."))
	w.note(nil, "describe the defect in the letter, where it says so: a complaint must say what is wrong")
	if d := v.Case.Discovered; !d.IsZero() {
		w.line(w.f("I discovered it on %s.", w.l.Day(dayIn(d, v.Loc))))
	} else {
		w.line(w.t("I discovered it on [date]."))
		w.note(vault.SetField(w.record(), "discovered", "DATE"), "the day you discovered the defect is not recorded")
	}
	w.line()
	w.law(byLaw{
		no: "This is my complaint (reklamasjon) under forbrukerkjøpsloven § 27. I ask for the defect to be remedied, or the goods replaced, at no cost to me; if that is not done within a reasonable time, I will claim a price reduction (prisavslag) or cancel the purchase (heving).",
		se: "This is my complaint (reklamation) under konsumentköplagen 5 kap. 2 §. I ask for the defect to be remedied or the goods replaced at no cost to me (5 kap. 4 §); if that is not done within a reasonable time, I will claim a price reduction or cancel the purchase (5 kap. 8 §).",
		dk: "This is my complaint (reklamation) under købeloven § 81. I ask for the defect to be remedied or the goods replaced at no cost to me (§ 78 a); if that is not done within a reasonable time, I will claim a price reduction or cancel the purchase (§ 78 b).",
		de: "I claim my rights for the defect under BGB § 437: I choose [repair / replacement], at no cost to me (BGB § 439); if that is not done within a reasonable time, I will withdraw from the contract (Rücktritt) or claim a price reduction.",
		eu: "This is my claim under the consumer law of my country, which implements Directive (EU) 2019/771 (art. 10). I ask for the goods to be repaired or replaced at no cost to me; if that is not done within a reasonable time, I will claim a price reduction or terminate the contract."})
	if w.v.EU && w.v.Buyer == "DE" && w.withinAYear() {
		w.line(w.t("The defect showed within a year of delivery, so it is presumed to have been there at delivery (BGB § 477)."))
		w.line()
	}
	w.line(sentences(w.f("I ask for your answer %s.", w.answerBy()), w.holds(), w.enclosed()))
	w.line()
	w.sign()
}

// withinAYear reports whether the defect was discovered within a year of
// the delivery of every order: BGB § 477 presumes it was there at delivery.
func (w *letter) withinAYear() bool {
	d := w.v.Case.Discovered
	if d.IsZero() || len(w.v.Orders) == 0 {
		return false
	}
	for _, o := range w.v.Orders {
		if o.Delivered.IsZero() || dayIn(d, w.v.Loc).After(dayIn(o.Delivered, w.v.Loc).AddDate(1, 0, 0)) {
			return false
		}
	}
	return true
}

func (w *letter) delay() {
	v := w.v
	w.head(w.toSeller(), w.f("Order %s not delivered: last day for delivery %s", v.Numbers, w.l.Day(v.AnswerBy)))
	w.line(w.t("The goods I ordered have not been delivered:"))
	w.orders()
	if v.Delivered {
		w.note(nil, "every order is recorded as delivered: a delay letter is for goods that did not come")
	}
	day := w.l.Day(v.AnswerBy)
	w.answerFor()
	w.note(&vault.Fix{Do: vault.DoWrite, Order: v.Orders[0].ID.String()},
		"record the letter when you send it: the additional time, and the vault's day to cancel, count from it")
	w.lawf(byLaw{
		no: "I set an additional time for delivery until %s. If the goods are not delivered by then, the purchase is cancelled (hevet) without further notice, and I claim back %s (forbrukerkjøpsloven § 23).",
		se: "I set an additional period for delivery until %s. If the goods are not delivered by then, I will cancel the purchase (häva köpet) and claim back %s (konsumentköplagen (2022:260); Directive 2011/83/EU art. 18).",
		de: "I set an additional period for delivery until %s. If the goods are not delivered by then, I will withdraw from the contract (Rücktritt) and claim back %s (BGB § 323).",
		eu: "I set an additional period for delivery until %s. If the goods are not delivered by then, the contract is terminated without further notice, and I claim back %s (the consumer law of my country, which implements Directive 2011/83/EU art. 18)."},
		day, w.amount())
	w.line()
	w.sign()
}

func (w *letter) unauthorised() {
	v := w.v
	subject := map[vault.Trouble]string{vault.NotAuthorised: "Payment I did not authorise", vault.ChargedTwice: "Charged twice",
		vault.WrongAmount: "Wrong amount charged"}[v.Trouble]
	w.head(w.receiver(Unauthorised, w.t("my card issuer")), w.t(or(subject, "Payment to correct"))+w.reference()+": "+w.amount())
	switch v.Trouble {
	case vault.NotAuthorised:
		w.line(w.t("I did not authorise this card payment:"))
		w.payments() // a payment the buyer did not make is no purchase of theirs
	case vault.ChargedTwice:
		w.line(w.t("My card was charged twice for this purchase; I authorised one charge only:"))
		w.orders()
	case vault.WrongAmount:
		w.line(w.t("My card was charged a different amount than I authorised for this purchase:"))
		w.orders()
		w.line(w.agreedAndCharged())
		w.line()
	default:
		w.line(w.t("[Say here what is wrong with the payment.]"))
		w.note(w.problemFix("not-authorised|charged-twice|wrong-amount"), "what is wrong with the payment is not recorded, so the letter leaves a gap")
		w.orders()
	}
	w.line(w.refundAsk(), " ", w.notified())
	w.line()
	w.sign()
	if debit, _ := w.debit(); v.Trouble == vault.WrongAmount && !debit.IsZero() && !w.v.Today.After(debit.AddDate(0, 0, 56)) {
		w.note(nil, "if the exact amount was not fixed when you authorised the payment (a hold, a deposit) and it is more than you could reasonably have expected, "+
			"you can also ask the bank to refund the whole payment within 8 weeks of the debit, until %s (Directive (EU) 2015/2366 art. 76-77)",
			debit.AddDate(0, 0, 56).Format(time.DateOnly))
	}
}

// refundAsk asks the bank for the money: a payment the buyer did not
// authorise, or the second of a double charge, is refunded by the end of
// the next business day (PSD2 art. 73); a wrong amount is corrected.
func (w *letter) refundAsk() string {
	if w.v.Trouble != vault.NotAuthorised && w.v.Trouble != vault.ChargedTwice {
		return w.f("I ask you to correct it and to refund %s.", w.amount())
	}
	return or(w.lawLine(byLaw{
		no: "I ask you to refund %s at once, and no later than the end of the next business day (finansavtaleloven chapter 4; Directive (EU) 2015/2366 art. 73).",
		se: "I ask you to refund %s at once, and no later than the end of the next business day (lag (2010:751) om betaltjänster; Directive (EU) 2015/2366 art. 73).",
		de: "I ask you to refund %s at once, and no later than the end of the business day after this notice (BGB § 675u).",
		eu: "I ask you to refund %s at once, and no later than the end of the next business day (Directive (EU) 2015/2366 art. 73, as the law of my country has it)."},
		w.amount()), w.f("I ask you to refund %s.", w.amount()))
}

// notified says the buyer notifies the bank under the rules for
// unauthorised and wrongly executed payments, and within 13 months of the
// debit only when that is true on the letter's day.
func (w *letter) notified() string {
	debit, within := w.debit()
	if !within {
		if !debit.IsZero() {
			w.note(nil, "the debit of %s is more than 13 months before the letter (Directive (EU) 2015/2366 art. 71): the letter does not say you notify in time; ask the bank whether it still takes the claim",
				debit.Format(time.DateOnly))
		}
		return w.lawLine(byLaw{
			no: "I notify you under the rules for unauthorised and wrongly executed payments (finansavtaleloven chapter 4; Directive (EU) 2015/2366 art. 71).",
			se: "I notify you under the rules for unauthorised and wrongly executed payments (lag (2010:751) om betaltjänster; Directive (EU) 2015/2366 art. 71).",
			de: "I notify you of a payment that was not authorised or was wrongly executed (BGB § 676b).",
			eu: "I notify you under the rules for unauthorised and wrongly executed payments (Directive (EU) 2015/2366 art. 71, as the law of my country has it)."})
	}
	return w.lawLine(byLaw{
		no: "I notify you under the rules for unauthorised and wrongly executed payments (finansavtaleloven chapter 4; Directive (EU) 2015/2366 art. 71), within 13 months of the debit.",
		se: "I notify you under the rules for unauthorised and wrongly executed payments (lag (2010:751) om betaltjänster; Directive (EU) 2015/2366 art. 71), within 13 months of the debit.",
		de: "I notify you of a payment that was not authorised or was wrongly executed (BGB § 676b), within 13 months of the debit.",
		eu: "I notify you under the rules for unauthorised and wrongly executed payments (Directive (EU) 2015/2366 art. 71, as the law of my country has it), within 13 months of the debit."})
}

// agreedAndCharged says what the buyer agreed to pay and what the card was
// debited: the orders' total and the statement's lines, with gaps where
// they are not recorded.
func (w *letter) agreedAndCharged() string {
	agreed := w.t("[the amount you agreed to]")
	if p := w.v.F.Money.Paid; p.Minor > 0 {
		agreed = w.l.Money(p)
	}
	m := w.v.F.Money
	if len(m.Charged) == 0 {
		w.note(&vault.Fix{Do: vault.DoMatch}, "the amount debited is not on a statement the vault holds, so the letter leaves a gap: import the statement and match it, or write the amount in")
		return w.f("I agreed to pay %s; my card was debited %s.", agreed, w.t("[the amount debited, and the day]"))
	}
	debited := w.t("[the amount debited]")
	switch {
	case !m.Debited.IsZero():
		debited = w.l.Money(m.Debited)
	case !slices.Contains(m.TooLarge, vault.ChargedTooLarge): // too large to add up: the facts' note says so
		w.note(nil, "the charges on the statement are in more than one currency, so the letter leaves a gap for their sum: write it in")
	}
	return w.f("I agreed to pay %s; my card was debited %s on %s.", agreed, debited, w.date(m.Charged[0].Booked))
}

// debit is the day the card was debited: the first charge the statement
// shows, else the order's payment or order day; and whether the letter is
// within 13 months of it (Directive (EU) 2015/2366 art. 71), months
// clamped to the month's end as the rule counts them.
func (w *letter) debit() (time.Time, bool) {
	var day date.Value
	if c := w.v.F.Money.Charged; len(c) > 0 {
		day = c[0].Booked
	} else if len(w.v.Orders) > 0 {
		o := w.v.Orders[0]
		day = o.Paid
		if day.IsZero() {
			day = o.Ordered
		}
	}
	if day.IsZero() {
		return time.Time{}, false
	}
	d := dayIn(day, w.v.Loc)
	first := time.Date(d.Year(), d.Month()+13, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(first.Year(), first.Month(), min(d.Day(), first.AddDate(0, 1, -1).Day()), 0, 0, 0, 0, time.UTC)
	return d, !w.v.Today.After(end)
}

// payments lists what the card was charged, as a transaction the buyer
// did not make: the statement's lines, else the amount and day recorded,
// and a blank line.
func (w *letter) payments() {
	if c := w.v.F.Money.Charged; len(c) > 0 {
		for _, t := range c {
			amount := t.Amount
			amount.Minor = -amount.Minor
			w.line(w.f("- %s charged on %s, as “%s” on my statement.", w.l.Money(amount), w.date(t.Booked), t.Text))
		}
		w.line()
		return
	}
	for _, o := range w.v.Orders {
		s := w.f("- %s to %s", w.l.Money(o.Total), or(o.Seller, o.Marketplace.Name()))
		if day := or(w.date(o.Paid), w.date(o.Ordered)); day != "" {
			s += w.f(" on %s", day)
		}
		if o.Payment != "" {
			s += w.f(", by %s", w.payment(o.Payment))
		}
		w.line(s + ".")
	}
	w.line()
}

// sentences joins the sentences that are there with single spaces.
func sentences(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

func or(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}
