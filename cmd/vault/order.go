package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// addOrderOptions are the flags of 'vault add order' and the order they make.
type addOrderOptions struct {
	order         vault.Order
	total         string
	dates         map[string]*string // the dates of the order's life as typed, by field
	asJSON, force bool
}

func newAddOrderCmd(a *app, runF func(*addOrderOptions) error) *cobra.Command {
	o := &addOrderOptions{}
	cmd := &cobra.Command{
		Use:   "order --marketplace NAME --number ORDERNO [flags]",
		Short: "Record an order",
		Long: `Record an order: where it was bought, its number, what and for how much.
Amounts take their currency: "49,90 NOK", "NOK 49.90", "$12.30", "1 234,50 kr".
Dates: 2026-10-02, 02.10.2026, 2.10.26, with a time or not ("02.10.2026 kl. 14:30",
"2026-10-02 14:30"), or RFC 3339 (2026-10-02T14:30:00+02:00).

The marketplace is known by its name and the names people give it (AliExpress,
Ali, Temu, Amazon and its country sites like amazon.de, eBay, Shein, Wish,
Etsy, Zalando, Komplett, Elkjøp, Finn.no, CDON). Another name is recorded as
typed, with a suggestion on stderr; a name one letter away from a known one is
refused as a typo unless --force. Dates that cannot be right (delivered
before ordered, shipped before paid, a date in the future) are refused with
the reason unless --force. Prints the new order's id (ORD-n) on the first line.`,
		Example: `  vault add order --marketplace aliexpress --number 8123456789012345 \
      --seller "Shenzhen Gadget Store" --item "USB-C charger 65W" \
      --total "49,90 NOK" --ordered 2026-10-02 --paid 2026-10-02 --payment "visa 4242"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "marketplace", "number"); err != nil {
				return err
			}
			if err := o.parse(a); err != nil {
				return err
			}
			if err := o.order.Check(a.now().In(a.loc), o.force); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runAddOrder)
		},
	}
	f := cmd.Flags()
	f.StringVar((*string)(&o.order.Marketplace), "marketplace", "", "where it was bought: aliexpress, temu, amazon.de, ebay, ... (required)")
	f.StringVar(&o.order.Number, "number", "", "the marketplace's order number (required)")
	f.StringVar(&o.order.Seller, "seller", "", "the seller or shop")
	f.StringArrayVar(&o.order.Items, "item", nil, "an item line, e.g. \"2 x USB-C cable\" (repeatable)")
	f.StringVar(&o.total, "total", "", "the total paid, with currency: \"49,90 NOK\"")
	for _, d := range lifeDates() {
		f.StringVar(o.date(d.Key), d.Flag, "", helpOf(d))
	}
	f.StringVar(&o.order.Payment, "payment", "", "payment method, e.g. \"visa 4242\", paypal (never the full card number)")
	f.StringArrayVar(&o.order.Tracking, "tracking", nil, "a tracking number (repeatable)")
	f.StringVar(&o.order.Note, "note", "", "a free note")
	f.BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	f.BoolVar(&o.force, "force", false, "record a marketplace name that looks like a typo, or dates that look wrong")
	return cmd
}

// parse reads the marketplace, the amount and the dates into the order.
func (o *addOrderOptions) parse(a *app) error {
	var err error
	if o.order.Marketplace, o.order.Site, err = a.marketplace(string(o.order.Marketplace), o.force); err != nil {
		return err
	}
	if o.total != "" {
		if o.order.Total, err = money.Parse(o.total); err != nil {
			return usagef("--total: %w", err)
		}
	}
	var changes []vault.Change
	for _, d := range lifeDates() {
		v, err := a.parseDate(d.Flag, *o.date(d.Key))
		if err != nil {
			return err
		}
		changes = append(changes, vault.Change{Field: d.Key, Op: vault.Set, Value: v.String()})
	}
	o.order, err = o.order.Apply(changes)
	return err
}

// lifeDates are the date fields of an order's life, which 'add order' takes
// as flags: ordered, paid, shipped, expected, delivered.
func lifeDates() []vault.Field {
	var out []vault.Field
	for _, f := range vault.Fields(vault.RecordOrder) {
		if f.Type == vault.DateField && !f.Later {
			out = append(out, f)
		}
	}
	return out
}

// date is where the flag of a date field keeps its value as typed.
func (o *addOrderOptions) date(key string) *string {
	if o.dates == nil {
		o.dates = map[string]*string{}
	}
	if o.dates[key] == nil {
		o.dates[key] = new(string)
	}
	return o.dates[key]
}

func (a *app) runAddOrder(ctx context.Context, o *addOrderOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	id, err := svc.DB.AddOrder(ctx, o.order)
	if err != nil {
		return err
	}
	return a.printID(id, o.asJSON)
}

// dateExample shows in every date flag's help how dates and times are written.
const dateExample = "(2026-10-02, 02.10.2026, 1. august 2026, 02.10.2026 kl. 14:30)"

// marketplace reads a marketplace as people type it (see
// vault.LookupMarketplace). An unknown name one edit from a known one is a
// typo unless force; other unknown names are kept, with a suggestion.
func (a *app) marketplace(typed string, force bool) (vault.Marketplace, string, error) {
	m, site, known := vault.LookupMarketplace(typed)
	if known || m == "" {
		return m, site, nil
	}
	near, edits := vault.SuggestMarketplace(typed)
	switch {
	case edits == 1 && !force:
		return m, "", usagef("unknown marketplace %q: did you mean %s? (--force records %q as a marketplace of its own)", typed, near, m)
	case edits <= max(2, len([]rune(string(m)))/3):
		fmt.Fprintf(a.stderr, "vault: %q is not a marketplace vault knows (did you mean %s?); recorded as %q\n", typed, near, m)
	}
	return m, "", nil
}

// pastDate reads an optional date flag of something that happened: a day
// after today (in the user's zone) needs force.
func (a *app) pastDate(flag, s string, force bool) (date.Value, error) {
	v, err := a.parseDate(flag, s)
	if err != nil {
		return v, err
	}
	return v, vault.CheckPast("--"+flag, v, a.now().In(a.loc), force)
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
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "orders [--json]",
		Short: "List recorded orders",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON { // every field: what scripts want
				orders, err := svc.Orders(cmd.Context(), all)
				if err != nil {
					return err
				}
				return printJSON(a.stdout, nonNil(orders))
			}
			lines, err := svc.OrderLines(cmd.Context(), all)
			if err != nil {
				return err
			}
			rows := make([][]string, 0, len(lines)+1)
			rows = append(rows, []string{"ID", "MARKETPLACE", "NUMBER", "ORDERED", "TOTAL", "STATUS", "SELLER"})
			for _, o := range lines {
				rows = append(rows, []string{retracted(o.ID.String(), o.Retracted), o.Marketplace.Name(), o.Number,
					o.Ordered.Format(a.loc), o.Total.String(), string(o.Status), short(o.Seller, 30)})
			}
			return table(a.stdout, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON, with every field")
	cmd.Flags().BoolVar(&all, "all", false, "also the orders retracted ('vault retract')")
	return cmd
}

func newShowOrderCmd(a *app) *cobra.Command {
	var l lang.Lang
	cmd := &cobra.Command{
		Use:   "order ID|ORDERNO",
		Short: "Show an order with its evidence and cases",
		Args:  exactArgs(1, "an order id (ORD-n) or order number"),
	}
	addLang(cmd.Flags(), &l, "language of the labels, dates and amounts")
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) (casework.OrderView, error) {
		v, err := svc.OrderView(ctx, args[0])
		if err == nil {
			v.Evidence, err = svc.Place(ctx, v.Evidence)
		}
		for i := range v.Notes {
			v.Notes[i] += " Record what you pay with 'vault add charge'."
		}
		v.Evidence, v.Cases, v.Charges = nonNil(v.Evidence), nonNil(v.Cases), nonNil(v.Charges)
		return v, err
	}, func(v casework.OrderView) error { return a.printOrderView(v, say(l)) })
}

func (a *app) printOrderView(v casework.OrderView, s say) error {
	o, l := v.Order, lang.Lang(s)
	kv := []string{"Order", s.retracted(o.ID.String(), o.Retracted), "Status", o.Status.Word(l), "Marketplace", o.Marketplace.Name(),
		"Site", o.Site, "Number", o.Number, "Seller", o.Seller, "Total", l.Money(o.Total), "Refunded", l.Money(o.Refunded),
		"Payment", o.Payment, "Tracking", strings.Join(o.Tracking, ", ")}
	for _, d := range o.Dates() {
		kv = append(kv, lang.Upper(d.Label), l.Date(d.At, a.loc))
	}
	kv = append(kv, "Refunded at", l.Date(o.RefundedAt, a.loc), "Protection ends", l.Date(o.ProtectionEnds, a.loc),
		"Retracted", o.Retracted, "Note", o.Note)
	if err := s.fields(a.stdout, kv...); err != nil {
		return err
	}
	if len(o.Items) > 0 {
		fmt.Fprintf(a.stdout, "\n%s:\n", s.t("Items"))
		for _, it := range o.Items {
			fmt.Fprintf(a.stdout, "  - %s\n", it)
		}
	}
	if len(v.Cases) > 0 {
		fmt.Fprintf(a.stdout, "\n%s:\n", s.t("Cases"))
		for _, c := range v.Cases {
			fmt.Fprintf(a.stdout, "  %s  %s  %s  %s\n", c.ID, c.Kind.Word(l), c.Status.Word(l), c.Title)
		}
	}
	a.printCharges(v, s)
	return a.printEvidenceList(v.Evidence, s)
}

// nonNil makes an empty list print as [] rather than null in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
