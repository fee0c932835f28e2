package letters

import (
	"fmt"
	"strings"
	"vault"

	"vault/internal/date"
	"vault/internal/lang"
)

// letter is one letter being written: the facts as the letters see them,
// the language and the text so far. Fixed text goes through t, which holds
// the English key and finds its bokmål (bokmal.go).
type letter struct {
	v view
	l lang.Lang
	b strings.Builder
}

// t is a fixed text in the letter's language.
func (w *letter) t(s string) string { return bokmal.In(w.l, s) }

// f fills a fixed format in the letter's language.
func (w *letter) f(format string, args ...any) string { return fmt.Sprintf(w.t(format), args...) }

// line writes the parts and ends the line.
func (w *letter) line(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
	w.b.WriteByte('\n')
}

func (w *letter) date(v date.Value) string { return w.l.Date(v, w.v.Loc) }

func (w *letter) amount() string { return w.l.Money(w.v.Amount) }

func (w *letter) markets() string { return names(w.v.Marketplaces) }

// head is the sender and the date, then the receiver and the subject.
func (w *letter) head(to, subject string) {
	w.line(w.v.Claimant)
	w.line(w.l.Day(w.v.Today))
	w.line()
	w.line(w.t("To: "), to)
	w.line(w.t("Subject: "), subject)
	w.line()
}

// reference is " (reference R)" when the case has one.
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
		s += w.f(", paid by %s", o.Payment)
	}
	s += "."
	switch {
	case !o.Delivered.IsZero():
		s += w.f(" Delivered %s.", w.date(o.Delivered))
	case !o.Shipped.IsZero():
		s += w.f(" Shipped %s, not delivered", w.date(o.Shipped))
		if !o.Expected.IsZero() {
			s += w.f(" (delivery was promised by %s)", w.date(o.Expected))
		}
		s += "."
	default:
		s += w.t(" Not shipped.")
	}
	return s
}

// problem says what went wrong: nothing came, or what came is defective.
func (w *letter) problem() string {
	if w.v.Delivered {
		return w.t("The goods I received are defective or not as described.")
	}
	return w.t("I have not received the goods.")
}

// tried says what the buyer did with the seller.
func (w *letter) tried() string {
	v := w.v
	if v.Letters.Wrote == 0 {
		return w.t("I asked the seller to resolve the matter; it was not resolved.")
	}
	s := w.f("I wrote to the seller %s, first on %s", times(w.l, v.Letters.Wrote), w.date(v.Letters.First))
	if v.Letters.Replies == 1 {
		s += w.t(", and received 1 answer")
	} else if v.Letters.Replies > 1 {
		s += w.f(", and received %d answers", v.Letters.Replies)
	}
	return s + w.t("; the matter was not resolved.")
}

// enclosed says how the dossier's exhibits can be checked.
func (w *letter) enclosed() string {
	switch {
	case w.v.Exhibits == 1:
		return w.t(" Its exhibit names the SHA-256 of the original file, so any copy can be checked.")
	case w.v.Exhibits > 1:
		return w.f(" Its %d numbered exhibits each name the SHA-256 of the original file, so any copy can be checked.", w.v.Exhibits)
	}
	return ""
}

// sign closes the letter.
func (w *letter) sign() {
	w.line(w.t("Kind regards,"))
	w.line(w.v.Claimant)
}

func (w *letter) seller() {
	v := w.v
	w.head(w.toSeller(), w.f("Order %s: please resolve this by %s", v.Numbers, w.l.Day(v.AnswerBy)))
	w.line(w.t("Dear seller,"))
	w.line()
	w.line(w.t("I am writing about this purchase:"))
	w.orders()
	ask := w.f("deliver the goods or refund %s", w.amount())
	if v.Delivered {
		ask = w.f("repair or replace the goods, or to refund %s", w.amount())
	}
	w.line(w.problem(), w.f(" I ask you to %s by %s, 14 days from today.", ask, w.l.Day(v.AnswerBy)))
	w.line()
	switch {
	case v.Norway && v.Delivered:
		w.line(w.t("As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act), and this letter is my complaint (reklamasjon) under its § 27."))
	case v.Norway:
		w.line(w.t("As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act)."))
	case v.EU:
		w.line(w.t("As a consumer I rely on Directive (EU) 2019/771 (the legal guarantee) and Directive 2011/83/EU (consumer rights)."))
	}
	if v.Norway || v.EU {
		w.line()
	}
	w.line(w.f("If the matter is not resolved by then, I will open a dispute with %s or ask my card issuer for a chargeback, and attach this letter.", w.markets()))
	w.line()
	w.sign()
}

