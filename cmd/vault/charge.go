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

// addChargeOptions are the flags of 'vault add charge' and the charge they make.
type addChargeOptions struct {
	orderRef, kind, amount, paid string
	charge                       vault.Charge
	asJSON, force                bool
}

func newAddChargeCmd(a *app, runF func(*addChargeOptions) error) *cobra.Command {
	o := &addChargeOptions{}
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
			if err := o.parse(a); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runAddCharge)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.orderRef, "order", "", "the order (ORD-n or order number; required)")
	f.StringVar(&o.amount, "amount", "", "the amount paid, with currency (required)")
	f.StringVar(&o.kind, "kind", "", strings.Join(vault.Words(vault.ChargeKinds), ", ")+" (required)")
	f.StringVar(&o.paid, "paid", "", "when it was paid "+dateExample)
	f.StringVar(&o.charge.Note, "note", "", "a note: who charged it, the reference")
	f.BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	f.BoolVar(&o.force, "force", false, "confirm a date after today")
	return cmd
}

func (o *addChargeOptions) parse(a *app) error {
	var err error
	if o.charge.Kind, err = parseWord("--kind", o.kind, vault.ParseChargeKind); err != nil {
		return err
	}
	if o.charge.Amount, err = money.Parse(o.amount); err != nil {
		return usagef("--amount: %w", err)
	}
	o.charge.Paid, err = a.pastDate("paid", o.paid, o.force)
	return err
}

func (a *app) runAddCharge(ctx context.Context, o *addChargeOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	c := o.charge
	if c.Order, err = svc.DB.ResolveOrder(ctx, o.orderRef); err != nil {
		return err
	}
	id, err := svc.DB.AddCharge(ctx, c)
	if err != nil {
		return err
	}
	return a.printID(chargeRef(id), o.asJSON)
}

// chargeRef is a charge's record name, CHG-n.
type chargeRef int64

func (c chargeRef) String() string { return fmt.Sprintf("CHG-%d", c) }

func (a *app) printCharges(v casework.OrderView, s say) {
	l := lang.Lang(s)
	if len(v.Charges) > 0 {
		fmt.Fprintf(a.stdout, "\n%s:\n", s.t("Import charges paid"))
		for _, c := range v.Charges {
			fmt.Fprintf(a.stdout, "  %s  %-4s  %s  %s  %s\n", chargeRef(c.ID), c.Kind, l.Money(c.Amount), l.Date(c.Paid, a.loc), c.Note)
		}
	}
	for _, n := range v.Notes {
		fmt.Fprintf(a.stdout, "\n%s: %s\n", s.t("Note"), strings.TrimSpace(n))
	}
}
