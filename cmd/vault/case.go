package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"vault"
	"vault/casework"
	"vault/internal/lang"
	"vault/internal/money"
)

// addCaseOptions are the flags of 'vault add case' and the case they make.
type addCaseOptions struct {
	kind, amount, opened, account, problem, discovered string
	orderRefs                                          []string
	c                                                  vault.Case
	asJSON, force                                      bool
}

func newAddCaseCmd(a *app, runF func(*addCaseOptions) error) *cobra.Command {
	o := &addCaseOptions{}
	cmd := &cobra.Command{
		Use:   "case --kind KIND --order ID [--order ID]... [flags]",
		Short: "Open a case: a dispute, chargeback, reinstatement, withdrawal or warranty claim",
		Long: `Open a case that gathers orders and their evidence towards one claim.
Kinds: ` + strings.Join(vault.Words(vault.CaseKinds), ", ") + `.
Without --amount, the amount claimed is the sum of the orders' totals when they
share one currency. Prints the new case id (CASE-n) on the first line.

Before a dispute, vault counts your disputes at that marketplace: above about
3 in 30 days or disputes about 30 % of the orders of 90 days ('vault rules aliexpress.abuse',
a heuristic) it warns that the account may be blocked for dispute abuse, and
on a terminal asks before going on (--force skips the question).`,
		Example: `  vault add case --kind chargeback --order ORD-1 --receiver "DNB kortreklamasjon" --amount "49,90 NOK"
  vault add case --kind reinstatement --order ORD-1 --order ORD-2 --receiver AliExpress`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "kind", "order"); err != nil {
				return err
			}
			if err := o.parse(a); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runAddCase)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.kind, "kind", "", "kind of case: "+strings.Join(vault.Words(vault.CaseKinds), ", ")+" (required)")
	f.StringArrayVar(&o.orderRefs, "order", nil, "an order of the case (ORD-n or order number; repeatable, required)")
	f.StringVar(&o.c.Title, "title", "", "a short title (default from the kind and the first order)")
	f.StringVar(&o.amount, "amount", "", "amount claimed, with currency (default: the orders' total)")
	f.StringVar(&o.c.Receiver, "receiver", "", "who decides: the marketplace, the bank, ...")
	f.StringVar(&o.c.Reference, "reference", "", "the receiver's reference")
	f.StringVar(&o.c.DisputeNumber, "dispute-number", "", "the marketplace's own number for the dispute")
	f.StringVar(&o.problem, "problem", "", "what went wrong: "+strings.Join(vault.Words(vault.Troubles), ", ")+" (letters say it only when recorded)")
	f.StringVar(&o.discovered, "discovered", "", "when you found the defect (a warranty case) "+dateExample)
	f.StringVar(&o.c.BankReference, "bank-reference", "", "the card issuer's reference")
	f.StringVar(&o.account, "account", "", "the blocked marketplace account of a reinstatement (ACC-n, 'vault add account')")
	f.StringVar(&o.opened, "opened", "", "when the case was opened (default now) "+dateExample)
	f.BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	f.BoolVar(&o.force, "force", false, "do not ask before a dispute that may look like abuse; confirm an --opened after today")
	return cmd
}

func (o *addCaseOptions) parse(a *app) error {
	var err error
	if o.c.Kind, err = parseWord("--kind", o.kind, vault.ParseCaseKind); err != nil {
		return err
	}
	if o.amount != "" {
		if o.c.Amount, err = money.Parse(o.amount); err != nil {
			return usagef("--amount: %w", err)
		}
	}
	if o.account != "" {
		if o.c.Account, err = vault.ParseAccountID(o.account); err != nil {
			return usagef("--account: %w", err)
		}
	}
	if o.problem != "" {
		if o.c.Problem, err = parseWord("--problem", o.problem, vault.ParseTrouble); err != nil {
			return err
		}
	}
	if o.c.Discovered, err = a.pastDate("discovered", o.discovered, o.force); err != nil {
		return err
	}
	o.c.Opened, err = a.pastDate("opened", o.opened, o.force)
	return err
}

func (a *app) runAddCase(ctx context.Context, o *addCaseOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	c, orders, err := svc.NewCase(ctx, o.c, o.orderRefs)
	if err != nil {
		return err
	}
	if c.Kind.CountsAsDispute() {
		if err := a.guardDispute(ctx, svc, c, orders, o.force); err != nil {
			return err
		}
	}
	id, err := svc.DB.AddCase(ctx, c)
	if err != nil {
		return err
	}
	return a.printID(id, o.asJSON)
}

