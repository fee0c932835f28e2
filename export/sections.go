package export

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"strings"
	"vault"

	"vault/evidence"
	"vault/internal/date"
)

// Written describes a dossier after it is rendered.
type Written struct {
	Pages  int
	Bytes  int64
	Render Render         // the image settings it was rendered with
	pages  map[string]int // the page of each exhibit (by label)
}

// RenderPDF checks the exhibits against their hashes and writes the PDF to out.
func RenderPDF(d Dossier, blobs *evidence.Blobs, out io.Writer) (Written, error) {
	return renderUpTo(d, blobs, out, 0)
}

// errPages is returned by renderUpTo for a dossier of more than maxPages.
var errPages = errors.New("too many pages")

// renderUpTo is RenderPDF that stops after the layout when the dossier has
// more than maxPages pages (0: no limit), without preparing a picture or
// writing a byte: a split tries many exhibit counts that do not fit.
func renderUpTo(d Dossier, blobs *evidence.Blobs, out io.Writer, maxPages int) (Written, error) {
	if d.cache == nil {
		d.cache = newExportCache()
	}
	if err := d.Check(blobs); err != nil {
		return Written{}, err
	}
	var pages int
	d.pageOf, pages = layout(d, blobs)
	if maxPages > 0 && pages > maxPages {
		return Written{Pages: pages, pages: d.pageOf}, errPages
	}
	prefetch(d, blobs)
	w, err := render(d, blobs, out)
	w.pages = d.pageOf
	return w, err
}

// render lays out and writes the PDF.
func render(d Dossier, blobs *evidence.Blobs, out io.Writer) (Written, error) {
	doc, err := newDoc(meta{
		Title:   d.t("Evidence dossier") + ": " + d.Case.Title,
		Subject: fmt.Sprintf("%s %s", d.Case.Kind.Word(d.Lang), d.Case.ID),
		Created: d.Generated,
		PageOf:  d.t("page %d of {nb}"),
	})
	if err != nil {
		return Written{}, err
	}
	steps := []func(){
		func() { d.cover(doc) },
		func() { d.exhibits(doc, blobs) },
		func() { d.manifest(doc) },
	}
	if d.Part <= 1 {
		steps = []func(){
			func() { d.cover(doc) },
			func() { d.statement(doc) },
			func() { d.overview(doc) },
			func() { d.timeline(doc) },
			func() { d.orders(doc) },
			func() { d.messages(doc) },
			func() { d.exhibits(doc, blobs) },
			func() { d.manifest(doc) },
		}
	}
	for _, step := range steps {
		if err := doc.guard(step); err != nil {
			return Written{}, err
		}
	}
	if d.AttachPDFs {
		if err := d.attachPDFs(doc, blobs); err != nil {
			return Written{}, err
		}
	}
	cw := &countWriter{w: out}
	err = doc.output(cw)
	return Written{Pages: doc.pages(), Bytes: cw.n, Render: d.Render}, err
}

// attachPDFs embeds the exhibits that are PDFs, named by exhibit.
func (d Dossier) attachPDFs(doc *doc, blobs *evidence.Blobs) error {
	files := map[string][]byte{}
	var names []string
	for _, x := range d.Exhibits {
		if evidence.Class(x.Blob.MediaType) != evidence.ClassPDF {
			continue
		}
		f, err := blobs.Open(x.Blob.SHA256)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return err
		}
		name := x.Label + "-" + evidence.SafeName(x.FileName, "document.pdf")
		files[name], names = data, append(names, name)
	}
	if len(names) > 0 {
		doc.attach(files, names)
	}
	return nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (d Dossier) cover(doc *doc) {
	c := d.Case
	doc.page()
	doc.gap(30)
	doc.heading(d.t("Evidence dossier"), 24, true)
	doc.para(bold, 14, c.Title)
	doc.gap(8)
	if d.Parts > 1 {
		part := fmt.Sprintf(d.t("%d of %d"), d.Part, d.Parts)
		if len(d.Exhibits) > 0 {
			part += fmt.Sprintf(d.t(" (exhibits %s to %s)"), d.Exhibits[0].Label, d.Exhibits[len(d.Exhibits)-1].Label)
		}
		doc.field(d.t("Part"), part)
	}
	doc.field(d.t("Claimant"), d.Claimant)
	doc.field(d.t("Case"), fmt.Sprintf("%s (%s, %s)", c.ID, c.Kind.Word(d.Lang), c.Status.Word(d.Lang)))
	doc.field(d.t("Amount claimed"), d.money(c.Amount))
	doc.field(d.t("Receiver"), c.Receiver)
	doc.field(d.t("Reference"), c.Reference)
	doc.field(d.t("Dispute number"), c.DisputeNumber)
	doc.field(d.t("Bank reference"), c.BankReference)
	if a := d.Account; a != nil {
		account := a.Marketplace.Name() + ": " + a.Login
		if !a.Blocked.IsZero() {
			account += fmt.Sprintf(d.t(", restricted %s"), d.date(a.Blocked))
		}
		if a.Reason != "" {
			account += fmt.Sprintf(d.t(" (reason given: %s)"), a.Reason)
		}
		doc.field(d.t("Account"), account)
	}
	doc.field(d.t("Opened"), d.date(c.Opened))
	if c.Outcome != "" {
		decided := c.Outcome.Word(d.Lang) + ", " + d.date(c.Decided)
		if !c.Refunded.IsZero() {
			decided += ", " + d.money(c.Refunded) + d.t(" back")
		}
		doc.field(d.t("Decided"), decided)
	}
	var orders []string
	for _, o := range d.Orders {
		orders = append(orders, fmt.Sprintf("%s %s (%s)", o.Marketplace.Name(), o.Number, o.ID))
	}
	doc.field(d.t("Orders"), strings.Join(orders, "\n"))
	if len(d.Entries) > 0 {
		doc.field(d.t("Period"), d.date(d.Entries[0].At)+d.t(" to ")+d.date(d.Entries[len(d.Entries)-1].At))
	}
	doc.field(d.t("Contents"), strings.Join([]string{d.count(len(d.Orders), "%d order", "%d orders"),
		d.count(len(d.Messages), "%d message", "%d messages"), d.count(len(d.Exhibits), "%d exhibit", "%d exhibits")}, ", "))
	doc.field(d.t("Generated"), d.date(date.Instant(d.Generated))+d.t(" by vault"))
	doc.gap(10)
	doc.para(body, 9, d.t("Every file in this dossier is identified by its SHA-256 in the manifest at the end. "+
		"The originals are kept unaltered; anyone holding a copy can check it with sha256sum."))
	if len(d.Events) > 0 {
		doc.gap(6)
		doc.heading(d.t("Case events"), 12, false)
		for _, e := range d.Events {
			doc.field(d.date(e.At), d.eventText(e.Text))
		}
	}
}

