package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/ocr"
)

func newInboxCmd(a *app) *cobra.Command {
	var asJSON, auto bool
	cmd := &cobra.Command{
		Use:   "inbox [--auto-link] [--json]",
		Short: "List the evidence waiting to be filed, and what the marketplaces' mails suggest",
		Long: `List the evidence that belongs to no order or case yet (from 'vault receive',
'vault inbox scan', 'attach file --inbox', or an email imported without an
order), newest first. For each, the orders it seems to belong to: an order or
tracking number, or a seller's name, found in its file name, its text, or the
words read off the picture (when tesseract is installed: see 'vault ocr').
File an item with 'vault link EV-n --order ORD-n'; --auto-link files every
item that names exactly one order by number. Dossiers and deadlines never see
what waits here.

Then the suggestions of the marketplaces' and PayPal's mails ('vault import
email'): a value that would change what an order, case or account records, an
order a confirmation names, a dispute to record with its outcome, a
reinstatement case for a restricted account. 'vault inbox accept SUG-n' does
it (as 'vault set' or 'vault add' would, with the mail filed under the
record); 'vault inbox reject SUG-n' drops it. Neither is suggested again. In
--json, a filed mail with suggestions is an item with "filed": true, and each
item's "proposed" are its mail's suggestions.`,
		Example: `  vault inbox
  vault inbox --auto-link
  vault link EV-7 EV-8 --order ORD-2
  vault inbox accept SUG-3
  vault inbox reject SUG-4`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if auto {
				if err := a.autoLink(cmd.Context(), svc); err != nil {
					return err
				}
			}
			items, err := svc.Inbox(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(a.stdout, nonNil(items))
			}
			return a.printInbox(items)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().BoolVar(&auto, "auto-link", false, "file each item that names exactly one order by number")
	cmd.AddCommand(newInboxScanCmd(a), newDecideSuggestionCmd(a, true), newDecideSuggestionCmd(a, false))
	return cmd
}

// printInbox lists the unfiled items, then the suggestions.
func (a *app) printInbox(items []casework.InboxItem) error {
	rows := [][]string{{"ID", "ADDED", "KIND", "FILE", "BELONGS TO (GUESS)"}}
	var proposed []vault.Suggestion
	for _, it := range items {
		proposed = append(proposed, it.Proposed...)
		if !it.Filed {
			rows = append(rows, []string{it.ID.String(), it.CreatedAt.In(a.loc).Format("2006-01-02 15:04"), string(it.Kind),
				cut(cmp.Or(it.FileName, it.Title), 40), guesses(it.Suggested)})
		}
	}
	if len(rows) == 1 && len(proposed) == 0 {
		fmt.Fprintln(a.stderr, "vault: the inbox is empty")
		return nil
	}
	if len(rows) > 1 {
		if err := table(a.stdout, rows); err != nil {
			return err
		}
	}
	if len(proposed) == 0 {
		return nil
	}
	if len(rows) > 1 {
		fmt.Fprintln(a.stdout)
	}
	slices.SortFunc(proposed, func(x, y vault.Suggestion) int { return cmp.Compare(x.ID, y.ID) })
	rows = [][]string{{"SUGGESTION", "MAIL", "TO DO", "THE MAIL SAID"}}
	for _, sg := range proposed {
		rows = append(rows, []string{sg.ID.String(), sg.Evidence.String(), sg.What(), cut(sg.Why, 60)})
	}
	if err := table(a.stdout, rows); err != nil {
		return err
	}
	fmt.Fprintln(a.stderr, "vault: 'vault inbox accept SUG-n' does what a suggestion says; 'vault inbox reject SUG-n' drops it")
	return nil
}

// newDecideSuggestionCmd is 'vault inbox accept' or 'vault inbox reject'.
func newDecideSuggestionCmd(a *app, accept bool) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "reject SUG-n...",
		Short: "Drop a suggestion of a mail: it is not made again",
		Long: `Drop what a marketplace's mail suggested ('vault inbox' lists them). The
decision is in the audit log, and the suggestion is not made again, by this
mail or another.`,
		Example: "  vault inbox reject SUG-4",
		Args:    atLeastOne("the suggestion (SUG-n)"),
	}
	if accept {
		cmd.Use, cmd.Short = "accept SUG-n... [--force]", "Do what a mail suggested: change the record, add the order, open the case"
		cmd.Long = `Do what a marketplace's mail suggested ('vault inbox' lists them): change an
order's, a case's or an account's values as 'vault set' would; record the
order a confirmation named; open the dispute case a dispute mail named (or
take the one opened since) and record its outcome; open a reinstatement case
for a restricted account, about the account's orders at that marketplace.
The mail is filed under the order or case. The changes are yours (in 'vault
log'), and values that look wrong need --force, as 'vault set' asks.`
		cmd.Example = "  vault inbox accept SUG-3\n  vault inbox accept SUG-3 SUG-5"
		cmd.Flags().BoolVar(&force, "force", false, "accept values that look wrong (a day after today, a refund above the total)")
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ids := make([]vault.SuggestionID, len(args))
		for i, s := range args {
			id, err := vault.ParseSuggestionID(s)
			if err != nil {
				return usagef("%q: not a suggestion (SUG-n)", s)
			}
			ids[i] = id
		}
		ctx := cmd.Context()
		svc, err := a.open(ctx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if !accept {
				if err := svc.Reject(ctx, id); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "vault: %s rejected\n", id)
				continue
			}
			done, err := svc.Accept(ctx, id, force)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "vault: %s accepted: %s\n", id, acceptedLine(done))
			fmt.Fprintln(a.stdout, done.Record)
		}
		return nil
	}
	return cmd
}