// guardDispute warns before a dispute that may get the account blocked for
// "dispute abuse". On a terminal it asks; elsewhere, and with force, it
// warns and goes on.
func (a *app) guardDispute(ctx context.Context, svc *casework.Service, c vault.Case, orders []vault.Order, force bool) error {
	warnings, err := svc.DisputeWarnings(ctx, c.Kind, c.Opened, orders)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(a.stderr, "warning: %s\n  (rule %s: %s)\n  Try the seller first: 'vault draft letter seller --order %s' writes the letter.\n",
			w.Text, w.Rule.ID, w.Rule.Source, w.Order)
		if !force && a.interactive() && !a.confirm("Open the case anyway?") {
			return errors.New("no dispute opened")
		}
	}
	return nil
}

// interactive reports whether questions can be asked: stdin is a terminal.
func (a *app) interactive() bool {
	f, ok := a.stdin.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// confirm asks a yes/no question on the terminal; no is the default.
func (a *app) confirm(question string) bool {
	fmt.Fprintf(a.stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}

func newListCasesCmd(a *app) *cobra.Command {
	var all bool
	cmd := &cobra.Command{Use: "cases [--all] [--json]", Short: "List cases", Args: noArgs}
	cmd = viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, _ []string) ([]vault.Case, error) {
		cases, err := svc.DB.Cases(ctx, all)
		return nonNil(cases), err
	}, func(cases []vault.Case) error {
		rows := [][]string{{"ID", "KIND", "STATUS", "OPENED", "AMOUNT", "ORDERS", "TITLE"}}
		for _, c := range cases {
			rows = append(rows, []string{retracted(c.ID.String(), c.Retracted), string(c.Kind), string(c.Status),
				c.Opened.Format(a.loc), c.Amount.String(), joinIDs(c.Orders), short(c.Title, 40)})
		}
		return table(a.stdout, rows)
	})
	cmd.Flags().BoolVar(&all, "all", false, "also the cases retracted ('vault retract')")
	return cmd
}

func newShowCaseCmd(a *app) *cobra.Command {
	var l lang.Lang
	cmd := &cobra.Command{
		Use:   "case ID",
		Short: "Show a case with its orders, evidence and events",
		Args:  exactArgs(1, "a case id (CASE-n)"),
	}
	addLang(cmd.Flags(), &l, "language of the labels, dates and amounts")
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) (vault.CaseFile, error) {
		f, err := svc.CaseFile(ctx, args[0])
		if err != nil {
			return f, err
		}
		f.Evidence, err = svc.Place(ctx, f.Evidence)
		f.Evidence, f.Events = nonNil(f.Evidence), nonNil(f.Events)
		return f, err
	}, func(f vault.CaseFile) error { return a.printCaseFile(f, say(l)) })
}

func (a *app) printCaseFile(f vault.CaseFile, s say) error {
	c, l := f.Case, lang.Lang(s)
	account, problem := "", ""
	if c.Account != 0 {
		account = c.Account.String()
	}
	if c.Problem != "" {
		problem = c.Problem.Word(l)
	}
	err := s.fields(a.stdout, "Case", s.retracted(c.ID.String(), c.Retracted), "Kind", c.Kind.Word(l), "Status", c.Status.Word(l),
		"Title", c.Title, "Problem", problem, "Receiver", c.Receiver, "Reference", c.Reference, "Dispute number", c.DisputeNumber,
		"Bank reference", c.BankReference, "Account", account, "Amount", l.Money(c.Amount),
		"Opened", l.Date(c.Opened, a.loc), "Discovered", l.Date(c.Discovered, a.loc), "Closed", l.Date(c.Closed, a.loc),
		"Outcome", c.Outcome.Word(l), "Refunded", l.Money(c.Refunded), "Decided", l.Date(c.Decided, a.loc), "Retracted", c.Retracted)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\n%s:\n", s.t("Orders"))
	for _, o := range f.Orders {
		fmt.Fprintf(a.stdout, "  %s  %s %s  %s  %s\n", o.ID, o.Marketplace.Name(), o.Number, l.Date(o.Ordered, a.loc), l.Money(o.Total))
	}
	if len(f.Events) > 0 {
		fmt.Fprintf(a.stdout, "\n%s:\n", s.t("Events"))
		for _, e := range f.Events {
			fmt.Fprintf(a.stdout, "  %s  %s\n", l.Date(e.At, a.loc), e.In(l))
		}
	}
	return a.printEvidenceList(f.Evidence, s)
}

func joinIDs[T fmt.Stringer](ids []T) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()
	}
	return strings.Join(s, ",")
}
