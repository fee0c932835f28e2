package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/internal/money"
	"vault/store"
)

func newAddCaseCmd(a *app) *cobra.Command {
	var c store.Case
	var orderRefs []string
	var amount, opened string
	var asJSON, force bool
	cmd := &cobra.Command{
		Use:   "case --kind KIND --order ID [--order ID]... [flags]",
		Short: "Open a case: a dispute, chargeback, reinstatement, withdrawal or warranty claim",
		Long: `Open a case that gathers orders and their evidence towards one claim.
Kinds: ` + strings.Join(store.CaseKinds, ", ") + `.
Without --amount, the amount claimed is the sum of the orders' totals when they
share one currency. Prints the new case id (CASE-n) on the first line.

Before a dispute, vault counts your disputes at that marketplace: above about
3 in 30 days or 30 % of the orders of 90 days ('vault rules aliexpress.abuse',
a heuristic) it warns that the account may be blocked for dispute abuse, and
on a terminal asks before going on (--force skips the question).`,
		Example: `  vault add case --kind chargeback --order ORD-1 --receiver "DNB kortreklamasjon" --amount "49,90 NOK"
  vault add case --kind reinstatement --order ORD-1 --order ORD-2 --receiver AliExpress`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "kind", "order"); err != nil {
				return err
			}
			if err := oneOf("--kind", c.Kind, store.CaseKinds); err != nil {
				return err
			}
			var err error
			if amount != "" {
				if c.Amount, err = money.Parse(amount); err != nil {
					return usagef("--amount: %w", err)
				}
			}
			if c.Opened, err = a.parseDate("opened", opened); err != nil {
				return err
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			orders, err := a.fillCase(cmd.Context(), v, &c, orderRefs)
			if err != nil {
				return err
			}
			if c.Kind == "dispute" {
				if err := a.guardDispute(cmd.Context(), v, c, orders, force); err != nil {
					return err
				}
			}
			id, err := v.db.AddCase(cmd.Context(), c)
			if err != nil {
				return err
			}
			return a.printID(id, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&c.Kind, "kind", "", "kind of case: "+strings.Join(store.CaseKinds, ", ")+" (required)")
	f.StringArrayVar(&orderRefs, "order", nil, "an order of the case (ORD-n or order number; repeatable, required)")
	f.StringVar(&c.Title, "title", "", "a short title (default from the kind and the first order)")
	f.StringVar(&amount, "amount", "", "amount claimed, with currency (default: the orders' total)")
	f.StringVar(&c.Receiver, "receiver", "", "who decides: the marketplace, the bank, ...")
	f.StringVar(&c.Reference, "reference", "", "the receiver's reference or dispute number")
	f.StringVar(&opened, "opened", "", "when the case was opened (default now)")
	f.BoolVar(&asJSON, "json", false, "print the result as JSON")
	f.BoolVar(&force, "force", false, "do not ask before a dispute that may look like abuse")
	return cmd
}

// fillCase resolves the order references and fills the defaults that depend on
// the orders: the title and the amount claimed.
func (a *app) fillCase(ctx context.Context, v *vault, c *store.Case, refs []string) ([]store.Order, error) {
	var orders []store.Order
	var first store.Order
	var sum money.Money
	sameCurrency := true
	for i, ref := range refs {
		id, err := v.db.ResolveOrder(ctx, ref)
		if err != nil {
			return nil, err
		}
		o, err := v.db.Order(ctx, id)
		if err != nil {
			return nil, err
		}
		orders = append(orders, o)
		if i == 0 {
			first, sum = o, o.Total
		} else if o.Total.Currency != sum.Currency {
			sameCurrency = false
		} else {
			sum.Minor += o.Total.Minor
		}
		c.Orders = append(c.Orders, id)
	}
	if c.Title == "" {
		c.Title = fmt.Sprintf("%s%s: %s order %s", strings.ToUpper(c.Kind[:1]), c.Kind[1:], first.Marketplace, first.Number)
		if len(refs) > 1 {
			c.Title += fmt.Sprintf(" and %d more", len(refs)-1)
		}
	}
	if c.Amount.IsZero() && sameCurrency {
		c.Amount = sum
	}
	return orders, nil
}

func newListCasesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "cases", Short: "List cases", Args: noArgs}
	return viewCmd(a, cmd, func(ctx context.Context, v *vault, _ []string) ([]store.Case, error) {
		cases, err := v.db.Cases(ctx)
		return nonNil(cases), err
	}, func(cases []store.Case) error {
		rows := [][]string{{"ID", "KIND", "STATUS", "OPENED", "AMOUNT", "ORDERS", "TITLE"}}
		for _, c := range cases {
			rows = append(rows, []string{c.ID.String(), c.Kind, c.Status, c.Opened.Format(a.loc), c.Amount.String(),
				joinIDs(c.Orders), short(c.Title, 40)})
		}
		return table(a.stdout, rows)
	})
}

func newShowCaseCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "case ID",
		Short: "Show a case with its orders, evidence and events",
		Args:  exactArgs(1, "a case id (CASE-n)"),
	}
	return viewCmd(a, cmd, func(ctx context.Context, v *vault, args []string) (store.CaseFile, error) {
		f, err := caseFile(ctx, v, args[0])
		f.Evidence, f.Events = nonNil(f.Evidence), nonNil(f.Events)
		return f, err
	}, a.printCaseFile)
}

func (a *app) printCaseFile(f store.CaseFile) error {
	c := f.Case
	err := fields(a.stdout, "Case", c.ID.String(), "Kind", c.Kind, "Status", c.Status, "Title", c.Title,
		"Receiver", c.Receiver, "Reference", c.Reference, "Amount", c.Amount.String(),
		"Opened", c.Opened.Format(a.loc), "Closed", c.Closed.Format(a.loc))
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\nOrders:")
	for _, o := range f.Orders {
		fmt.Fprintf(a.stdout, "  %s  %s %s  %s  %s\n", o.ID, o.Marketplace, o.Number, o.Ordered, o.Total)
	}
	if len(f.Events) > 0 {
		fmt.Fprintln(a.stdout, "\nEvents:")
		for _, e := range f.Events {
			fmt.Fprintf(a.stdout, "  %s  %s\n", e.At.Format(a.loc), e.Text)
		}
	}
	return a.printEvidenceList(f.Evidence)
}

func joinIDs[T fmt.Stringer](ids []T) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()
	}
	return strings.Join(s, ",")
}
