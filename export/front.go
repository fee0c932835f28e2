package export

import (
	"fmt"
	"strings"

	"vault"
	"vault/internal/money"
)

// front is page 1, what a case officer decides from: the case in one
// paragraph, the facts the receivers' forms ask for, and where each exhibit
// is.
func (d Dossier) front(doc *doc) {
	doc.page()
	doc.heading(d.t("Evidence dossier"), 11, true)
	doc.para(bold, 15, d.title())
	doc.gap(3)
	if d.Summary != "" {
		doc.para(body, 11, d.Summary)
		doc.gap(4)
	}
	d.caseFacts(doc)
	if len(d.Orders) == 1 {
		d.orderFacts(doc, d.Orders[0])
	} else {
		d.orderList(doc)
	}
	d.index(doc)
	doc.gap(3)
	doc.para(body, 8, d.t("Every file in this dossier is identified by its SHA-256 in the manifest at the end. "+
		"The originals are kept unaltered; anyone holding a copy can check it with sha256sum."))
}

// title is the case's title in the dossier's language.
func (d Dossier) title() string { return d.Case.TitleIn(d.Lang, d.Orders) }

// caseFacts are the case's own fields: who claims, from whom, under which
// numbers, how much, and where it stands.
func (d Dossier) caseFacts(doc *doc) {
	c := d.Case
	doc.field(d.t("Claimant"), d.Claimant)
	doc.field(d.t("Receiver"), c.Receiver)
	doc.field(d.t("Reference"), c.Reference)
	doc.field(d.t("Dispute number"), c.DisputeNumber)
	doc.field(d.t("Bank reference"), c.BankReference)
	if a := d.Account; a != nil {
		account := a.Marketplace.Name() + ": " + a.Login
		if !a.Blocked.IsZero() {
			account += fmt.Sprintf(d.t(", restricted %s"), d.date(a.Blocked))
		}
		if a.Reason != "" {
			account += fmt.Sprintf(d.t(" (reason given: %s)"), a.Reason)
		}
		doc.field(d.t("Account"), account)
	}
	if c.Kind != vault.Reinstatement {
		doc.field(d.t("Amount claimed"), d.claimed()) // a reinstatement asks for the account, not money
	}
	doc.field(d.t("Case opened"), d.date(c.Opened)) // the headline names the kind
	if c.Outcome != "" {
		decided := c.Outcome.Word(d.Lang) + ", " + d.date(c.Decided)
		if !c.Refunded.IsZero() {
			decided += ", " + d.money(c.Refunded) + d.t(" back")
		}
		doc.field(d.t("Decided"), decided)
	}
	if first := d.Letters.First; d.Letters.Wrote > 0 {
		contact := d.count(d.Letters.Wrote, "%d message", "%d messages")
		if !first.IsZero() {
			contact = fmt.Sprintf(d.t("first on %s, %s"), d.date(first), contact)
		}
		if d.Letters.Replies > 0 {
			contact += ", " + d.count(d.Letters.Replies, "%d answer", "%d answers")
		}
		doc.field(d.t("Seller contacted"), contact)
	}
	for _, r := range d.Related {
		what := r.Kind.Word(d.Lang)
		if r.DisputeNumber != "" {
			what += " " + r.DisputeNumber
		}
		doc.field(fmt.Sprintf(d.t("%s dispute"), r.Marketplace.Name()),
			fmt.Sprintf(d.t("%s, opened %s: %s"), what, d.date(r.Opened), r.Status.Word(d.Lang)))
	}
}

// charged is what the statement lines linked to the orders charged (not
// what they credited), when in one currency; false without any.
func (d Dossier) charged() (money.Money, bool) {
	var sum money.Money
	for _, t := range d.Charges {
		if t.Amount.Minor > 0 {
			continue
		}
		if sum.Currency != "" && t.Amount.Currency != sum.Currency {
			return money.Money{}, false
		}
		sum.Currency, sum.Minor = t.Amount.Currency, sum.Minor-t.Amount.Minor
	}
	return sum, sum.Currency != "" && sum.Minor > 0
}

// claimed is the amount claimed (vault.Case.Claim: never more than the
// refunds recorded on the orders leave), and whether it is the whole of
// what the orders cost, what is left after a refund, or a part.
func (d Dossier) claimed() string {
	ask, _ := d.Case.Claim(d.Orders)
	paid, left, ok := vault.Totals(d.Orders)
	switch {
	case ask.IsZero():
		return ""
	case !ok || left.Currency != ask.Currency:
		return d.money(ask)
	case ask == paid:
		if charged, ok := d.charged(); ok && charged.Currency != ask.Currency {
			return d.money(ask) + fmt.Sprintf(d.t(" (the full amount: %s on the card statement)"), d.money(charged))
		}
		return d.money(ask) + d.t(" (the full amount)")
	case ask == left:
		back := money.Money{Currency: paid.Currency, Minor: paid.Minor - left.Minor}
		return d.money(ask) + fmt.Sprintf(d.t(" (all that is left of %s: %s was refunded)"), d.money(paid), d.money(back))
	case ask.Minor < paid.Minor:
		return d.money(ask) + fmt.Sprintf(d.t(" (part of %s)"), d.money(paid))
	}
	return d.money(ask)
}

