package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/internal/lang"
)

func newShowEvidenceCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "evidence EV-n",
		Short: "Show one piece of evidence: its facts, links, sender, text and file",
		Long: `Show one piece of evidence: its kind, date, sender and recipients, title,
the orders and cases it is linked to, its text (a message's words, or what
OCR read off a picture), and its file: media type, size, SHA-256 and where
the vault keeps it (read-only; 'sha256sum' of that file prints the same
sum). A saved web page shows its address, when it was saved (in the
saver's zone, and as written), a listing's item, price and seller (and
what they offer the order's empty fields), a tracking page's events, and
its text. An email lists the files it carries. Retracted evidence is shown
too, with the reason.`,
		Example: `  vault show evidence EV-3
  vault show evidence EV-3 --json`,
		Args: exactArgs(1, "an evidence id (EV-n)"),
	}
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) (casework.EvidenceView, error) {
		v, err := svc.EvidenceView(ctx, args[0])
		v.Parts = nonNil(v.Parts)
		return v, err
	}, a.printEvidenceView)
}

func (a *app) printEvidenceView(v casework.EvidenceView) error {
	e, l := v.Evidence, lang.EN
	kv := []string{"Evidence", e.ID.String(), "Kind", e.Kind.Word(l), "Date", l.Date(e.OccurredAt, a.loc),
		"From", from(e), "To", e.To, "Title", e.Title, "File name", e.FileName, "Came in", string(e.Source),
		"Orders", joinIDs(e.Orders), "Cases", joinIDs(e.Cases)}
	if e.Parent != 0 {
		kv = append(kv, "Part of", e.Parent.String())
	}
	if b := e.Blob; b != nil {
		kv = append(kv, "Type", b.MediaType, "Size", humanSize(b.Size), "SHA-256", b.SHA256, "File", v.Path)
	}
	if p := v.Page; p != nil {
		kv = append(kv, "Page", pageFormats[p.Format], "Address", p.Address, "Saved", savedLine(*p), "Page title", p.Title)
		if l := p.Listing; l != nil {
			kv = append(kv, "Item", l.Item, "Price", lang.EN.Money(l.Price), "Seller", l.Seller)
		}
	}
	kv = append(kv, "Recorded", e.CreatedAt.In(a.loc).Format("2006-01-02 15:04"), "Retracted", e.Retracted, "Note", e.Note)
	if err := fields(a.stdout, kv...); err != nil {
		return err
	}
	printBlock(a, "Text", e.Body)
	printBlock(a, "Read from the file", v.Text)
	if p := v.Page; p != nil {
		printBlock(a, "Tracking events", trackingLines(p.Events))
		printBlock(a, "Read from the page", p.Text)
	}
	a.printNotes(v.Offers)
	if len(v.Parts) > 0 {
		fmt.Fprintln(a.stdout, "\nFiles in it:")
		return a.printEvidenceTable(v.Parts, say(l))
	}
	return nil
}

// pageFormats name the formats of saved pages as the browsers' menus do.
var pageFormats = map[vault.PageFormat]string{vault.PageSingleFile: "saved with SingleFile (HTML)",
	vault.PageMHTML: "saved as MHTML (Webpage, Single File)", vault.PagePDF: "printed to PDF"}

// savedLine is a page's save time in its own zone, and as the saver
// wrote it when that reads otherwise.
func savedLine(p vault.Page) string {
	s := p.SavedText()
	if p.Saved != "" && p.Saved != s {
		s += " (written " + p.Saved + ")"
	}
	return s
}

// trackingLines are a page's tracking events, one a line, as the page
// lists them.
func trackingLines(events []vault.TrackingEvent) string {
	lines := make([]string, len(events))
	for i, e := range events {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

// from is who sent the evidence: its party, with the mail's address.
func from(e vault.Evidence) string {
	party := ""
	if e.Party != vault.PartyUnknown {
		party = e.Party.Word(lang.EN)
	}
	switch {
	case e.From == "":
		return party
	case party == "":
		return e.From
	}
	return party + " (" + e.From + ")"
}

// printBlock writes a titled text, indented, when there is one.
func printBlock(a *app, title, text string) {
	if text = strings.TrimSpace(text); text == "" {
		return
	}
	fmt.Fprintf(a.stdout, "\n%s:\n", title)
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(a.stdout, "  %s\n", strings.TrimRight(line, " \t\r"))
	}
}
