package main

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
)

func newConfigCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config [--json]",
		Short: "Show or change the vault's settings (your name for the dossiers)",
		Long: `Show the vault's settings. 'vault config set KEY VALUE' changes one.
Settings: ` + settingsHelp() + `.`,
		Example: `  vault config set name "Kari Nordmann"
  vault config set email kari@example.no kari@work.example
  vault config`,
		Args: noArgs,
	}
	cmd = viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, _ []string) (map[string]string, error) {
		return svc.DB.Config(ctx)
	}, func(c map[string]string) error {
		var kv []string
		for _, k := range slices.Sorted(maps.Keys(c)) {
			kv = append(kv, k, c[k])
		}
		if len(kv) == 0 {
			fmt.Fprintln(a.stdout, "No settings. 'vault config set name \"Your Name\"' sets the name on your dossiers.")
			return nil
		}
		return fields(a.stdout, kv...)
	})
	cmd.AddCommand(a.configListCmd(),
		a.configWriteCmd("set KEY VALUE...", "Change a setting (the words after KEY are its value)", 2, "a setting and its value"),
		a.configWriteCmd("unset KEY", "Clear a setting", 1, "a setting"))
	return cmd
}

// configListCmd is 'config list': every setting the vault knows, its value
// or that it is not set, and what it does.
func (a *app) configListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List every setting: its value (or not set) and what it does",
		Args:  noArgs,
	}
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, _ []string) (map[string]string, error) {
		return svc.DB.Config(ctx)
	}, func(c map[string]string) error {
		rows := [][]string{{"KEY", "VALUE", "WHAT IT DOES"}}
		for _, st := range vault.Settings {
			rows = append(rows, []string{string(st.Key), cmp.Or(c[string(st.Key)], "(not set)"), st.About})
		}
		return table(a.stdout, rows)
	})
}

// configWriteCmd is 'config set KEY VALUE...' (n = 2: the words after the
// key are its value, so several addresses or a name need no quotes) or
// 'config unset KEY' (n = 1): a setting changed, or cleared, as an edit in
// the audit log.
func (a *app) configWriteCmd(use, short string, n int, what string) *cobra.Command {
	args := exactArgs(n, what)
	if n == 2 {
		args = minArgs(n, what)
	}
	return &cobra.Command{
		Use: use, Short: short, Args: args,
		RunE: func(cmd *cobra.Command, args []string) error {
			key, err := vault.ParseSettingKey(args[0])
			if err != nil {
				return usagef("unknown setting %q; settings: %s", args[0], settingsHelp())
			}
			svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			value := ""
			if n == 2 {
				if value, err = key.Value(strings.TrimSpace(strings.Join(args[1:], " "))); err != nil {
					return usageError{err}
				}
			}
			if err := svc.DB.SetConfig(cmd.Context(), key, value); err != nil {
				return err
			}
			if value == "" {
				fmt.Fprintf(a.stdout, "%s is not set\n", key)
			} else {
				fmt.Fprintf(a.stdout, "%s = %s\n", key, value)
			}
			return nil
		},
	}
}

func settingsHelp() string {
	var s []string
	for _, st := range vault.Settings {
		s = append(s, string(st.Key)+" ("+st.About+")")
	}
	return strings.Join(s, ", ")
}
