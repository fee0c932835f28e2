package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"vault/casework"
)

func newAdviceCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "advice CASE [--json]",
		Short: "Say where to turn with a case, and what to watch, for you (not for the receiver)",
		Long: `Say where you can turn with a case and what to watch: the receiver for its
kind (the marketplace, the card issuer, the seller), its last days, the card
window that keeps running during a marketplace dispute, the complaint boards
of your country (Forbrukertilsynet, Forbrukerklageutvalget, Finansklagenemnda
in Norway) and Forbruker Europa when the seller is in the EU/EEA. Each step
names its source. This is advice for you; the dossier does not carry it.`,
		Example: `  vault advice CASE-1`,
		Args:    exactArgs(1, "a case id (CASE-n)"),
	}
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) ([]casework.Step, error) {
		steps, err := svc.Advice(ctx, args[0])
		return nonNil(steps), err
	}, func(steps []casework.Step) error {
		for i, s := range steps {
			fmt.Fprintf(a.stdout, "%d. %s: %s%s\n", i+1, s.To, s.What, hint(s.Fix))
			if s.Source != "" {
				fmt.Fprintf(a.stdout, "   (%s)\n", s.Source)
			}
		}
		fmt.Fprintln(a.stdout, "\nRules change: check the receiver's current terms ('vault rules' shows when each was verified).")
		return nil
	})
}
