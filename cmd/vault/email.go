package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
)

// importEmailOptions are the flags of 'vault import email'.
type importEmailOptions struct {
	files               []string
	orderRefs, caseRefs []string
	asJSON, create      bool
}

func newImportEmailCmd(a *app, runF func(*importEmailOptions) error) *cobra.Command {
	o := &importEmailOptions{}
	cmd := &cobra.Command{
		Use:   "email FILE... [--order ID] [--case ID] [--create-orders]",
		Short: "Import emails from .eml files, mbox files or standard input",
		Long: `Import emails: .eml files, mbox files (mboxrd or mboxo, as Thunderbird, Gmail's
Takeout and mail servers write them) and '-' for standard input. Each message
is kept byte for byte (so its DKIM signature and Received headers stay
provable) with its sender, recipients, date, subject and text; an HTML-only
message is also kept as text. Attachments are stored as evidence of their own
under the email. Charsets and encodings are converted to UTF-8.

A message whose subject or text holds the number of a recorded order is
linked to that order; --order and --case link every message as well. With
--create-orders, an order confirmation from AliExpress, Temu, Amazon or eBay
whose order is not recorded yet creates it (marketplace, number, total, date). A
message already imported (same Message-ID or same bytes) is not stored
again. A malformed message is reported and skipped, and the rest go on; the
command then exits 1. Messages are recorded in batches (up to 200, or what one
second brings), each batch in one transaction: an interrupted import keeps the
batches it finished and can simply be run again.`,
		Example: `  vault import email confirmation.eml
  vault import email ~/Downloads/Takeout/Mail/AliExpress.mbox
  vault import email - --order ORD-1 < message.eml`,
		Args: atLeastOne("at least one file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, files []string) error {
			o.files = files
			return do(cmd.Context(), o, runF, a.runImportEmail)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.orderRefs, "order", nil, "link every message to this order too (repeatable)")
	f.StringArrayVar(&o.caseRefs, "case", nil, "link every message to this case too (repeatable)")
	f.BoolVar(&o.create, "create-orders", false, "create orders from recognised order confirmation mails")
	f.BoolVar(&o.asJSON, "json", false, "print one JSON object per message")
	return cmd
}

func (a *app) runImportEmail(ctx context.Context, o *importEmailOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	links, err := svc.Links(ctx, o.orderRefs, o.caseRefs)
	if err != nil {
		return err
	}
	imp := svc.NewImporter(links, o.create, func(m casework.Imported) { a.reportImported(m, o.asJSON) })
	for _, f := range o.files {
		if err := imp.File(ctx, f, a.stdin); err != nil {
			imp.Skip(f, err)
		}
	}
	imp.Flush(ctx)
	all := imp.Added + imp.Duplicates + imp.Skipped
	fmt.Fprintf(a.stderr, "vault: %s: %d imported, %d duplicate, %d skipped\n", plural(all, "message"), imp.Added, imp.Duplicates, imp.Skipped)
	if imp.Skipped > 0 {
		return fmt.Errorf("%d of %d messages skipped", imp.Skipped, all)
	}
	return nil
}

// reportImported tells what became of one message: notes and links on
// stderr, its id (or a JSON object) on stdout.
func (a *app) reportImported(m casework.Imported, asJSON bool) {
	if m.Err != nil {
		fmt.Fprintf(a.stderr, "vault: %s: skipped: %s\n", m.Source, oneLine(m.Err))
		if asJSON {
			printJSONLine(a.stdout, map[string]string{"source": m.Source, "error": oneLine(m.Err)})
		}
		return
	}
	for _, n := range m.Notes {
		fmt.Fprintf(a.stderr, "vault: %s: %s\n", m.Source, n)
	}
	if o := m.Created; o != nil {
		what := strings.TrimSpace(o.Marketplace.Name() + " " + o.Number + " " + o.Total.String())
		fmt.Fprintf(a.stderr, "vault: %s: created %s (%s) from the order confirmation\n", m.Source, o.ID, what)
	}
	if m.Added.Duplicate {
		fmt.Fprintf(a.stderr, "vault: %s: already imported as %s\n", m.Source, m.Added.ID)
	}
	if len(m.Added.Matched) > 0 {
		fmt.Fprintf(a.stderr, "vault: %s: %s linked to %s (order number found in the mail)\n", m.Source, m.Added.ID, joinIDs(m.Added.Matched))
	}
	if asJSON {
		printJSONLine(a.stdout, struct {
			Source string `json:"source"`
			vault.EmailAdded
		}{m.Source, m.Added})
		return
	}
	fmt.Fprintln(a.stdout, m.Added.ID)
}
