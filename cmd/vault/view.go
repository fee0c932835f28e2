package main

import (
	"context"

	"github.com/spf13/cobra"

	"vault/casework"
)

// viewCmd completes a read-only command whose only flag is --json: it
// opens the vault, loads a value and prints it as text, or as indented JSON.
func viewCmd[T any](a *app, cmd *cobra.Command, load func(context.Context, *casework.Service, []string) (T, error), text func(T) error) *cobra.Command {
	var asJSON bool
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		svc, err := a.open(cmd.Context())
		if err != nil {
			return err
		}
		x, err := load(cmd.Context(), svc, args)
		if err != nil {
			return err
		}
		if asJSON {
			return printJSON(a.stdout, x)
		}
		return text(x)
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
