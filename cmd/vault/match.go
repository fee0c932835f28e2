package main

import (
	"context"
	"fmt"

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
and decision is in the audit log; a rejected pair is never suggested again.`,
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

func (a *app) printMatches(res casework.MatchResult) error {
	rows := [][]string{{"LINE", "ORDER", "STATE", "WHY"}}
	add := func(ms []store.Match, what string) {
		for _, m := range ms {
			rows = append(rows, []string{m.Transaction.String(), m.Order.String(), what, m.Why})
		}
	}
	add(res.Linked, "linked")
	add(res.Suggested, "suggested")
	if len(rows) == 1 {
		fmt.Fprintln(a.stderr, "vault: nothing new to match")
		return nil
	}
	fmt.Fprintf(a.stderr, "vault: %d linked, %d suggested ('vault match confirm|reject TX-n ORD-n')\n", len(res.Linked), len(res.Suggested))
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
