package main

import (
	"context"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/export"
	"vault/letters"
	"vault/store"
)

// completion wires shell completion ('vault completion bash|zsh|fish'):
// record ids (with what each is) for the arguments and flags that take
// them, and the vocabularies for the flags that take a word.
func completion(a *app, root *cobra.Command) {
	records := map[string]func(context.Context, *casework.Service) []string{
		"order": completeOrders, "case": completeCases, "evidence": completeEvidence, "account": completeAccounts,
	}
	words := map[string][]string{
		"marketplace": vault.Words(vault.KnownMarketplaces()), "from": vault.Words(vault.Parties),
		"outcome": vault.Words(vault.Outcomes), "lang": {"en", "nb"}, "profile": profileList(),
	}
	kinds := map[string][]string{ // --kind, by the command
		"vault add case": vault.Words(vault.CaseKinds), "vault add charge": vault.Words(vault.ChargeKinds),
	}
	args := map[string][]string{ // positional arguments, by the command
		"vault show order": {"order"}, "vault set order": {"order"}, "vault show case": {"case"}, "vault set case": {"case"},
		"vault export case": {"case"}, "vault log case": {"case"}, "vault case status": {"case"}, "vault case event": {"case"},
		"vault case link": {"case"}, "vault case statement": {"case"}, "vault set evidence": {"evidence"},
		"vault set account": {"account"}, "vault unlink": {"evidence", "order"}, "vault retract": {"order", "evidence", "case", "account"},
		"vault log": {"order", "case", "evidence", "account"}, "vault advice": {"case"},
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		path := c.CommandPath()
		if kinds := args[path]; kinds != nil {
			c.ValidArgsFunction = func(cmd *cobra.Command, given []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(given) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				svc, err := a.open(cmd.Context())
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				var out []string
				for _, k := range kinds {
					out = append(out, records[k](cmd.Context(), svc)...)
				}
				return out, cobra.ShellCompDirectiveNoFileComp
			}
		}
		switch path {
		case "vault draft letter":
			c.ValidArgs = vault.Words(letters.Kinds)
		case "vault case status":
			c.ValidArgsFunction = func(_ *cobra.Command, given []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(given) == 1 {
					return vault.Words(vault.CaseStatuses), cobra.ShellCompDirectiveNoFileComp
				}
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
		}
		for name, complete := range records {
			if c.Flags().Lookup(name) != nil {
				c.RegisterFlagCompletionFunc(name, func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
					svc, err := a.open(cmd.Context())
					if err != nil {
						return nil, cobra.ShellCompDirectiveError
					}
					return complete(cmd.Context(), svc), cobra.ShellCompDirectiveNoFileComp
				})
			}
		}
		for name, list := range words {
			if c.Flags().Lookup(name) != nil {
				c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(list, cobra.ShellCompDirectiveNoFileComp))
			}
		}
		if c.Flags().Lookup("kind") != nil {
			list := kinds[path]
			if list == nil {
				list = vault.Words(vault.EvidenceKinds)
			}
			c.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(list, cobra.ShellCompDirectiveNoFileComp))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// describe is a completion with its description, as cobra writes it.
func describe(id, what string) string { return id + "\t" + short(what, 60) }

func completeOrders(ctx context.Context, svc *casework.Service) []string {
	lines, _ := svc.DB.OrderLines(ctx, false)
	out := make([]string, len(lines))
	for i, o := range lines {
		out[i] = describe(o.ID.String(), o.Marketplace.Name()+" "+o.Number+" "+o.Seller)
	}
	return out
}

func completeCases(ctx context.Context, svc *casework.Service) []string {
	cases, _ := svc.DB.Cases(ctx, false)
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = describe(c.ID.String(), string(c.Kind)+", "+string(c.Status)+": "+c.Title)
	}
	return out
}

func completeEvidence(ctx context.Context, svc *casework.Service) []string {
	list, _ := svc.DB.ListEvidence(ctx, store.EvidenceFilter{})
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = describe(e.ID.String(), string(e.Kind)+": "+e.Title)
	}
	return out
}

func completeAccounts(ctx context.Context, svc *casework.Service) []string {
	list, _ := svc.DB.Accounts(ctx, false)
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = describe(x.ID.String(), x.Marketplace.Name()+" "+x.Login)
	}
	return out
}

func profileList() []string {
	var names []string
	for _, p := range export.Profiles {
		names = append(names, p.Name)
	}
	return names
}
