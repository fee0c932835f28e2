package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/store"
)

func newMatchCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "match",
		Short: "Match statement lines to the orders they pay or refund",
		Long: `Look for the order of every statement line that has none yet: the same
amount in the order's currency (the line's own, or the original amount the
bank converted; or within 3 % of a kroner total when the bank converted from
another currency), booked from 2 days before the order (or its payment) to 10
days after it or around its shipping (cards charged at shipment), the card's
last digits when both name them, and the marketplace in the statement's text
(ALIEXPRESS, TEMU, AMZN, PAYPAL *EBAY ...). A refund is a credit of an order's
amount after the order. A line and an order that are each other's only
candidate, with the marketplace in the text, are linked; the rest are
suggestions, decided with 'vault match confirm|reject TX-n ORD-n'. Every link
and decision is in the audit log; a rejected pair is never suggested again.

'vault import statement' matches its new lines the same way. A link the
matcher made is its guess: a credit it linked counts as a refund only once
you confirm it, so 'vault match' lists such credits until you confirm or
reject them.`,
		Example: `  vault match
  vault match confirm TX-6 ORD-5
  vault match reject TX-6 ORD-6`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			res, err := svc.MatchTransactions(cmd.Context())
			if err != nil {
				return err
			}
			return a.printMatches(res)
		},
	}
	cmd.AddCommand(newDecideCmd(a, "confirm", true), newDecideCmd(a, "reject", false))
	return cmd
}

// printMatches lists what the run linked, the credits linked before and
// not yet confirmed, and the suggestions: everything the buyer may decide.
func (a *app) printMatches(res casework.MatchResult) error {
	type pair = [2]int64
	confirm := map[pair]bool{}
	for _, m := range res.ToConfirm {
		confirm[pair{int64(m.Transaction), int64(m.Order)}] = true
	}
	linked := slices.Clone(res.Linked)
	for _, m := range res.ToConfirm {
		if !slices.ContainsFunc(linked, func(l store.Match) bool { return l.Transaction == m.Transaction && l.Order == m.Order }) {
			linked = append(linked, m)
		}
	}
	slices.SortStableFunc(linked, func(x, y store.Match) int { return cmp.Compare(x.Transaction, y.Transaction) })
	rows := [][]string{{"LINE", "ORDER", "STATE", "WHY"}}
	for _, m := range linked {
		why := m.Why
		if confirm[pair{int64(m.Transaction), int64(m.Order)}] {
			why += "; a credit: counts as a refund once confirmed"
		}
		rows = append(rows, []string{m.Transaction.String(), m.Order.String(), "linked", why})
	}
	for _, m := range res.Suggested {
		rows = append(rows, []string{m.Transaction.String(), m.Order.String(), "suggested", m.Why})
	}
	if len(rows) == 1 {
		fmt.Fprintln(a.stderr, "vault: nothing new to match")
		return nil
	}
	credits := ""
	switch n := len(res.ToConfirm); n {
	case 0:
	case 1:
		credits = ", 1 credit to confirm"
	default:
		credits = fmt.Sprintf(", %d credits to confirm", n)
	}
	fmt.Fprintf(a.stderr, "vault: %d linked, %d suggested%s ('vault match confirm|reject TX-n ORD-n')\n", len(res.Linked), len(res.Suggested), credits)
	return table(a.stdout, rows)
}

func newDecideCmd(a *app, verb string, confirm bool) *cobra.Command {
	short := "Link a statement line to an order"
	if !confirm {
		short = "Say a statement line is not an order's: it is never suggested for it again"
	}
	return &cobra.Command{
		Use:   verb + " TX-n ORDER",
		Short: short,
		Args:  exactArgs(2, "a statement line (TX-n) and an order (ORD-n or its number)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			tx, err := vault.ParseTransactionID(args[0])
			if err != nil {
				return usagef("%q: not a statement line (TX-n)", args[0])
			}
			return a.decide(cmd.Context(), tx, args[1], confirm)
		},
	}
}

func (a *app) decide(ctx context.Context, tx vault.TransactionID, order string, confirm bool) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	return svc.Decide(ctx, tx, order, confirm)
}