// orderFacts are one order's fields as the forms ask for them: merchant,
// transaction date, amount, payment, delivery.
func (d Dossier) orderFacts(doc *doc, o vault.Order) {
	doc.gap(3)
	doc.heading(fmt.Sprintf(d.t("%s order %s"), o.Marketplace.Name(), o.Number), 11, false)
	doc.field(d.t("Merchant"), o.Seller)
	doc.field(d.t("Items"), strings.Join(o.Items, "\n"))
	doc.field(d.t("Total"), d.money(o.Total))
	doc.field(d.t("Payment"), o.Payment)
	d.chargeFacts(doc, o)
	for _, dt := range o.Dates() {
		f, _ := vault.FieldOf(vault.RecordOrder, dt.Label)
		doc.field(f.Label(d.Lang), d.date(dt.At))
	}
	doc.field(d.t("Tracking"), strings.Join(o.Tracking, ", "))
	if !o.Refunded.IsZero() {
		doc.field(d.t("Refunded"), strings.TrimSuffix(d.money(o.Refunded)+", "+d.date(o.RefundedAt), ", "))
	}
	doc.field(d.t("Protection ends"), d.date(o.ProtectionEnds))
	if d.ShowNotes {
		doc.field(d.t("Note"), o.Note)
	}
}

// chargeFacts are the statement lines that pay or refund the order, as the
// bank wrote them: the amount in the card's currency, the day, the text.
func (d Dossier) chargeFacts(doc *doc, o vault.Order) {
	for _, t := range d.Charges {
		if t.Order != o.ID {
			continue
		}
		label, amount := d.t("Charged"), t.Amount
		if amount.Minor > 0 {
			label = d.t("Credited")
		} else {
			amount.Minor = -amount.Minor
		}
		s := fmt.Sprintf(d.t("%s on %s, as \"%s\" on the statement"), d.money(amount), d.date(t.Booked), t.Text)
		if !t.Original.IsZero() {
			s += fmt.Sprintf(d.t(" (%s converted)"), d.money(t.Original))
		}
		if t.Card != "" {
			s += fmt.Sprintf(d.t(", card ending %s"), t.Card)
		}
		if e := d.ExhibitOf(t.Statement); e != "" {
			s += " (" + e + ")"
		}
		if d.mask != nil {
			s = d.mask(s)
		}
		doc.field(label, s)
	}
}

// orderList is one line per order, for a case of many.
func (d Dossier) orderList(doc *doc) {
	if len(d.Orders) == 0 {
		return
	}
	doc.gap(3)
	doc.heading(d.t("Orders"), 11, false)
	for _, o := range d.Orders {
		what := fmt.Sprintf(d.t("%s order %s"), o.Marketplace.Name(), o.Number)
		for _, s := range []string{o.Seller, d.money(o.Total), o.Status.Word(d.Lang)} {
			if s != "" {
				what += ", " + s
			}
		}
		if d.ShowNotes && o.Note != "" {
			what += " (" + o.Note + ")"
		}
		doc.need(10)
		doc.timelineRow(d.date(o.Ordered), what, "")
	}
}

// index lists the exhibits with their pages, and the communication log.
func (d Dossier) index(doc *doc) {
	if len(d.Exhibits) == 0 && len(d.Messages) == 0 {
		return
	}
	doc.gap(3)
	doc.heading(d.t("Contents"), 11, false)
	if len(d.Messages) > 0 {
		doc.need(10)
		doc.timelineRow(d.t("Log"), fmt.Sprintf(d.t("Communication log: %s"), d.count(len(d.Messages), "%d message", "%d messages")),
			d.pageRef(logKey))
	}
	for _, x := range d.Exhibits {
		what := x.Kind.Word(d.Lang) + ": " + x.FileName
		if !x.OccurredAt.IsZero() {
			what += ", " + d.date(x.OccurredAt)
		}
		doc.need(10)
		doc.timelineRow(x.Label, what, d.pageRef(x.Label))
	}
}

// pageRef is "p. 6" for what the layout placed on page 6, else "".
func (d Dossier) pageRef(key string) string {
	if p := d.pageOf[key]; p > 0 {
		return fmt.Sprintf(d.t("p. %d"), p)
	}
	return ""
}
