package export

import "strings"

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
