package export

import (
	"fmt"
	"strings"

	"vault"
	"vault/internal/lang"
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
	d.caseFacts(doc.field)
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

// Field is one labelled fact of page 1.
type Field struct{ Label, Value string }

// PageOne is page 1's labelled facts, as it prints them: the case's, then
// (for a case of one order) the order's. Its paragraph is Summary.
func (d Dossier) PageOne() []Field {
	var out []Field
	add := func(label, value string) {
		if value != "" {
			out = append(out, Field{label, value})
		}
	}
	d.caseFacts(add)
	if len(d.Orders) == 1 {
		d.orderFields(add, d.Orders[0])
	}
	return out
}

// title is the case's title in the dossier's language.
func (d Dossier) title() string { return d.Case.TitleIn(d.Lang, d.Orders) }

// caseFacts are the case's own fields: who claims, from whom, under which
// numbers, how much, and where it stands.
func (d Dossier) caseFacts(field func(label, value string)) {
	c := d.Case
	field(d.t("Claimant"), d.Claimant)
	field(d.t("Receiver"), c.Receiver)
	field(d.t("Reference"), c.Reference)
	field(d.t("Dispute number"), c.DisputeNumber)
	field(d.t("Bank reference"), c.BankReference)
	if a := d.Account; a != nil {
		account := a.Marketplace.Name() + ": " + a.Login
		if !a.Blocked.IsZero() {
			account += fmt.Sprintf(d.t(", restricted %s"), d.date(a.Blocked))
		}
		if a.Reason != "" {
			account += fmt.Sprintf(d.t(" (reason given: %s)"), a.Reason)
		}
		field(d.t("Account"), account)
	}
	if c.Kind != vault.Reinstatement {
		field(d.t("Amount claimed"), d.claimed()) // a reinstatement asks for the account, not money
	}
	field(d.t("Case opened"), d.date(c.Opened)) // the headline names the kind
	if c.Outcome != "" {
		decided := c.Outcome.Word(d.Lang) + ", " + d.date(c.Decided)
		if !c.Refunded.IsZero() {
			decided += ", " + d.money(c.Refunded) + d.t(" back")
		}
		field(d.t("Decided"), decided)
	}
	if letters := d.Facts.Contact.Correspondence(); letters.Wrote > 0 {
		contact := d.count(letters.Wrote, "%d message", "%d messages")
		if !letters.First.IsZero() {
			contact = fmt.Sprintf(d.t("first on %s, %s"), d.date(letters.First), contact)
		}
		if letters.Replies > 0 {
			contact += ", " + d.count(letters.Replies, "%d answer", "%d answers")
		}
		field(d.t("Seller contacted"), contact)
	}
	if last, ok := d.Facts.Shipping.Last(); ok && d.Facts.Trouble == vault.NotReceived {
		field(d.t("Last scan"), d.lastScan(last))
	}
	for _, r := range d.Facts.Related {
		label := lang.Upper(r.Kind.Word(d.Lang))
		if r.Kind == vault.Dispute {
			label = fmt.Sprintf(d.t("%s dispute"), r.Marketplace.Name())
		}
		what := fmt.Sprintf(d.t("opened %s: %s"), d.date(r.Opened), d.standing(r))
		if r.DisputeNumber != "" {
			what = r.DisputeNumber + ", " + what
		}
		field(label, what)
	}
}

// lastScan is the tracking history's last event, with the exhibit of the
// page that shows it: "2026-09-01 18:40: Arrived at sorting centre,
// Guangzhou (E3)".
func (d Dossier) lastScan(t vault.Tracked) string {
	s := d.date(t.Day)
	if t.Clock != "" {
		s += " " + t.Clock
	}
	s += ": " + t.What()
	if x := d.ExhibitOf(t.Page); x != "" {
		s += " (" + x + ")"
	}
	return s
}

// standing is how a dispute stands: its status, or its outcome with the
// day decided and what came back.
func (d Dossier) standing(r vault.DisputeOutcome) string {
	if r.Outcome == "" {
		return r.Status.Word(d.Lang)
	}
	s := r.Outcome.Word(d.Lang)
	if !r.Decided.IsZero() {
		s = fmt.Sprintf(d.t("%s on %s"), s, d.date(r.Decided))
	}
	if r.Refunded.Minor > 0 {
		s += ", " + d.money(r.Refunded) + d.t(" back")
	}
	return s
}

// claimed is the amount claimed as the facts have it (never more than is
// left), and whether it is the whole of what was paid, what is left after a
// refund, or a part; when nothing is left, that everything came back.
func (d Dossier) claimed() string {
	m := d.Facts.Money
	base, err := money.Add(m.Left, m.Back)
	switch {
	case m.Claim.Minor == 0 && m.Back.Minor > 0:
		return fmt.Sprintf(d.t("nothing: %s came back"), d.money(m.Back))
	case m.Claim.IsZero() || m.Claim.Minor == 0:
		return ""
	case !m.Known || err != nil || m.Claim.Currency != base.Currency:
		return d.money(m.Claim)
	case m.Claim == base:
		if charged := m.Debited; charged.Minor > 0 && charged.Currency != m.Claim.Currency {
			return d.money(m.Claim) + fmt.Sprintf(d.t(" (the full amount: %s on the card statement)"), d.money(charged))
		}
		return d.money(m.Claim) + d.t(" (the full amount)")
	case m.Claim == m.Left && m.Back.Minor > 0:
		return d.money(m.Claim) + fmt.Sprintf(d.t(" (all that is left of %s: %s was refunded)"), d.money(base), d.money(m.Back))
	case m.Claim.Minor < base.Minor:
		return d.money(m.Claim) + fmt.Sprintf(d.t(" (part of %s)"), d.money(base))
	}
	return d.money(m.Claim)
}

// orderFacts are one order's fields as the forms ask for them: merchant,
// transaction date, amount, payment, delivery.
func (d Dossier) orderFacts(doc *doc, o vault.Order) {
	doc.gap(3)
	doc.heading(fmt.Sprintf(d.t("%s order %s"), o.Marketplace.Name(), o.Number), 11, false)
	d.orderFields(doc.field, o)
}

// orderFields are an order's labelled facts.
func (d Dossier) orderFields(field func(label, value string), o vault.Order) {
	field(d.t("Merchant"), o.Seller)
	field(d.t("Items"), strings.Join(o.Items, "\n"))
	field(d.t("Total"), d.money(o.Total))
	field(d.t("Payment"), o.Payment)
	d.chargeFacts(field, o)
	for _, dt := range o.Dates() {
		f, _ := vault.FieldOf(vault.RecordOrder, dt.Label)
		field(f.Label(d.Lang), d.date(dt.At))
	}
	field(d.t("Tracking"), strings.Join(o.Tracking, ", "))
	if back, last := d.Facts.Money.BackOf(o.ID); back.Minor > 0 {
		refunded := strings.TrimSuffix(d.money(back)+", "+d.date(last.At), ", ")
		if last.Source == vault.RefundCredited {
			refunded += d.t(" (the credit above)")
		}
		field(d.t("Refunded"), refunded)
	}
	field(d.t("Protection ends"), d.date(o.ProtectionEnds))
	if d.ShowNotes {
		field(d.t("Note"), o.Note)
	}
}

// chargeFacts are the statement lines that pay or refund the order, as the
// bank wrote them: the amount in the card's currency, the day, the text.
func (d Dossier) chargeFacts(field func(label, value string), o vault.Order) {
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
		field(label, s)
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
