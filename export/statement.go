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
	doc.para(body, 10, d.Statement)
}
