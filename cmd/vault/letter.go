package main

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"vault/deadlines"
	"vault/internal/atomicfile"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/letters"
	"vault/store"
)

func newDraftCmd(a *app) *cobra.Command {
	return group("draft", "Draft a letter from a case's records", newDraftLetterCmd(a))
}

func newDraftLetterCmd(a *app) *cobra.Command {
	var caseRef, orderRef, language, out string
	cmd := &cobra.Command{
		Use:   "letter " + strings.Join(letters.Kinds, "|") + " --case ID|--order ID [--lang en|nb] [--out FILE]",
		Short: "Draft a ready-to-send letter: to the seller, the marketplace, the bank",
		Long: `Draft a letter filled from the records: the order numbers, dates and amounts,
what was tried, what is asked and by when, and the law that applies (by the
currency paid: NOK for Norwegian law, EUR for EU law). Letters:

  seller         try the seller first, with a 14-day deadline (needs only --order)
  dispute        to the marketplace's dispute centre
  chargeback     to the card issuer
  reinstatement  to the marketplace, listing your disputes and their outcomes
  withdrawal     using the 14-day right of withdrawal (angrerett)
  reklamasjon    a complaint about defects

The name under the letter comes from 'vault config set name'. The dossier
uses the same letter as its statement page when no statement was written.`,
		Example: `  vault draft letter seller --order 8123456789012345 --lang nb
  vault draft letter reinstatement --case CASE-2 --out letter.txt`,
		Args: exactArgs(1, "the letter: "+strings.Join(letters.Kinds, ", ")),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := args[0]
			if err := oneOf("letter", kind, letters.Kinds); err != nil {
				return err
			}
			l, err := lang.Parse(language)
			if err != nil {
				return usagef("--lang: %w", err)
			}
			if (caseRef == "") == (orderRef == "") {
				return usagef("give --case or --order")
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			f, err := a.letterFile(cmd.Context(), v, caseRef, orderRef)
			if err != nil {
				return err
			}
			facts, err := a.letterFacts(cmd.Context(), v, f, kind == "reinstatement")
			if err != nil {
				return err
			}
			text, err := letters.Write(kind, l, facts)
			if err != nil {
				return err
			}
			if out == "" {
				_, err = io.WriteString(a.stdout, text)
				return err
			}
			return atomicfile.Write(out, func(w io.Writer) error { _, err := io.WriteString(w, text); return err })
		},
	}
	f := cmd.Flags()
	f.StringVar(&caseRef, "case", "", "the case the letter is about")
	f.StringVar(&orderRef, "order", "", "the order the letter is about (when there is no case yet)")
	f.StringVar(&language, "lang", "en", "language: en or nb (Norwegian bokmål)")
	f.StringVar(&out, "out", "", "write the letter to FILE instead of stdout")
	return cmd
}

// letterFile is the case, or an order with its evidence as if it were one.
func (a *app) letterFile(ctx context.Context, v *vault, caseRef, orderRef string) (store.CaseFile, error) {
	if caseRef != "" {
		return caseFile(ctx, v, caseRef)
	}
	id, err := v.db.ResolveOrder(ctx, orderRef)
	if err != nil {
		return store.CaseFile{}, err
	}
	o, err := v.db.OrderFile(ctx, id)
	if err != nil {
		return store.CaseFile{}, err
	}
	return store.CaseFile{Case: store.Case{Kind: "dispute", Amount: o.Order.Total}, Orders: []store.Order{o.Order},
		Evidence: o.Evidence}, nil
}

// letterFacts gathers what a letter needs beyond the case: the claimant's
// name, today, and when asked (a reinstatement lists them) the buyer's
// disputes at the case's marketplaces, which takes reading every order.
func (a *app) letterFacts(ctx context.Context, v *vault, f store.CaseFile, disputes bool) (letters.Facts, error) {
	conf, err := v.db.Config(ctx)
	if err != nil {
		return letters.Facts{}, err
	}
	facts := letters.Facts{Claimant: conf["name"], Loc: a.loc, File: f, Today: deadlines.Day(date.Instant(a.now()), a.loc)}
	if disputes {
		t, err := v.db.Tracking(ctx)
		if err != nil {
			return letters.Facts{}, err
		}
		facts.Disputes = disputesAt(t, f.Orders)
	}
	return facts, nil
}

// disputesAt lists the disputes and chargebacks involving the marketplaces of orders.
func disputesAt(t store.Tracking, orders []store.Order) []store.Dispute {
	var markets []string
	for _, o := range orders {
		markets = append(markets, o.Marketplace)
	}
	byID := map[store.OrderID]store.Order{}
	for _, o := range t.Orders {
		byID[o.ID] = o
	}
	var out []store.Dispute
	for _, c := range t.Cases {
		if c.Kind != "dispute" && c.Kind != "chargeback" {
			continue
		}
		var numbers []string
		market := ""
		for _, id := range c.Orders {
			if o := byID[id]; slices.Contains(markets, o.Marketplace) {
				numbers, market = append(numbers, o.Number), o.Marketplace
			}
		}
		if len(numbers) > 0 {
			out = append(out, store.Dispute{Case: c.ID, Kind: c.Kind, Marketplace: market, Orders: strings.Join(numbers, ", "),
				Opened: c.Opened, Status: c.Status})
		}
	}
	return out
}
