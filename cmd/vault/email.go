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
second brings), each batch in one transaction. Ctrl-C stops the import after
the message at hand: what it stored is recorded, it says how far it got, exits
130, and the same command run again imports the rest.

Up to 20 messages, each one's id is printed (links and duplicates on stderr);
a bigger import shows a progress bar on a terminal and one summary, and
--json prints a line per message.`,
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

// eachMessage is how many messages an import may hold and still print a
// line for each (its id, its links); a bigger one shows a progress bar and
// one summary, and the lines that need the user (skipped, created, notes).
const eachMessage = 20

func (a *app) runImportEmail(ctx context.Context, o *importEmailOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	links, err := svc.Links(ctx, o.orderRefs, o.caseRefs)
	if err != nil {
		return err
	}
	total := 0
	for _, f := range o.files {
		total += casework.CountMessages(f)
	}
	quiet := total > eachMessage && !o.asJSON
	progress, done := a.progressOf("importing", itoa, "messages")
	defer done()
	seen, linked := 0, 0
	imp := svc.NewImporter(links, o.create, func(m casework.Imported) {
		seen++
		if len(m.Added.Matched) > 0 && !m.Added.Duplicate {
			linked++
		}
		if progress != nil && total > 0 {
			progress(int64(seen), int64(total))
		}
		a.reportImported(m, o.asJSON, quiet)
	})
	for _, f := range o.files {
		if ctx.Err() != nil {
			break
		}
		if err := imp.File(ctx, f, a.stdin); err != nil && ctx.Err() == nil {
			imp.Skip(f, err)
		}
	}
	imp.Flush(ctx)
	done()
	return a.importSummary(ctx, imp, total, linked, quiet)
}

// importSummary says what the import did, and whether it was interrupted.
func (a *app) importSummary(ctx context.Context, imp *casework.Importer, total, linked int, quiet bool) error {
	all := imp.Added + imp.Duplicates + imp.Skipped
	counts := fmt.Sprintf("%d imported, %d duplicate, %d skipped", imp.Added, imp.Duplicates, imp.Skipped)
	if quiet && linked > 0 {
		counts += fmt.Sprintf("; %d linked to orders", linked)
	}
	if ctx.Err() != nil {
		of := fmt.Sprint(all)
		if total > all {
			of = fmt.Sprintf("%d of %d", all, total)
		}
		return interruptedf("interrupted after %s messages (%s); run the same command again to continue", of, counts)
	}
	fmt.Fprintf(a.stderr, "vault: %s: %s\n", plural(all, "message"), counts)
	if imp.Skipped > 0 {
		return fmt.Errorf("%d of %d messages skipped", imp.Skipped, all)
	}
	return nil
}

// reportImported tells what became of one message: notes and links on
// stderr, its id (or a JSON object) on stdout.
func (a *app) reportImported(m casework.Imported, asJSON, quiet bool) {
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
	if quiet {
		return
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
