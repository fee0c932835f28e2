package export

import (
	"cmp"
	"fmt"
	"strings"

	"vault/internal/money"
)

// statement prints the claimant's own statement, or a draft from the case data.
func (d Dossier) statement(doc *doc) {
	doc.page()
	doc.heading("Statement", 16, true)
	text := d.Statement
	if strings.TrimSpace(text) == "" {
		text = d.DraftStatement()
		doc.para(body, 8, "Drafted by vault from the recorded facts; the claimant may replace it (--statement FILE).")
		doc.gap(3)
	}
	doc.para(body, 10, text)
}

// DraftStatement writes a plain statement from the case: what was bought,
// what happened, what was tried, what is asked.
func (d Dossier) DraftStatement() string {
	var b strings.Builder
	for _, o := range d.Orders {
		fmt.Fprintf(&b, "I ordered from %s on %s (order %s)", cmp.Or(o.Seller, "the seller"), o.Marketplace, o.Number)
		if !o.Ordered.IsZero() {
			fmt.Fprintf(&b, " on %s", o.Ordered.Format(d.Location))
		}
		if !o.Total.IsZero() {
			fmt.Fprintf(&b, " for %s", o.Total)
		}
		if o.Payment != "" {
			fmt.Fprintf(&b, ", paid by %s", o.Payment)
		}
		b.WriteString(". ")
		switch {
		case !o.Delivered.IsZero():
			fmt.Fprintf(&b, "It was delivered on %s.", o.Delivered.Format(d.Location))
		case !o.Shipped.IsZero():
			fmt.Fprintf(&b, "It was shipped on %s and has not been delivered", o.Shipped.Format(d.Location))
			if !o.Expected.IsZero() {
				fmt.Fprintf(&b, " (delivery was promised by %s)", o.Expected.Format(d.Location))
			}
			b.WriteString(".")
		}
		b.WriteString("\n\n")
	}
	var mine int
	for _, m := range d.Messages {
		if m.Party == "me" {
			mine++
		}
	}
	if len(d.Messages) > 0 {
		fmt.Fprintf(&b, "I tried to settle this with the seller first: the communication log holds %d messages, %d of them mine. The matter was not resolved.\n\n",
			len(d.Messages), mine)
	}
	b.WriteString(request(d.Case.Kind, d.Case.Amount))
	if len(d.Exhibits) > 0 {
		fmt.Fprintf(&b, "\n\nThe evidence is attached as %d numbered exhibits; each original file is identified by its SHA-256 in the manifest.",
			len(d.Exhibits))
	}
	return b.String()
}

// request is what the claimant asks for, by the kind of case.
func request(kind string, amount money.Money) string {
	amt := "the amount paid"
	if !amount.IsZero() {
		amt = amount.String()
	}
	switch kind {
	case "chargeback":
		return "I ask for a chargeback of " + amt + "."
	case "dispute":
		return "I ask for a refund of " + amt + "."
	case "reinstatement":
		return "I ask for my account to be reinstated. The disputes I opened were few and justified, as the records show."
	case "withdrawal":
		return "I have withdrawn from the purchase within the withdrawal period and ask for a refund of " + amt + "."
	case "warranty":
		return "The goods are defective. I ask for them to be repaired or replaced, or for a refund of " + amt + "."
	}
	return "I ask for the matter to be resolved."
}

// whereToTurn is the dossier's last page: who decides, by the kind of case
// (from domain-rules.md, "Where to turn").
var whereToTurn = map[string][]string{
	"chargeback": {
		"Card issuer (bank): a chargeback or kortreklamasjon with this dossier, once the seller and the marketplace did not resolve it. Visa and Mastercard: within 120 days of the later of the transaction and the expected delivery.",
		"Norway: claim without undue delay; credit cards carry the card issuer's joint liability with the seller (finansavtaleloven § 2-7), BankAxept debit cards do not.",
		"Forbrukerrådet (NO): free advice and mediation for consumers.",
	},
	"dispute": {
		"The marketplace's dispute centre: goods not received or not as described, within the marketplace's windows (AliExpress: from shipment + 5 days to completion + 15 days; eBay: 30 days after delivery; PayPal: 180 days from payment).",
		"If the dispute fails: the card issuer (chargeback) with this dossier.",
	},
	"reinstatement": {
		"The marketplace's customer service: ask for the reason of the restriction and request reinstatement with this dossier (the orders and disputes with their outcomes show that the disputes were justified).",
		"Forbrukerrådet (NO) or Forbruker Europa / ECC-Net (sellers in the EU/EEA): advice and mediation.",
	},
	"withdrawal": {
		"The seller, in writing: the right of withdrawal lasts 14 days from receipt of the goods (EU Directive 2011/83/EU; angrerettloven § 21), 12 months longer when the buyer was not informed of it.",
		"Forbruker Europa / ECC-Net: for sellers in the EU/EEA, Iceland and Norway.",
	},
	"warranty": {
		"The seller: reklamasjon within a reasonable time and at most 2 months after the defect was discovered; at most 2 years from delivery, 5 for goods meant to last substantially longer (forbrukerkjøpsloven § 27). EU: the legal guarantee is at least 2 years (Directive (EU) 2019/771).",
		"Forbrukerrådet (NO): free advice and mediation.",
	},
}

// nextSteps prints where to turn for the case's kind.
func (d Dossier) nextSteps(doc *doc) {
	steps := whereToTurn[d.Case.Kind]
	if len(steps) == 0 {
		return
	}
	doc.page()
	doc.heading("Where to turn", 16, true)
	for _, s := range steps {
		doc.para(body, 10, "• "+s)
		doc.gap(3)
	}
	doc.para(body, 8, "Deadlines and receivers as of the vault's rules (verified 2026-11); check the receiver's current terms.")
}
