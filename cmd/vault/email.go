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
	noPicture           bool
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
whose order is not recorded yet creates it (marketplace, number, total,
seller, date); without it, the inbox suggests adding the order. A message
already imported (same Message-ID or same bytes) is not stored again.

The notices of AliExpress, Temu, Amazon, eBay and PayPal are understood when
the sender's domain is theirs and the text agrees: an order confirmed,
shipped (the tracking number), delivered, a dispute opened or decided, a
refund issued, an account restricted. What the order, case or account does
not record yet is filled in (each value an edit by the mail, in 'vault log');
what would change a recorded value, a case to open and a decision wait in
'vault inbox' as suggestions. A restriction records the account (ACC-n) and
suggests a reinstatement case. Each notice is said on stderr. A saved web
page attached to a mail is read as 'vault attach file' reads it, and its
picture drawn (--no-picture: later, with 'vault picture').

A malformed message is reported and skipped, and the rest go on; the
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
	f.BoolVar(&o.noPicture, "no-picture", false, "draw no picture of the saved web pages attached to the mails now (later: 'vault picture')")
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
	var understood understoodCount
	var attached []vault.EvidenceID
	imp := svc.NewImporter(links, o.create, func(m casework.Imported) {
		seen++
		if m.Err == nil && !m.Added.Duplicate {
			attached = append(attached, m.Added.Attachments...)
		}
		if len(m.Added.Matched) > 0 && !m.Added.Duplicate {
			linked++
		}
		understood.add(m.Understood)
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
	if err := a.importSummary(ctx, imp, total, linked, understood, quiet); err != nil {
		return err
	}
	if !o.noPicture {
		a.drawNew(ctx, svc, savedPages(ctx, svc, attached))
	}
	return nil
}

// understoodCount counts the notices of an import and their suggestions.
type understoodCount struct{ notices, suggested int }

func (c *understoodCount) add(u *vault.Understood) {
	if u != nil {
		c.notices++
		c.suggested += len(u.Suggested)
	}
}

// importSummary says what the import did, and whether it was interrupted.
func (a *app) importSummary(ctx context.Context, imp *casework.Importer, total, linked int, understood understoodCount, quiet bool) error {
	all := imp.Added + imp.Duplicates + imp.Skipped
	counts := fmt.Sprintf("%d imported, %d duplicate, %d skipped", imp.Added, imp.Duplicates, imp.Skipped)
	if quiet && linked > 0 {
		counts += fmt.Sprintf("; %d linked to orders", linked)
	}
	if quiet && understood.notices > 0 {
		counts += fmt.Sprintf("; %s understood, %s in 'vault inbox'", plural(understood.notices, "notice"),
			plural(understood.suggested, "suggestion"))
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
	if m.Understood != nil {
		fmt.Fprintf(a.stderr, "vault: %s: %s\n", m.Source, understoodLine(m.Added.ID, *m.Understood))
	}
	if asJSON {
		printJSONLine(a.stdout, struct {
			Source string `json:"source"`
			vault.EmailAdded
			Understood *vault.Understood `json:"understood,omitempty"`
		}{m.Source, m.Added, m.Understood})
		return
	}
	fmt.Fprintln(a.stdout, m.Added.ID)
}

// understoodLine says what a mail's notice did: "EV-2: AliExpress dispute
// 5091234567890123 closed: won, refund 23.90 USD, for ORD-1; suggested
// SUG-2: CASE-1: outcome won, ... (see 'vault inbox')".
func understoodLine(id vault.EvidenceID, u vault.Understood) string {
	line := id.String() + ": " + u.Notice.Summary()
	if len(u.Orders) > 0 {
		line += ", for " + joinIDs(u.Orders)
	}
	var done []string
	for i := 0; i < len(u.Filled); {
		record, values := u.Filled[i].Record, []string{}
		for ; i < len(u.Filled) && u.Filled[i].Record == record; i++ {
			e := u.Filled[i]
			values = append(values, strings.ReplaceAll(e.Field, "_", " ")+" "+strings.ReplaceAll(e.New, "\n", ", "))
		}
		done = append(done, "recorded on "+record+": "+strings.Join(values, ", "))
	}
	if u.Account != 0 {
		done = append(done, "recorded as "+u.Account.String())
	}
	if len(u.Cases) > 0 {
		done = append(done, "filed under "+joinIDs(u.Cases))
	}
	for _, s := range u.Suggested {
		done = append(done, "suggested "+s.ID.String()+": "+s.What())
	}
	switch {
	case len(done) == 0 && len(u.Orders) == 0:
		return line + "; it names no recorded order"
	case len(done) == 0:
		return line + "; the vault records it all already"
	case len(u.Suggested) > 0:
		return line + "; " + strings.Join(done, "; ") + " (see 'vault inbox')"
	}
	return line + "; " + strings.Join(done, "; ")
}
