package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"vault/casework"
	"vault/deadlines"
)

func newRulesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules [ID] [--json]",
		Short: "List the rules behind the deadlines, with their sources",
		Long: `List the rules the deadlines come from: marketplace dispute windows, card
scheme chargeback limits, consumer law, import charges. Each says where it
comes from and when that source was last checked. Rules set in this vault
('vault rules set') are marked as such. With an ID, show that rule in full.`,
		Example: `  vault rules
  vault rules visa.chargeback
  vault rules set aliexpress.dispute.open --days 20`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("%s takes at most one rule id", cmd.CommandPath())
			}
			return nil
		},
	}
	cmd = viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) ([]deadlines.Rule, error) {
		if len(args) == 0 {
			return svc.Rules(ctx)
		}
		r, err := svc.Rule(ctx, args[0])
		return []deadlines.Rule{r}, err
	}, func(rules []deadlines.Rule) error {
		if len(rules) == 1 {
			return a.printRule(rules[0])
		}
		rows := [][]string{{"ID", "KIND", "WINDOW", "SOURCE", "VERIFIED", "ORIGIN"}}
		for _, r := range rules {
			rows = append(rows, []string{r.ID, string(r.Kind), short(r.Window, 50), short(r.Source, 40), r.Verified, r.Origin})
		}
		return table(a.stdout, rows)
	})
	cmd.AddCommand(newRulesSetCmd(a, nil), newRulesResetCmd(a))
	return cmd
}

func (a *app) printRule(r deadlines.Rule) error {
	quote := r.Quote
	if quote == "" && r.URL != "" {
		quote = "(the source's words are not on file: read them at the address)"
	}
	err := fields(a.stdout, "Rule", r.ID, "Scope", r.Scope, "Kind", string(r.Kind), "Says", r.Says, "Window", r.Window,
		"Source", r.Source, "Quote", quote, "Address", r.URL, "Verified", r.Verified, "Origin", r.Origin,
		"Import charges from", r.Above)
	for _, w := range r.Windows {
		fmt.Fprintf(a.stdout, "  window %q: %s\n", w.Name, deadlines.Describe(w))
		if w.Uncertain != "" {
			fmt.Fprintf(a.stdout, "    uncertain: %s\n", w.Uncertain)
		}
		if w.After != "" {
			fmt.Fprintf(a.stdout, "    when it is over: %s\n", w.After)
		}
	}
	return err
}

// rulesSetOptions are the flags of 'vault rules set'.
type rulesSetOptions struct {
	id, window, file string
	days             int
}

func newRulesSetCmd(a *app, runF func(*rulesSetOptions) error) *cobra.Command {
	o := &rulesSetOptions{}
	cmd := &cobra.Command{
		Use:   "set ID --days N [--window NAME] | set --file RULES.json",
		Short: "Override a rule in this vault, or add rules of your own",
		Long: `Override a rule for this vault. --days N makes the rule's window (its first,
or --window NAME) close N days after the dates it starts from: use it when a
marketplace changes its policy before vault does. --file reads a JSON array of
whole rules in the format 'vault rules --json' prints: a rule with a known id
replaces it, a new id adds a rule. Changes are recorded in the audit log;
'vault rules reset ID' goes back to the built-in rule.`,
		Example: `  vault rules set aliexpress.dispute.open --days 20
  vault rules set ebay.mbg --window request --days 45
  vault rules set --file my-rules.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			byFile := cmd.Flags().Changed("file")
			if byFile == (len(args) == 1) || len(args) > 1 {
				return usagef("give a rule id with --days, or --file")
			}
			if !byFile {
				if !cmd.Flags().Changed("days") {
					return usagef("missing --days")
				}
				o.id = args[0]
			}
			return do(cmd.Context(), o, runF, a.runRulesSet)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.days, "days", 0, "days after its start dates that the window closes")
	f.StringVar(&o.window, "window", "", "the window to change (default the rule's first)")
	f.StringVar(&o.file, "file", "", "a JSON array of rules to set")
	return cmd
}

func (a *app) runRulesSet(ctx context.Context, o *rulesSetOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	var set []deadlines.Rule
	if o.file != "" {
		set, err = casework.ReadRules(o.file)
	} else {
		var r deadlines.Rule
		r, err = svc.OverrideDays(ctx, o.id, o.window, o.days)
		set = []deadlines.Rule{r}
	}
	if err != nil {
		return err
	}
	if err := svc.SaveRules(ctx, set); err != nil {
		return err
	}
	for _, r := range set {
		fmt.Fprintf(a.stdout, "set %s: %s\n", r.ID, r.Window)
	}
	return nil
}

func newRulesResetCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "reset ID",
		Short: "Go back to the built-in rule (or remove a rule you added)",
		Args:  exactArgs(1, "a rule id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			r, err := svc.ResetRule(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "reset %s\n", r.ID)
			return nil
		},
	}
}
