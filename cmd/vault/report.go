package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/internal/lang"
	"vault/internal/money"
)

func newReportCmd(a *app) *cobra.Command {
	var marketplace string
	var year int
	var l lang.Lang
	cmd := &cobra.Command{
		Use:   "report [--marketplace M] [--year Y] [--json]",
		Short: "Overview of orders, totals, disputes and outcomes per marketplace",
		Long: `Print an overview of the vault: orders and totals per currency, disputes and
chargebacks with their outcomes, and the dispute rate, per marketplace. It is
the page a reinstatement request needs (the dossier of a reinstatement case
includes it): it shows that disputes were few and justified. --year counts
orders by the date they were placed.

With statements imported ('vault import statement', 'vault match'): what the
card was charged and refunded per marketplace and month, the orders in the
statements' period with no charge, the charges naming a marketplace with no
order, and the won cases whose refund has not come 14 days after the win.`,
		Example: `  vault report
  vault report --marketplace aliexpress --year 2026 --json`,
		Args: noArgs,
	}
	cmd.Flags().StringVar(&marketplace, "marketplace", "", "only this marketplace")
	cmd.Flags().IntVar(&year, "year", 0, "only orders placed in this year")
	addLang(cmd.Flags(), &l, "language of the table")
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, _ []string) (reportView, error) {
		if year != 0 && (year < 1970 || year > 2200) {
			return reportView{}, usagef("--year %d: out of range", year)
		}
		r, err := svc.DB.Report(ctx, vault.Marketplace(marketplace), year)
		if err != nil {
			return reportView{}, err
		}
		r.Markets = nonNil(r.Markets)
		m, err := svc.MoneyOverview(ctx)
		return reportView{r, m}, err
	}, func(r reportView) error {
		if err := a.printReport(r.Report, say(l)); err != nil {
			return err
		}
		return a.printMoney(r.Money, lang.Lang(l))
	})
}

// reportView is the report with what the statements say, when there are some.
type reportView struct {
	vault.Report
	Money *casework.Money `json:"money,omitempty"`
}

// printMoney prints what the statements say: charged and refunded per
// marketplace and month, then what does not add up.
func (a *app) printMoney(m *casework.Money, l lang.Lang) error {
	if m == nil {
		return nil
	}
	fmt.Fprintln(a.stdout)
	rows := [][]string{{"MARKETPLACE", "MONTH", "CHARGED", "REFUNDED", "NET"}}
	for _, r := range m.Rows {
		net, err := money.Sub(r.Charged, r.Refunded)
		if r.TooLarge || err != nil {
			rows = append(rows, []string{r.Marketplace.Name(), r.Month, "too large to add up", "", ""})
			continue
		}
		rows = append(rows, []string{r.Marketplace.Name(), r.Month, l.Money(r.Charged), l.Money(r.Refunded), l.Money(net)})
	}
	if err := table(a.stdout, rows); err != nil {
		return err
	}
	for _, id := range m.OrdersNoCharge {
		fmt.Fprintf(a.stdout, "no charge on the statements for %s\n", id)
	}
	for _, t := range m.ChargesNoOrder {
		fmt.Fprintf(a.stdout, "no order for %s: %s on %s, %s\n", t.ID, l.Money(t.Amount), t.Booked, cell(t.Text))
	}
	for _, r := range m.RefundsMissing {
		fmt.Fprintf(a.stdout, "%s was won on %s, %d days ago, and no refund is on the statements\n", r.Case, r.Decided, r.Days)
	}
	return nil
}

func (a *app) printReport(r vault.Report, s say) error {
	if len(r.Markets) == 0 {
		fmt.Fprintln(a.stdout, s.t("No orders."))
		return nil
	}
	rows := [][]string{s.all("MARKETPLACE", "ORDERS", "TOTAL", "DISPUTES", "RATE", "CASES")}
	for _, m := range r.Markets {
		rows = append(rows, []string{m.Marketplace.Name(), itoa(int64(m.Orders)), totals(m, lang.Lang(s)), itoa(int64(m.Disputes)),
			fmt.Sprintf("%.0f %%", m.DisputeRate*100), caseCounts(m.Cases, lang.Lang(s))})
	}
	return table(a.stdout, rows)
}

func totals(m vault.MarketReport, l lang.Lang) string {
	s := make([]string, len(m.Totals))
	for i, t := range m.Totals {
		s[i] = l.Money(t)
	}
	return strings.Join(s, " + ")
}

// caseCounts writes "dispute: 1 won, 1 open; chargeback: 1 lost".
func caseCounts(cs []vault.CaseCount, l lang.Lang) string {
	var parts []string
	var kind vault.CaseKind
	for _, c := range cs {
		if c.Kind != kind {
			parts = append(parts, c.Kind.Word(l)+":")
			kind = c.Kind
		} else {
			parts[len(parts)-1] += ","
		}
		parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Status.Word(l)))
	}
	return strings.Join(parts, " ")
}