func (w *letter) dispute() {
	v := w.v
	w.head(or(v.Case.Receiver, w.f("%s dispute resolution", w.markets())), w.f("Dispute about order %s", v.Numbers)+w.reference())
	w.line(w.t("I dispute this purchase:"))
	w.orders()
	w.line(w.problem(), " ", w.tried())
	w.line()
	documented := ""
	if v.Exhibits > 0 {
		documented = w.t(" The enclosed dossier documents the purchase and the correspondence.")
	}
	w.line(w.f("I ask for a refund of %s.", w.amount()), documented, w.enclosed())
	w.line()
	w.sign()
}

func (w *letter) chargeback() {
	v := w.v
	w.head(or(v.Case.Receiver, w.t("my card issuer")), w.t("Chargeback request")+w.reference()+": "+w.amount())
	w.line(w.f("I dispute the following card payment and ask for a chargeback of %s:", w.amount()))
	w.orders()
	w.line(w.problem(), " ", w.tried())
	w.line()
	if v.Norway {
		w.line(w.t("For purchases with a credit card, the card issuer is jointly liable with the seller (finansavtaleloven § 2-7)."))
		w.line()
	}
	w.line(w.t("The enclosed dossier holds the order confirmation, the proof of payment, the tracking and the correspondence with the seller."), w.enclosed())
	w.line()
	w.sign()
}

func (w *letter) reinstatement() {
	v := w.v
	w.head(or(v.Case.Receiver, w.f("%s customer service", w.markets())), w.t("Request to reinstate my account")+w.reference())
	w.line(w.t("Hello,"))
	w.line()
	w.line(w.f("My %s account has been restricted. I politely ask you to review the decision and to reinstate the account. The restriction came after this purchase:", w.markets()))
	w.orders()
	w.account()
	w.line()
	w.line(w.t("I use the account for ordinary purchases. When something went wrong, I contacted the seller first and opened a dispute only when the seller did not resolve it. These are all my disputes and chargebacks:"))
	for _, d := range v.Disputes {
		w.line(w.f("- %s: %s about order %s, opened %s, %s.", d.Case, d.Kind.Word(w.l), d.Orders, w.date(d.Opened), d.Status.Word(w.l)))
	}
	if len(v.Disputes) == 0 {
		w.line(w.t("- none"))
	}
	w.line()
	w.line(w.t("The attached dossier documents the orders, the payments, the correspondence with the sellers and the outcome of each dispute."),
		w.enclosed(), w.t(" I will gladly provide anything else you need."))
	w.line()
	w.line(w.t("Thank you for your time."))
	w.line()
	w.sign()
}

// account writes what is recorded of the restricted account, if anything.
func (w *letter) account() {
	a := w.v.File.Account
	if a == nil {
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

// toSeller is the receiver of a letter to the seller.
func (w *letter) toSeller() string {
	return w.f("%s, through %s", or(w.v.Sellers, w.t("the seller")), w.markets())
}

// law writes the paragraph of Norwegian law or, for anyone else, EU law.
func (w *letter) law(norway, eu string) {
	if w.v.Norway {
		w.line(w.t(norway))
	} else {
		w.line(w.t(eu))
	}
	w.line()
}

func (w *letter) withdrawal() {
	w.head(w.toSeller(), w.f("Withdrawal from order %s", w.v.Numbers))
	w.line(w.t("I hereby withdraw from my contract for the sale of these goods:"))
	w.orders()
	w.law("I use my right of withdrawal (angrerett) under angrerettloven § 21: 14 days from receipt of the goods.",
		"I use my right of withdrawal under Directive 2011/83/EU, art. 9: 14 days from receipt of the goods.")
	w.line(w.f("Please refund %s to the means of payment I used, within 14 days of receiving this notice, and tell me where to return the goods.", w.amount()))
	w.line()
	w.sign()
}

func (w *letter) reklamasjon() {
	v := w.v
	w.head(w.toSeller(), w.f("Complaint about defects (reklamasjon): order %s", v.Numbers))
	w.line(w.t("The goods I bought have a defect:"))
	w.orders()
	w.law("This is my complaint (reklamasjon) under forbrukerkjøpsloven § 27, made within two months of discovering the defect and within the limits of two years from delivery (five years for goods meant to last substantially longer).",
		"This is my claim under the legal guarantee of at least two years from delivery (Directive (EU) 2019/771).")
	documented := ""
	if v.Exhibits > 0 {
		documented = w.t(" The enclosed dossier documents the purchase and the defect.")
	}
	w.line(w.f("I ask for the goods to be repaired or replaced at no cost to me; if that is not done within a reasonable time, I ask for a refund of %s. Please answer by %s.", w.amount(), w.l.Day(v.AnswerBy)),
		documented, w.enclosed())
	w.line()
	w.sign()
}

func or(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}