func (d Dossier) orders(doc *doc) {
	doc.page()
	doc.heading(d.t("Orders"), 16, true)
	for _, o := range d.Orders {
		doc.need(40)
		doc.heading(fmt.Sprintf(d.t("%s order %s"), o.Marketplace.Name(), o.Number), 12, false)
		doc.field(d.t("Record"), o.ID.String())
		doc.field(d.t("Status"), o.Status.Word(d.Lang))
		doc.field(d.t("Seller"), o.Seller)
		doc.field(d.t("Total"), d.money(o.Total))
		for _, dt := range o.Dates() {
			doc.field(d.t(strings.ToUpper(dt.Label[:1])+dt.Label[1:]), d.date(dt.At))
		}
		if !o.Refunded.IsZero() {
			doc.field(d.t("Refunded"), d.money(o.Refunded))
		}
		doc.field(d.t("Refunded at"), d.date(o.RefundedAt))
		doc.field(d.t("Protection ends"), d.date(o.ProtectionEnds))
		doc.field(d.t("Payment"), o.Payment)
		doc.field(d.t("Tracking"), strings.Join(o.Tracking, ", "))
		doc.field(d.t("Items"), strings.Join(o.Items, "\n"))
		doc.field(d.t("Note"), o.Note)
		doc.gap(6)
	}
}

func (d Dossier) messages(doc *doc) {
	if len(d.Messages) == 0 {
		return
	}
	doc.page()
	doc.heading(d.t("Communication log"), 16, true)
	doc.para(body, 9, d.t("Every message as recorded, verbatim, oldest first."))
	doc.gap(4)
	for _, m := range d.Messages {
		doc.need(20)
		ref := m.ID.String()
		if x := d.ExhibitOf(m.ID); x != "" {
			ref += d.t(", exhibit ") + x
		}
		from := d.t("unknown")
		if m.Party != vault.PartyUnknown {
			from = m.Party.Word(d.Lang)
		}
		head := fmt.Sprintf(d.t("%s  ·  from %s  ·  %s"), d.date(m.OccurredAt), from, ref)
		if m.Kind == vault.EvidenceEmail {
			head = fmt.Sprintf(d.t("%s  ·  email from %s  ·  %s\nSubject: %s"), d.date(m.OccurredAt), cmp.Or(m.From, d.t("unknown")), ref, m.Title)
		}
		doc.para(bold, 10, head)
		doc.gap(1)
		doc.para(body, 10, m.Body)
		for _, a := range d.Attachments {
			if a.Parent == m.ID {
				doc.para(body, 9, fmt.Sprintf(d.t("Attachment: %s (%s)"), a.FileName, cmp.Or(d.ExhibitOf(a.ID), a.ID.String())))
			}
		}
		doc.gap(5)
	}
}

// manifest lists every file with its size and SHA-256, and how to check them.
func (d Dossier) manifest(doc *doc) {
	doc.page()
	doc.heading(d.t("Manifest"), 16, true)
	doc.para(body, 9, fmt.Sprintf(d.t("Generated %s. Each original file of this case, as stored in the vault "+
		"(content-addressed, read-only). To check a copy of an original: sha256sum FILE, and compare "+
		"with the hash below."), d.date(date.Instant(d.Generated))))
	doc.gap(4)
	if d.Redacted {
		what := d.t("Card numbers in the printed text of this dossier are masked to their last four digits.")
		if d.RedactedContacts {
			what += d.t(" Email addresses and phone numbers are masked too.")
		}
		doc.para(body, 9, what+d.t(" The original files listed below are unaltered."))
		doc.gap(3)
	}
	if d.AuditHead != "" {
		doc.para(body, 9, d.t("Head of the vault's audit log when this dossier was generated (each entry is chained "+
			"to the one before by SHA-256, so this hash vouches for the whole record history):"))
		doc.para(body, 8, d.AuditHead)
		doc.gap(4)
	}
	if len(d.Exhibits) == 0 {
		doc.para(body, 10, d.t("No files are attached to this case."))
	}
	if d.AttachPDFs {
		doc.para(body, 9, d.t("The exhibits that are PDF documents are embedded in this file as attachments, unaltered."))
		doc.gap(3)
	}
	for _, x := range d.Exhibits {
		doc.need(18)
		doc.para(bold, 9, fmt.Sprintf("%s  %s  %s", x.Label, x.ID, x.FileName))
		doc.para(body, 9, fmt.Sprintf(d.t("%s, %d bytes, %s"), x.Blob.MediaType, x.Blob.Size, x.Kind.Word(d.Lang)))
		doc.para(body, 8, x.Blob.SHA256)
		doc.gap(3)
	}
}
