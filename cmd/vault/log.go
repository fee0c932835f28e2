package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/export"
)

func newLogCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "log [RECORD] [--json] | log case ID",
		Short: "Show the audit log, a record's history, or a case's timeline ('vault log case ID')",
		Long: `Show the audit log, oldest first. Every write (add, attach, import, link, set,
retract) appends entries in the same transaction: the time, the action, the
record, the SHA-256 of the record's content after the write, and a hash that
covers the entry before it. 'vault verify' recomputes the chain; the last
hash (the head) vouches for the whole log and is printed in every dossier.

With a record (ORD-1, CASE-2, EV-3, ACC-1, CONF-name), its history: its audit
entries and every change made to it, field by field, with the old value, the
new one and who made it, and its retraction with the reason. In the whole
log, each edit is an entry of its own (EDIT-n), as are retractions (RETR-EV-3)
and purges of files (PURGE-n).

'vault log case ID' shows a case's timeline instead: everything dated in it,
with the deadlines that apply.`,
		Example: `  vault log
  vault log ORD-1
  vault log case CASE-1`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("%s takes at most one record", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			record := ""
			if len(args) == 1 { // ORD-1, ord-1; CONF-name keeps its key's case
				kind, rest, _ := strings.Cut(strings.TrimSpace(args[0]), "-")
				record = strings.ToUpper(kind) + "-" + rest
			}
			log, err := svc.DB.Audit(cmd.Context(), record)
			if err != nil {
				return err
			}
			if record == "" {
				return a.printAudit(log, asJSON)
			}
			edits, err := svc.DB.Edits(cmd.Context(), record)
			if err != nil {
				return err
			}
			if len(log) == 0 {
				return fmt.Errorf("%s: %w", record, vault.ErrNotFound)
			}
			why, _, err := svc.DB.Retraction(cmd.Context(), record)
			if err != nil {
				return err
			}
			return a.printHistory(log, edits, why, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.AddCommand(newLogCaseCmd(a))
	return cmd
}

// logTime is how the log writes when: to the second, with the zone.
const logTime = "2006-01-02 15:04:05 MST"

func (a *app) printAudit(log []vault.AuditEntry, asJSON bool) error {
	if asJSON {
		return printJSON(a.stdout, nonNil(log))
	}
	rows := [][]string{{"#", "TIME", "ACTION", "RECORD", "CONTENT", "HASH"}}
	for _, e := range log {
		rows = append(rows, []string{itoa(e.ID), e.At.In(a.loc).Format(logTime), e.Action, e.Record,
			e.Content[:12], e.Hash[:12]})
	}
	return table(a.stdout, rows)
}

// printHistory writes a record's audit entries and its edits, in time order.
func (a *app) printHistory(log []vault.AuditEntry, edits []vault.Edit, why vault.Retraction, asJSON bool) error {
	if asJSON {
		var retraction *vault.Retraction
		if why.Record != "" {
			retraction = &why
		}
		return printJSON(a.stdout, struct {
			Audit      []vault.AuditEntry `json:"audit"`
			Edits      []vault.Edit       `json:"edits"`
			Retraction *vault.Retraction  `json:"retraction,omitempty"`
		}{log, nonNil(edits), retraction})
	}
	rows := [][]string{{"TIME", "ACTION", "CHANGE"}}
	change := func(x vault.Edit) []string {
		return []string{"", "", fmt.Sprintf("%s: %s -> %s (%s)", flagOf(x), a.shown(x.Old), a.shown(x.New), x.By)}
	}
	for _, e := range log {
		what := "content " + e.Content[:12]
		if strings.HasPrefix(e.Record, "RETR-") {
			what = "retracted: " + why.Reason
		}
		rows = append(rows, []string{e.At.In(a.loc).Format(logTime), e.Action, what})
		for len(edits) > 0 && edits[0].Entry < e.ID { // a write logs its edits just before its own entry
			rows, edits = append(rows, change(edits[0])), edits[1:]
		}
	}
	for _, x := range edits {
		rows = append(rows, change(x))
	}
	return table(a.stdout, rows)
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
		entries, err := svc.Timeline(ctx, args[0])
		return nonNil(entries), err
	}, func(entries []export.Entry) error {
		rows := [][]string{{"WHEN", "RECORD", "WHAT"}}
		for _, e := range entries {
			rows = append(rows, []string{e.At.Format(a.loc), e.Record, short(e.What, 90)})
		}
		return table(a.stdout, rows)
	})
}
