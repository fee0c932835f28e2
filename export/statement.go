package export

import (
	"strings"
	"vault"
)

// statement prints the claimant's statement: their own text, or the letter
// vault drafted from the records (StatementDrafted).
func (d Dossier) statement(doc *doc) {
	if strings.TrimSpace(d.Statement) == "" {
		return
	}
	doc.page()
	doc.heading(d.t("Statement"), 16, true)
	if d.StatementDrafted {
		doc.para(body, 8, d.t("Drafted by vault from the recorded facts; the claimant may replace it ('vault case statement' or --statement FILE)."))
		doc.gap(3)
	}
	doc.para(body, 10, d.Statement)
}

// whereToTurn is the dossier's last page: who decides, by the kind of case
// (from domain-rules.md, "Where to turn").
var whereToTurn = map[vault.CaseKind][]string{
	vault.Chargeback: {
		"Card issuer (bank): a chargeback or kortreklamasjon with this dossier, once the seller and the marketplace did not resolve it. Visa and Mastercard: within 120 days of the later of the transaction and the expected delivery.",
		"Norway: claim without undue delay; credit cards carry the card issuer's joint liability with the seller (finansavtaleloven § 2-7), BankAxept debit cards do not.",
		"Forbrukerrådet (NO): free advice and mediation for consumers.",
	},
	vault.Dispute: {
		"The marketplace's dispute centre: goods not received or not as described, within the marketplace's windows (AliExpress: from shipment + 5 days to completion + 15 days; eBay: 30 days after delivery; PayPal: 180 days from payment).",
		"If the dispute fails: the card issuer (chargeback) with this dossier.",
	},
	vault.Reinstatement: {
		"The marketplace's customer service: ask for the reason of the restriction and request reinstatement with this dossier (the orders and disputes with their outcomes show that the disputes were justified).",
		"Forbrukerrådet (NO) or Forbruker Europa / ECC-Net (sellers in the EU/EEA): advice and mediation.",
	},
	vault.Withdrawal: {
		"The seller, in writing: the right of withdrawal lasts 14 days from receipt of the goods (EU Directive 2011/83/EU; angrerettloven § 21), 12 months longer when the buyer was not informed of it.",
		"Forbruker Europa / ECC-Net: for sellers in the EU/EEA, Iceland and Norway.",
	},
	vault.Warranty: {
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
	doc.heading(d.t("Where to turn"), 16, true)
	for _, s := range steps {
		doc.para(body, 10, "• "+d.t(s))
		doc.gap(3)
	}
	doc.para(body, 8, d.t("Deadlines and receivers as of the vault's rules (verified 2026-11); check the receiver's current terms."))
}
