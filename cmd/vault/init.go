package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newInitCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create a new, empty vault",
		Long: `Create a new vault: the directory (mode 0700), its database vault.db (0600),
blobs/ for the files and tmp/ for staging. The directory is --vault DIR, else
$VAULT_DIR, else $XDG_DATA_HOME/vault (~/.local/share/vault).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := a.dir()
			if err != nil {
				return err
			}
			if _, err := a.create(cmd.Context(), dir); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "created vault at %s\n", dir)
			return nil
		},
	}
}