// acceptedLine says what accepting a suggestion did.
func acceptedLine(done casework.Accepted) string {
	if len(done.Edits) == 0 {
		return done.Record
	}
	var values []string
	for _, e := range done.Edits {
		values = append(values, strings.ReplaceAll(e.Field, "_", " ")+" "+strings.ReplaceAll(e.New, "\n", ", "))
	}
	return done.Record + ": " + strings.Join(values, ", ")
}

// guesses writes suggestions as "ORD-2 (order number 8123...)".
func guesses(ss []casework.Suggestion) string {
	if len(ss) == 0 {
		return "-"
	}
	var out []string
	for _, s := range ss[:min(3, len(ss))] {
		out = append(out, fmt.Sprintf("%s (%s)", s.Order, s.Why))
	}
	return strings.Join(out, ", ")
}

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func (a *app) autoLink(ctx context.Context, svc *casework.Service) error {
	filed, err := svc.AutoLink(ctx)
	for id, o := range filed {
		fmt.Fprintf(a.stderr, "vault: %s filed under %s\n", id, o)
	}
	return err
}

func newInboxScanCmd(a *app) *cobra.Command {
	var auto, noRead bool
	cmd := &cobra.Command{
		Use:   "scan DIR... [--auto-link] [--no-ocr]",
		Short: "Bring the new files of a folder (a synced phone's) into the inbox",
		Long: `Import the files under each DIR, and its subdirectories, that the vault has
never seen (by SHA-256: a file met before, even one retracted since, is
skipped), into the inbox. Your files are only read: never moved, changed or
deleted, so the folder can be the one Syncthing or a cloud drive keeps in
step with the phone. Run it as often as you like (cron, a systemd timer):
only new files are added. Each file passes the checks of 'attach file'. When
tesseract is installed the words in new pictures are read (unless --no-ocr),
and --auto-link files what names exactly one order by number.`,
		Example: `  vault inbox scan ~/Sync/Phone/Screenshots
  vault inbox scan ~/Sync/Phone/Screenshots --auto-link`,
		Args: atLeastOne("a directory"),
		RunE: func(cmd *cobra.Command, dirs []string) error {
			ctx := cmd.Context()
			svc, err := a.open(ctx)
			if err != nil {
				return err
			}
			progress, done := a.progress("scanning")
			results, err := svc.ScanInbox(ctx, dirs, progress)
			done()
			if err != nil {
				return err
			}
			reported := a.reportAttach(results, false, false)
			if !noRead {
				if err := a.readNew(ctx, svc, added(results)); err != nil {
					return err
				}
			}
			if auto {
				if err := a.autoLink(ctx, svc); err != nil {
					return err
				}
			}
			return reported
		},
	}
	cmd.Flags().BoolVar(&auto, "auto-link", false, "file each new item that names exactly one order by number")
	cmd.Flags().BoolVar(&noRead, "no-ocr", false, "do not read the words in the pictures now ('vault ocr' does it later)")
	return cmd
}

