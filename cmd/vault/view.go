package main

import (
	"context"

	"github.com/spf13/cobra"

	"vault/store"
)

// viewCmd completes a read-only command: it opens the vault, loads a value and
// prints it as text, or as indented JSON with --json.
func viewCmd[T any](a *app, cmd *cobra.Command, load func(context.Context, *vault, []string) (T, error), text func(T) error) *cobra.Command {
	var asJSON bool
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		v, err := a.open(cmd.Context())
		if err != nil {
			return err
		}
		x, err := load(cmd.Context(), v, args)
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

// caseFile loads the case named by ref with everything linked to it.
func caseFile(ctx context.Context, v *vault, ref string) (store.CaseFile, error) {
	id, err := v.db.ResolveCase(ctx, ref)
	if err != nil {
		return store.CaseFile{}, err
	}
	return v.db.CaseFile(ctx, id)
}
