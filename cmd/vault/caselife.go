package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/internal/date"
	"vault/store"
)

// newCaseCmd holds what happens to a case after it is opened.
func newCaseCmd(a *app) *cobra.Command {
	return group("case", "Record what happens in a case: status, events, links, statement",
		newCaseStatusCmd(a, nil), newCaseEventCmd(a, nil), newCaseLinkCmd(a, nil), newCaseStatementCmd(a, nil))
}

// caseOptions are what every 'vault case' command has: the case and when.
type caseOptions struct {
	ref, atFlag string
	at          date.Value
	force       bool
}

// parseAt reads --at; the case's reference is the first argument.
func (o *caseOptions) parseAt(a *app, args []string) (err error) {
	o.ref = args[0]
	o.at, err = a.pastDate("at", o.atFlag, o.force)
	return err
}

// onCase opens the vault, resolves the case, runs change and prints done
// with the case id.
func (a *app) onCase(ctx context.Context, o caseOptions, change func(*casework.Service, vault.CaseID) error, done string) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	id, err := svc.DB.ResolveCase(ctx, o.ref)
	if err != nil {
		return err
	}
	if err := change(svc, id); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, done, id)
	return nil
}

type caseStatusOptions struct {
	caseOptions
	status vault.CaseStatus
	note   string
}

func newCaseStatusCmd(a *app, runF func(*caseStatusOptions) error) *cobra.Command {
	o := &caseStatusOptions{}
	cmd := &cobra.Command{
		Use:   "status ID " + strings.Join(vault.Words(vault.CaseStatuses[1:]), "|") + " [--at TIME] [--note TEXT]",
		Short: "Move a case to a new status",
		Long: `Move a case to a new status and record it in the case's timeline. A case that
was won, lost or closed is decided: reopening it (or going back to draft, or
from escalated to open) needs --force, because it is usually a mistake.`,
		Example: `  vault case status CASE-1 escalated --note "seller stopped answering"
  vault case status CASE-1 won --at 2026-11-20 --note "refund of 49,90 NOK"`,
		Args: exactArgs(2, "a case id and a status"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if o.status, err = parseWord("status", args[1], vault.ParseCaseStatus); err != nil {
				return err
			}
			if err := o.parseAt(a, args); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runCaseStatus)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.atFlag, "at", "", "when it happened (default now) "+dateExample)
	f.StringVar(&o.note, "note", "", "why, in a few words")
	f.BoolVar(&o.force, "force", false, "allow reopening a decided case, or a date after today")
	return cmd
}

func (a *app) runCaseStatus(ctx context.Context, o *caseStatusOptions) error {
	return a.onCase(ctx, o.caseOptions, func(svc *casework.Service, id vault.CaseID) error {
		return svc.DB.SetCaseStatus(ctx, id, o.status, o.at, o.note, o.force)
	}, "%s is now "+string(o.status)+"\n")
}

type caseEventOptions struct {
	caseOptions
	text string
}

func newCaseEventCmd(a *app, runF func(*caseEventOptions) error) *cobra.Command {
	o := &caseEventOptions{}
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
			if o.text = strings.TrimSpace(o.text); o.text == "" {
				return usagef("--text is empty")
			}
			if err := o.parseAt(a, args); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runCaseEvent)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.text, "text", "", "what happened (required)")
	f.StringVar(&o.atFlag, "at", "", "when it happened (default now) "+dateExample)
	f.BoolVar(&o.force, "force", false, "allow a date before the case's orders or after today")
	return cmd
}

func (a *app) runCaseEvent(ctx context.Context, o *caseEventOptions) error {
	return a.onCase(ctx, o.caseOptions, func(svc *casework.Service, id vault.CaseID) error {
		return svc.DB.AddEvent(ctx, id, o.at, o.text, o.force)
	}, "recorded an event of %s\n")
}

type caseLinkOptions struct {
	caseOptions
	orderRefs, evidenceRefs []string
	evidence                []vault.EvidenceID
}

func newCaseLinkCmd(a *app, runF func(*caseLinkOptions) error) *cobra.Command {
	o := &caseLinkOptions{}
	cmd := &cobra.Command{
		Use:   "link ID --evidence EV-n | --order ORD-n ...",
		Short: "Add orders or evidence to a case",
		Example: `  vault case link CASE-1 --evidence EV-4 --evidence EV-5
  vault case link CASE-1 --order 8123456789012345`,
		Args: exactArgs(1, "a case id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(o.orderRefs)+len(o.evidenceRefs) == 0 {
				return usagef("give --evidence or --order")
			}
			for _, r := range o.evidenceRefs {
				id, err := vault.ParseEvidenceID(r)
				if err != nil {
					return usagef("--evidence: %w", err)
				}
				o.evidence = append(o.evidence, id)
			}
			if err := o.parseAt(a, args); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runCaseLink)
		},
	}
	cmd.Flags().StringArrayVar(&o.evidenceRefs, "evidence", nil, "evidence to add (EV-n; repeatable)")
	cmd.Flags().StringArrayVar(&o.orderRefs, "order", nil, "an order to add (ORD-n or order number; repeatable)")
	return cmd
}

func (a *app) runCaseLink(ctx context.Context, o *caseLinkOptions) error {
	return a.onCase(ctx, o.caseOptions, func(svc *casework.Service, id vault.CaseID) error {
		return svc.LinkCase(ctx, id, o.orderRefs, o.evidence)
	}, "linked to %s\n")
}

type caseStatementOptions struct {
	caseOptions
	file, text string
}

func newCaseStatementCmd(a *app, runF func(*caseStatementOptions) error) *cobra.Command {
	o := &caseStatementOptions{}
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
			var err error
			if o.text, err = readStatement("--file", o.file); err != nil {
				return err
			}
			if err := o.parseAt(a, args); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runCaseStatement)
		},
	}
	cmd.Flags().StringVar(&o.file, "file", "", "the statement, as a text file (required)")
	return cmd
}

func (a *app) runCaseStatement(ctx context.Context, o *caseStatementOptions) error {
	return a.onCase(ctx, o.caseOptions, func(svc *casework.Service, id vault.CaseID) error {
		return svc.DB.SetStatement(ctx, id, o.text)
	}, "kept the statement of %s\n")
}

// readStatement reads a statement file named by a flag.
func readStatement(flag, path string) (string, error) {
	text, err := casework.ReadText(path, store.MaxStatement)
	if err != nil {
		return "", fileError(flag+" "+path, err, "a statement is a page or two", "")
	}
	return text, nil
}
