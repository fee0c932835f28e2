package main

import (
	"context"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
)

// addAccountOptions are the flags of 'vault add account'.
type addAccountOptions struct {
	marketplace, blocked, appealBy string
	account                        vault.Account
	asJSON, force                  bool
}

func newAddAccountCmd(a *app, runF func(*addAccountOptions) error) *cobra.Command {
	o := &addAccountOptions{}
	cmd := &cobra.Command{
		Use:   "account --marketplace NAME --login LOGIN [--blocked DATE] [--reason TEXT] [--appeal-by DATE]",
		Short: "Record a marketplace account, for a reinstatement case",
		Long: `Record your account at a marketplace: the login it knows you by (e-mail
address or user id), when it was blocked, the reason given, and the last day
to appeal. A reinstatement case names it ('vault add case --account ACC-n');
its letter and dossier cite it. Prints the account's id (ACC-n).`,
		Example: `  vault add account --marketplace aliexpress --login kari@example.no --blocked 2026-11-01 \
      --reason "abnormal dispute activity" --appeal-by 2026-12-01`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "marketplace", "login"); err != nil {
				return err
			}
			var err error
			if o.account.Marketplace, _, err = a.marketplace(o.marketplace, o.force); err != nil {
				return err
			}
			if o.account.Blocked, err = a.parseDate("blocked", o.blocked); err != nil {
				return err
			}
			if o.account.AppealBy, err = a.parseDate("appeal-by", o.appealBy); err != nil {
				return err
			}
			if err := o.account.Check(a.now().In(a.loc), o.force); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runAddAccount)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.marketplace, "marketplace", "", "the marketplace (required)")
	f.StringVar(&o.account.Login, "login", "", "the e-mail address or user id the marketplace knows (required)")
	f.StringVar(&o.blocked, "blocked", "", "when it was blocked "+dateExample)
	f.StringVar(&o.account.Reason, "reason", "", "the reason the marketplace gave")
	f.StringVar(&o.appealBy, "appeal-by", "", "the last day to appeal "+dateExample)
	f.StringVar(&o.account.Note, "note", "", "a note")
	f.BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	f.BoolVar(&o.force, "force", false, "accept a marketplace name that looks like a typo, or dates that look wrong")
	return cmd
}

func (a *app) runAddAccount(ctx context.Context, o *addAccountOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	id, err := svc.DB.AddAccount(ctx, o.account)
	if err != nil {
		return err
	}
	return a.printID(id, o.asJSON)
}

func newListAccountsCmd(a *app) *cobra.Command {
	var all bool
	cmd := &cobra.Command{Use: "accounts [--all] [--json]", Short: "List marketplace accounts", Args: noArgs}
	cmd = viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, _ []string) ([]vault.Account, error) {
		list, err := svc.DB.Accounts(ctx, all)
		return nonNil(list), err
	}, func(list []vault.Account) error {
		rows := [][]string{{"ID", "MARKETPLACE", "LOGIN", "BLOCKED", "APPEAL BY", "REASON"}}
		for _, x := range list {
			rows = append(rows, []string{retracted(x.ID.String(), x.Retracted), x.Marketplace.Name(), x.Login,
				x.Blocked.Format(a.loc), x.AppealBy.Format(a.loc), short(x.Reason, 40)})
		}
		return table(a.stdout, rows)
	})
	cmd.Flags().BoolVar(&all, "all", false, "also the accounts retracted")
	return cmd
}
