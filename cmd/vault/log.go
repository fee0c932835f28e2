package main

import (
	"context"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/export"
)

func newLogCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "log [--json] | log case ID",
		Short: "Show the audit log, or a case's timeline ('vault log case ID')",
		Long: `Show the audit log, oldest first. Every write (add, attach, import, link)
appends entries in the same transaction: the time, the action, the record,
the SHA-256 of the record's content after the write, and a hash that covers
the entry before it. 'vault verify' recomputes the chain; the last hash (the
head) vouches for the whole log and is printed in every dossier.

'vault log case ID' shows a case's timeline instead: everything dated in it,
with the deadlines that apply.`,
		Args: noArgs,
	}
	cmd.AddCommand(newLogCaseCmd(a))
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, _ []string) ([]vault.AuditEntry, error) {
		log, err := svc.DB.Audit(ctx)
		return nonNil(log), err
	}, func(log []vault.AuditEntry) error {
		rows := [][]string{{"#", "TIME", "ACTION", "RECORD", "CONTENT", "HASH"}}
		for _, e := range log {
			rows = append(rows, []string{itoa(e.ID), e.At.In(a.loc).Format("2006-01-02 15:04:05"), e.Action, e.Record,
				e.Content[:12], e.Hash[:12]})
		}
		return table(a.stdout, rows)
	})
}

func newLogCaseCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "case ID [--json]",
		Short: "Show a case's timeline: orders, messages, emails, evidence, events and deadlines",
		Long: `Show everything dated in a case, oldest first: the orders' dates, messages,
emails and dated files, the case's events and status changes, and the last
day of each window the rules give (see 'vault deadlines'). The dossier's
timeline is the same list.`,
		Args: exactArgs(1, "a case id (CASE-n)"),
	}
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) ([]export.Entry, error) {
		f, err := svc.CaseFile(ctx, args[0])
		if err != nil {
			return nil, err
		}
		entries, err := svc.Timeline(ctx, f, true)
		return nonNil(entries), err
	}, func(entries []export.Entry) error {
		rows := [][]string{{"WHEN", "RECORD", "WHAT"}}
		for _, e := range entries {
			rows = append(rows, []string{e.At.Format(a.loc), e.Record, short(e.What, 90)})
		}
		return table(a.stdout, rows)
	})
}