// added are the ids a batch of attached files recorded anew.
func added(rs []casework.Attached) []vault.EvidenceID {
	var ids []vault.EvidenceID
	for _, r := range rs {
		if r.Err == nil && !r.Known && !r.Added.Duplicate && r.Added.ID != 0 {
			ids = append(ids, r.Added.ID)
		}
	}
	return ids
}

// readNew reads the words off new pictures when tesseract is there, and
// says how to do it later when it is not.
func (a *app) readNew(ctx context.Context, svc *casework.Service, ids []vault.EvidenceID) error {
	if len(ids) == 0 {
		return nil
	}
	t, err := ocr.Find(ctx)
	if errors.Is(err, ocr.ErrMissing) {
		fmt.Fprintf(a.stderr, "note: %v; the pictures stay unread until 'vault ocr'\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	return a.runRead(ctx, svc, t, ids)
}

func (a *app) runRead(ctx context.Context, svc *casework.Service, t *ocr.Tesseract, ids []vault.EvidenceID) error {
	progress, done := a.progress("reading")
	reads, err := svc.ReadText(ctx, t, ids, progress)
	done()
	failed := 0
	for _, r := range reads {
		if r.Err != nil {
			failed++
			fmt.Fprintf(a.stderr, "vault: %s: %s\n", r.ID, oneLine(r.Err))
		}
	}
	if len(reads) > 0 {
		fmt.Fprintf(a.stderr, "vault: read %s with %s\n", plural(len(reads)-failed, "picture"), t.Name())
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d pictures could not be read", failed, len(reads))
	}
	return nil
}

func newOCRCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "ocr [EV-n...]",
		Short: "Read the words in pictures (screenshots, photos of documents) with tesseract",
		Long: `Read the words in every picture that has none read yet (or only in those
named), with tesseract in English and Norwegian, a picture per core. Each text
is a record of its own, linked to its picture (the file is untouched), found
by 'vault search' and used by 'vault inbox' to guess the order. Needs
tesseract (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-nor).`,
		Example: `  vault ocr
  vault ocr EV-7`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			ids, err := evidenceIDs(args)
			if err != nil {
				return err
			}
			t, err := ocr.Find(ctx)
			if err != nil {
				return err
			}
			svc, err := a.open(ctx)
			if err != nil {
				return err
			}
			return a.runRead(ctx, svc, t, ids)
		},
	}
}

func newLinkCmd(a *app) *cobra.Command {
	var orderRefs, caseRefs []string
	cmd := &cobra.Command{
		Use:   "link EV-n... (--order ID | --case ID)",
		Short: "File evidence (from the inbox) under an order or a case",
		Long: `Link evidence to orders and cases: an inbox item is filed, a filed one
belongs to one more place. All in one transaction, each link in the audit
log. 'vault unlink' undoes it.`,
		Example: `  vault link EV-7 --order ORD-2
  vault link EV-7 EV-8 EV-9 --order 8123456789012345
  vault link EV-7 --case CASE-1`,
		Args: atLeastOne("the evidence to file (EV-n)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(orderRefs)+len(caseRefs) == 0 {
				return usagef("say where it belongs: --order ID or --case ID")
			}
			ids, err := evidenceIDs(args)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			svc, err := a.open(ctx)
			if err != nil {
				return err
			}
			links, err := svc.Links(ctx, orderRefs, caseRefs)
			if err != nil {
				return err
			}
			if err := svc.DB.Link(ctx, ids, links); err != nil {
				return err
			}
			for _, id := range ids {
				fmt.Fprintln(a.stdout, id)
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&orderRefs, "order", nil, "the order it belongs to (ORD-n or order number; repeatable)")
	cmd.Flags().StringArrayVar(&caseRefs, "case", nil, "the case it belongs to (CASE-n; repeatable)")
	return cmd
}

// evidenceIDs reads EV-n arguments.
func evidenceIDs(args []string) ([]vault.EvidenceID, error) {
	var ids []vault.EvidenceID
	for _, s := range args {
		id, err := vault.ParseEvidenceID(s)
		if err != nil {
			return nil, usagef("%q: not an evidence id (EV-n)", s)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
