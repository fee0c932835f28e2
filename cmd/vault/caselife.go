package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/internal/date"
	"vault/store"
)

// newCaseCmd holds what happens to a case after it is opened.
func newCaseCmd(a *app) *cobra.Command {
	return group("case", "Record what happens in a case: status, events, links, statement",
		newCaseStatusCmd(a), newCaseEventCmd(a), newCaseLinkCmd(a), newCaseStatementCmd(a))
}

func newCaseStatusCmd(a *app) *cobra.Command {
	var at, note string
	var force bool
	cmd := &cobra.Command{
		Use:   "status ID " + strings.Join(store.CaseStatuses[1:], "|") + " [--at TIME] [--note TEXT]",
		Short: "Move a case to a new status",
		Long: `Move a case to a new status and record it in the case's timeline. A case that
was won, lost or closed is decided: reopening it (or going back to draft, or
from escalated to open) needs --force, because it is usually a mistake.`,
		Example: `  vault case status CASE-1 escalated --note "seller stopped answering"
  vault case status CASE-1 won --at 2026-11-20 --note "refund of 49,90 NOK"`,
		Args: exactArgs(2, "a case id and a status"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("status", args[1], store.CaseStatuses); err != nil {
				return err
			}
			return a.onCase(cmd, args[0], at, func(c caseChange) error {
				return c.v.db.SetCaseStatus(cmd.Context(), c.id, args[1], c.at, note, force)
			}, "%s is now "+args[1]+"\n")
		},
	}
	f := cmd.Flags()
	f.StringVar(&at, "at", "", "when it happened (default now)")
	f.StringVar(&note, "note", "", "why, in a few words")
	f.BoolVar(&force, "force", false, "allow reopening a decided case")
	return cmd
}

func newCaseEventCmd(a *app) *cobra.Command {
	var at, text string
	var force bool
	cmd := &cobra.Command{
		Use:   "event ID --text TEXT [--at TIME]",
		Short: "Record something that happened: a call, a form sent, a reply",
		Example: `  vault case event CASE-1 --text "called the bank, reference 55-1234" --at "2026-11-03 14:10"
  vault case event CASE-1 --text "chargeback form sent by post"`,
		Args: exactArgs(1, "a case id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := required(cmd, "text"); err != nil {
				return err
			}
			if strings.TrimSpace(text) == "" {
				return usagef("--text is empty")
			}
			return a.onCase(cmd, args[0], at, func(c caseChange) error {
				return c.v.db.AddEvent(cmd.Context(), c.id, c.at, strings.TrimSpace(text), force)
			}, "recorded an event of %s\n")
		},
	}
	f := cmd.Flags()
	f.StringVar(&text, "text", "", "what happened (required)")
	f.StringVar(&at, "at", "", "when it happened (default now)")
	f.BoolVar(&force, "force", false, "allow a date before the case's orders")
	return cmd
}

// caseChange is what a case command works on.
type caseChange struct {
	v  *vault
	id store.CaseID
	at date.Value
}

// onCase parses --at, opens the vault, resolves the case, runs change and
// prints done with the case id.
func (a *app) onCase(cmd *cobra.Command, ref, at string, change func(caseChange) error, done string) error {
	when, err := a.parseDate("at", at)
	if err != nil {
		return err
	}
	v, err := a.open(cmd.Context())
	if err != nil {
		return err
	}
	id, err := v.db.ResolveCase(cmd.Context(), ref)
	if err != nil {
		return err
	}
	if err := change(caseChange{v, id, when}); err != nil {
		if errors.Is(err, store.ErrNeedsForce) {
			return fmt.Errorf("%w (nothing was changed)", err)
		}
		return err
	}
	fmt.Fprintf(a.stdout, done, id)
	return nil
}

func newCaseLinkCmd(a *app) *cobra.Command {
	var orderRefs, evidenceRefs []string
	cmd := &cobra.Command{
		Use:   "link ID --evidence EV-n | --order ORD-n ...",
		Short: "Add orders or evidence to a case",
		Example: `  vault case link CASE-1 --evidence EV-4 --evidence EV-5
  vault case link CASE-1 --order 8123456789012345`,
		Args: exactArgs(1, "a case id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(orderRefs)+len(evidenceRefs) == 0 {
				return usagef("give --evidence or --order")
			}
			var evidence []store.EvidenceID
			for _, r := range evidenceRefs {
				var id store.EvidenceID
				if err := id.UnmarshalText([]byte(r)); err != nil {
					return usagef("--evidence: %w", err)
				}
				evidence = append(evidence, id)
			}
			return a.onCase(cmd, args[0], "", func(c caseChange) error {
				var orders []store.OrderID
				for _, r := range orderRefs {
					id, err := c.v.db.ResolveOrder(cmd.Context(), r)
					if err != nil {
						return err
					}
					orders = append(orders, id)
				}
				return c.v.db.LinkCase(cmd.Context(), c.id, orders, evidence)
			}, "linked to %s\n")
		},
	}
	cmd.Flags().StringArrayVar(&evidenceRefs, "evidence", nil, "evidence to add (EV-n; repeatable)")
	cmd.Flags().StringArrayVar(&orderRefs, "order", nil, "an order to add (ORD-n or order number; repeatable)")
	return cmd
}

func newCaseStatementCmd(a *app) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "statement ID --file FILE",
		Short: "Keep your own statement for the case's dossier",
		Long: `Keep your own statement (UTF-8 text, a page or two) for the case. The dossier
prints it on its statement page instead of the drafted letter; --statement on
'vault export case' still wins for one export.`,
		Example: `  vault case statement CASE-1 --file statement.txt`,
		Args:    exactArgs(1, "a case id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := required(cmd, "file"); err != nil {
				return err
			}
			text, err := readText("--file", file, store.MaxStatement)
			if err != nil {
				return err
			}
			return a.onCase(cmd, args[0], "", func(c caseChange) error {
				return c.v.db.SetStatement(cmd.Context(), c.id, text)
			}, "kept the statement of %s\n")
		},
	}
	cmd.Flags().StringVar(&file, "file", "", "the statement, as a text file (required)")
	return cmd
}
