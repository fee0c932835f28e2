package main

import (
	"context"

	"github.com/spf13/cobra"

	"vault/store"
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
	return viewCmd(a, cmd, func(ctx context.Context, v *vault, _ []string) ([]store.AuditEntry, error) {
		log, err := v.db.Audit(ctx)
		return nonNil(log), err
	}, func(log []store.AuditEntry) error {
		rows := [][]string{{"#", "TIME", "ACTION", "RECORD", "CONTENT", "HASH"}}
		for _, e := range log {
			rows = append(rows, []string{itoa(e.ID), e.At.In(a.loc).Format("2006-01-02 15:04:05"), e.Action, e.Record,
				e.Content[:12], e.Hash[:12]})
		}
		return table(a.stdout, rows)
	})
}
