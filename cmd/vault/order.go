package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/internal/date"
	"vault/internal/money"
	"vault/store"
)

func newAddOrderCmd(a *app) *cobra.Command {
	var o store.Order
	var total string
	var dates [5]string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "order --marketplace NAME --number ORDERNO [flags]",
		Short: "Record an order",
		Long: `Record an order: where it was bought, its number, what and for how much.
Amounts take their currency: "49,90 NOK", "NOK 49.90", "$12.30", "1 234,50 kr".
Dates: 2026-10-02, 02.10.2026 or RFC 3339 (2026-10-02T14:30:00+02:00).
Prints the new order's id (ORD-n) on the first line.`,
		Example: `  vault add order --marketplace aliexpress --number 8123456789012345 \
      --seller "Shenzhen Gadget Store" --item "USB-C charger 65W" \
      --total "49,90 NOK" --ordered 2026-10-02 --paid 2026-10-02 --payment "visa 4242"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "marketplace", "number"); err != nil {
				return err
			}
			var err error
			if total != "" {
				if o.Total, err = money.Parse(total); err != nil {
					return usagef("--total: %w", err)
				}
			}
			targets := []*date.Value{&o.Ordered, &o.Paid, &o.Shipped, &o.Expected, &o.Delivered}
			for i, name := range []string{"ordered", "paid", "shipped", "expected", "delivered"} {
				if *targets[i], err = a.parseDate(name, dates[i]); err != nil {
					return err
				}
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			id, err := v.db.AddOrder(cmd.Context(), o)
			if err != nil {
				return err
			}
			return a.printID(id, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Marketplace, "marketplace", "", "where it was bought: aliexpress, temu, amazon, ebay, ... (required)")
	f.StringVar(&o.Number, "number", "", "the marketplace's order number (required)")
	f.StringVar(&o.Seller, "seller", "", "the seller or shop")
	f.StringArrayVar(&o.Items, "item", nil, "an item line, e.g. \"2 x USB-C cable\" (repeatable)")
	f.StringVar(&total, "total", "", "the total paid, with currency: \"49,90 NOK\"")
	f.StringVar(&dates[0], "ordered", "", "order date")
	f.StringVar(&dates[1], "paid", "", "payment date")
	f.StringVar(&dates[2], "shipped", "", "date shipped")
	f.StringVar(&dates[3], "expected", "", "latest promised delivery date")
	f.StringVar(&dates[4], "delivered", "", "date delivered")
	f.StringVar(&o.Payment, "payment", "", "payment method, e.g. \"visa 4242\", paypal (never the full card number)")
	f.StringArrayVar(&o.Tracking, "tracking", nil, "a tracking number (repeatable)")
	f.StringVar(&o.Note, "note", "", "a free note")
	f.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

// parseDate reads an optional date flag; "" means not given.
func (a *app) parseDate(flag, s string) (date.Value, error) {
	if s == "" {
		return date.Value{}, nil
	}
	v, err := date.Parse(s, a.loc)
	if err != nil {
		return v, usagef("--%s: %w", flag, err)
	}
	return v, nil
}

func newListOrdersCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "orders [--json]",
		Short: "List recorded orders",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON { // every field: what scripts want
				orders, err := v.db.Orders(cmd.Context())
				if err != nil {
					return err
				}
				return printJSON(a.stdout, nonNil(orders))
			}
			lines, err := v.db.OrderLines(cmd.Context())
			if err != nil {
				return err
			}
			rows := make([][]string, 0, len(lines)+1)
			rows = append(rows, []string{"ID", "MARKETPLACE", "NUMBER", "ORDERED", "TOTAL", "SELLER"})
			for _, o := range lines {
				rows = append(rows, []string{o.ID.String(), o.Marketplace, o.Number, o.Ordered.String(), o.Total.String(), short(o.Seller, 30)})
			}
			return table(a.stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON, with every field")
	return cmd
}

func newShowOrderCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "order ID|ORDERNO",
		Short: "Show an order with its evidence and cases",
		Args:  exactArgs(1, "an order id (ORD-n) or order number"),
	}
	return viewCmd(a, cmd, func(ctx context.Context, v *vault, args []string) (orderView, error) {
		return a.loadOrderView(ctx, v, args[0])
	}, a.printOrderFile)
}

func (a *app) printOrderFile(f orderView) error {
	o := f.Order
	kv := []string{"Order", o.ID.String(), "Marketplace", o.Marketplace, "Number", o.Number, "Seller", o.Seller,
		"Total", o.Total.String(), "Payment", o.Payment, "Tracking", strings.Join(o.Tracking, ", ")}
	for _, d := range o.Dates() {
		kv = append(kv, strings.ToUpper(d.Label[:1])+d.Label[1:], d.At.Format(a.loc))
	}
	kv = append(kv, "Note", o.Note)
	if err := fields(a.stdout, kv...); err != nil {
		return err
	}
	if len(o.Items) > 0 {
		fmt.Fprintln(a.stdout, "\nItems:")
		for _, it := range o.Items {
			fmt.Fprintf(a.stdout, "  - %s\n", it)
		}
	}
	if len(f.Cases) > 0 {
		fmt.Fprintln(a.stdout, "\nCases:")
		for _, c := range f.Cases {
			fmt.Fprintf(a.stdout, "  %s  %s  %s  %s\n", c.ID, c.Kind, c.Status, c.Title)
		}
	}
	a.printCharges(f)
	return a.printEvidenceList(f.Evidence)
}

// nonNil makes an empty list print as [] rather than null in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
