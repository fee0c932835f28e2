package export

import (
	"fmt"
	"strings"
)

// overview prints, for a reinstatement, the account's orders and disputes
// per marketplace and every dispute with its outcome: the page that shows the
// disputes were few and justified.
func (d Dossier) overview(doc *doc) {
	if d.Overview == nil {
		return
	}
	doc.section()
	doc.heading(d.t("Account overview"), 16, true)
	doc.para(body, 9, d.t("All orders and disputes recorded in the vault for the marketplaces of this case."))
	doc.gap(4)
	for _, m := range d.Overview.Markets {
		doc.need(30)
		doc.heading(m.Marketplace.Name(), 12, false)
		doc.field(d.t("Orders"), fmt.Sprint(m.Orders))
		var totals []string
		for _, t := range m.Totals {
			totals = append(totals, d.money(t))
		}
		doc.field(d.t("Total"), strings.Join(totals, " + "))
		doc.field(d.t("Disputes and chargebacks"), fmt.Sprintf(d.t("%d (%.0f %% of orders)"), m.Disputes, m.DisputeRate*100))
		doc.gap(4)
	}
	if len(d.Disputes) == 0 {
		return
	}
	doc.heading(d.t("Disputes and their outcomes"), 12, false)
	for _, x := range d.Disputes {
		doc.need(10)
		doc.field(d.date(x.Opened), fmt.Sprintf(d.t("%s: %s about order %s, %s"), x.Case, x.Kind.Word(d.Lang), x.Orders, x.Status.Word(d.Lang)))
	}
}
