package export

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"vault"

	"vault/evidence"
	"vault/internal/date"
)

// Written describes a dossier after it is rendered.
type Written struct {
	Pages   int
	Bytes   int64
	AtLeast bool           // Bytes is a lower bound: the render stopped at a size limit
	Render  Render         // the image settings it was rendered with
	pages   map[string]int // the page of each exhibit (by label)
}

// RenderPDF checks the exhibits against their hashes and writes the PDF to out.
func RenderPDF(d Dossier, blobs *evidence.Blobs, out io.Writer) (Written, error) {
	return renderWithin(d, blobs, out, Profile{})
}

// errPages and errBytes are returned by renderWithin for a dossier over
// its profile's page or byte limit, found before it was written.
var (
	errPages = errors.New("too many pages")
	errBytes = errors.New("too large")
)

// renderWithin is RenderPDF that stops early when the dossier cannot meet
// the profile's limits (zero: none): after the layout when it has more
// pages than MaxPages, without preparing a picture or writing a byte (a
// split tries many exhibit counts that do not fit); and once its pictures
// alone are larger than MaxBytes, without encoding the rest (Fit tries the
// lossless rendering first, which a case of screenshots rarely meets).
// Written.Bytes is then a lower bound.
func renderWithin(d Dossier, blobs *evidence.Blobs, out io.Writer, p Profile) (Written, error) {
	if d.cache == nil {
		d.cache = newExportCache()
	}
	if err := d.Check(blobs); err != nil {
		return Written{}, err
	}
	var pages int
	d.pageOf, pages = layout(d, blobs)
	if p.MaxPages > 0 && pages > p.MaxPages {
		return Written{Pages: pages, pages: d.pageOf}, errPages
	}
	if !prefetch(d, blobs, p.MaxBytes, d.Render.Quality == 0) {
		return Written{Pages: pages, Bytes: p.MaxBytes + 1, AtLeast: true, Render: d.Render, pages: d.pageOf}, errBytes
	}
	w, err := render(d, blobs, out)
	w.pages = d.pageOf
	return w, err
}

// render lays out and writes the PDF.
func render(d Dossier, blobs *evidence.Blobs, out io.Writer) (Written, error) {
	doc, err := newDoc(meta{
		Title:   d.t("Evidence dossier") + ": " + d.title(),
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
			func() { d.front(doc) },
			func() { d.statement(doc) },
			func() { d.overview(doc) },
			func() { d.timeline(doc) },
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
		if evidence.Class(x.Blob.MediaType) != evidence.ClassPDF || !x.Whole() {
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
		name := pdfName(x)
		files[name], names = data, append(names, name)
	}
	if len(names) > 0 {
		doc.attach(files, names)
	}
	return nil
}

// pdfName is the name a PDF exhibit is attached under: E2-receipt.pdf.
func pdfName(x Exhibit) string { return x.Label + "-" + evidence.SafeName(x.FileName, "document.pdf") }

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// cover is the first page of a part after the first: which part, of which
// case, holding which exhibits.
func (d Dossier) cover(doc *doc) {
	c := d.Case
	doc.page()
	doc.gap(30)
	doc.heading(d.t("Evidence dossier"), 24, true)
	doc.para(bold, 14, d.title())
	doc.gap(8)
	part := fmt.Sprintf(d.t("%d of %d"), d.Part, d.Parts)
	if len(d.Exhibits) > 0 {
		part += fmt.Sprintf(d.t(" (exhibits %s to %s)"), d.Exhibits[0].Label, d.Exhibits[len(d.Exhibits)-1].Label)
	}
	doc.field(d.t("Part"), part)
	doc.field(d.t("Claimant"), d.Claimant)
	doc.field(d.t("Receiver"), c.Receiver)
	doc.field(d.t("Reference"), c.Reference)
	doc.field(d.t("Dispute number"), c.DisputeNumber)
	doc.field(d.t("Bank reference"), c.BankReference)
	doc.field(d.t("Generated"), d.date(date.Instant(d.Generated)))
}

func (d Dossier) messages(doc *doc) {
	if len(d.Messages) == 0 {
		return
	}
	doc.section()
	d.placeKey(doc, logKey)
	doc.heading(d.t("Communication log"), 16, true)
	doc.para(body, 9, d.t("Every message as recorded, verbatim, oldest first."))
	doc.gap(4)
	for _, m := range d.Messages {
		doc.need(20)
		d.placeKey(doc, m.ID.String())
		from := d.t("unknown")
		if m.Party != vault.PartyUnknown {
			from = m.Party.Word(d.Lang)
		}
		head := fmt.Sprintf(d.t("%s  ·  from %s"), d.date(m.OccurredAt), from)
		if m.Kind == vault.EvidenceEmail {
			head = fmt.Sprintf(d.t("%s  ·  email from %s"), d.date(m.OccurredAt), cmp.Or(m.From, d.t("unknown")))
		}
		if x := d.ExhibitOf(m.ID); x != "" {
			head += fmt.Sprintf(d.t("  ·  exhibit %s"), x)
		}
		if m.Kind == vault.EvidenceEmail {
			head += "\n" + fmt.Sprintf(d.t("Subject: %s"), m.Title)
		}
		doc.para(bold, 10, head)
		doc.gap(1)
		doc.para(body, 10, m.Body)
		for _, a := range d.Attachments {
			if a.Parent == m.ID {
				doc.para(body, 9, fmt.Sprintf(d.t("Attachment: %s (%s)"), a.FileName, cmp.Or(d.ExhibitOf(a.ID), d.t("not kept"))))
			}
		}
		doc.gap(5)
	}
}

// manifest lists every file with its size and SHA-256, and how to check them.
func (d Dossier) manifest(doc *doc) {
	doc.section()
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
			"to the one before by SHA-256, so this hash fixes the whole record history up to this dossier):"))
		doc.para(body, 8, fmt.Sprintf(d.t("%s (entry %d)"), d.AuditHead, d.AuditEntries))
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
		doc.para(bold, 9, fmt.Sprintf("%s  %s", x.Label, x.FileName))
		doc.para(body, 9, fmt.Sprintf(d.t("%s, %d bytes, %s"), x.Blob.MediaType, x.Blob.Size, x.Kind.Word(d.Lang)))
		doc.para(body, 8, x.Blob.SHA256)
		if !x.Whole() {
			doc.para(body, 8, d.t("Only this case's lines of the statement are shown; the file is kept by the claimant and not attached, as it lists other payments."))
		}
		doc.gap(3)
	}
	if doc.text.marked {
		doc.para(body, 9, d.t("Characters no font of this dossier can draw (emoji, Korean) are printed as \uFFFD; the texts and files in the vault keep them."))
	}
}
