package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/deadlines"
	"vault/internal/date"
	"vault/internal/money"
	"vault/store"
)

func newAddChargeCmd(a *app) *cobra.Command {
	var c store.Charge
	var orderRef, amount, paid string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "charge --order ID --amount AMOUNT --kind vat|duty|fee [--paid DATE]",
		Short: "Record an import charge paid on an order: VAT, customs duty, a carrier's fee",
		Long: `Record an import charge paid on an order. Orders above EUR 150 (EU) or from
NOK 3,000 (Norway, or from a seller outside VOEC) may owe VAT, duty and a
carrier's fee at import; 'vault show order' says so, and lists what was paid.
Prints the charge's record (CHG-n).`,
		Example: `  vault add charge --order ORD-3 --amount "812,50 NOK" --kind vat --paid 2026-11-02
  vault add charge --order ORD-3 --amount "199 NOK" --kind fee --note "Posten fortollingsgebyr"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "order", "amount", "kind"); err != nil {
				return err
			}
			if err := oneOf("--kind", c.Kind, store.ChargeKinds); err != nil {
				return err
			}
			var err error
			if c.Amount, err = money.Parse(amount); err != nil {
				return usagef("--amount: %w", err)
			}
			if c.Paid, err = a.parseDate("paid", paid); err != nil {
				return err
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if c.Order, err = v.db.ResolveOrder(cmd.Context(), orderRef); err != nil {
				return err
			}
			id, err := v.db.AddCharge(cmd.Context(), c)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSONLine(a.stdout, map[string]string{"id": fmt.Sprintf("CHG-%d", id)})
			}
			fmt.Fprintf(a.stdout, "CHG-%d\n", id)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&orderRef, "order", "", "the order (ORD-n or order number; required)")
	f.StringVar(&amount, "amount", "", "the amount paid, with currency (required)")
	f.StringVar(&c.Kind, "kind", "", "vat, duty or fee (required)")
	f.StringVar(&paid, "paid", "", "when it was paid")
	f.StringVar(&c.Note, "note", "", "a note: who charged it, the reference")
	f.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

// orderView is an order as 'vault show order' prints it: with notes from
// the rules (import charges that may apply).
type orderView struct {
	store.OrderFile
	Notes []string `json:"notes"`
}

func (a *app) loadOrderView(ctx context.Context, v *vault, ref string) (orderView, error) {
	id, err := v.db.ResolveOrder(ctx, ref)
	if err != nil {
		return orderView{}, err
	}
	f, err := v.db.OrderFile(ctx, id)
	if err != nil {
		return orderView{}, err
	}
	f.Evidence, f.Cases, f.Charges = nonNil(f.Evidence), nonNil(f.Cases), nonNil(f.Charges)
	rules, err := loadRules(ctx, v)
	if err != nil {
		return orderView{}, err
	}
	view := orderView{OrderFile: f, Notes: []string{}}
	for _, r := range deadlines.ChargesNotes(rules, orderFacts(f.Order, date.Value{}), f.Order.Total) {
		view.Notes = append(view.Notes, fmt.Sprintf("import charges may apply (%s): %s Record what you pay with 'vault add charge'.", r.ID, r.Says))
	}
	return view, nil
}

func (a *app) printCharges(v orderView) {
	if len(v.Charges) > 0 {
		fmt.Fprintln(a.stdout, "\nImport charges paid:")
		for _, c := range v.Charges {
			fmt.Fprintf(a.stdout, "  CHG-%d  %-4s  %s  %s  %s\n", c.ID, c.Kind, c.Amount, c.Paid.Format(a.loc), c.Note)
		}
	}
	for _, n := range v.Notes {
		fmt.Fprintf(a.stdout, "\nNote: %s\n", strings.TrimSpace(n))
	}
}
