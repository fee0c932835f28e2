package export

// This file is the only one that imports the PDF library (fpdf, the
// maintained line of gofpdf, with vault's patches: third_party/fpdf). The
// dossier's sections are written against doc's small set of primitives.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/phpdave11/gofpdi"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	footerH      = 12.0
	contentW     = pageW - 2*margin
)

// Text styles, named for their fonts: the library writes the name into the
// PDF (as "utf8" and the name in lower case), where pdffonts shows it.
// Hashes use body: a monospaced face would add a third font to every
// dossier for one line a file.
const (
	body   = "DejaVuSans"
	bold   = "DejaVuSans-Bold"
	cjk    = "fallback" // one weight: bold CJK prints as regular
	lineMM = 0.42       // line height per point of font size
)

// doc is a PDF being written: a thin layer over fpdf.
type doc struct {
	p        *fpdf.Fpdf
	text     *coverage
	pageOf   string // the footer: "page %d of {nb}"
	fallback bool   // the fallback font is registered
	// PDF exhibits whose pages are drawn: one importer, and each source's
	// templates by SHA-256, the name the importer knows it by.
	imp      *gofpdi.Importer
	imported map[string][]int
}

// meta is the document information written into the PDF.
type meta struct {
	Title, Subject string
	Created        time.Time
	PageOf         string // the footer, with %d for the page and {nb} for the count
}

func newDoc(m meta) (*doc, error) {
	tf, err := typefaceTTF()
	if err != nil {
		return nil, err
	}
	text, err := newCoverage()
	if err != nil {
		return nil, err
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(body, "", tf.regular)
	p.AddUTF8FontFromBytes(bold, "", tf.bold)
	p.SetMargins(margin, margin, margin)
	p.SetCellMargin(0) // runs in two fonts sit side by side in one line
	p.SetAutoPageBreak(true, margin+footerH)
	p.SetTitle(text.meta(m.Title), true)
	p.SetSubject(text.meta(m.Subject), true)
	p.SetCreator("vault", true)
	p.SetProducer("vault", true)
	p.SetCatalogSort(true) // fonts and images in a fixed order: byte-identical output
	p.SetCreationDate(m.Created)
	p.SetModificationDate(m.Created)
	p.AliasNbPages("{nb}")
	d := &doc{p: p, text: text, pageOf: m.PageOf}
	p.SetFooterFunc(d.footer)
	return d, p.Error()
}

func (d *doc) footer() {
	d.p.SetY(-margin - footerH/2)
	d.p.SetFont(body, "", 8)
	d.p.SetTextColor(110, 110, 110)
	d.p.CellFormat(0, 5, fmt.Sprintf(d.pageOf, d.p.PageNo()), "", 0, "C", false, 0, "")
	d.p.SetTextColor(0, 0, 0)
}

// page starts a new page.
func (d *doc) page() { d.p.AddPage() }

// section starts a section below the one before when that left more than
// half of its page empty, else on a new page: no page of short sections is
// mostly white.
func (d *doc) section() {
	if d.pages() == 0 || d.left() < (d.bottom()-margin)/2 {
		d.page()
		return
	}
	d.gap(10)
}

// heading writes a title, with a bookmark to it when mark is set.
// Bookmarks are kept flat: fpdf (as gofpdf before it) writes /Count 0 on
// outline items that have children, which the PDF spec forbids and strict
// validators reject; a flat outline is valid and still lists every section
// and exhibit.
func (d *doc) heading(s string, size float64, mark bool) {
	d.need(size * lineMM * 3)
	if mark {
		d.p.Bookmark(d.text.meta(s), 0, -1)
	}
	d.write(margin, contentW, bold, size, size*lineMM*1.2, s)
	d.p.Ln(size * lineMM * 0.5)
}

// para writes wrapped text in a style; long words break where they must.
func (d *doc) para(style string, size float64, s string) {
	d.write(margin, contentW, style, size, size*lineMM, s)
}

// field writes "label  value" with the label in bold in a fixed column.
func (d *doc) field(label, value string) {
	if value == "" {
		return
	}
	label = d.text.clean(label)
	d.p.SetFont(bold, "", 10)
	// The column holds the labels of page 1 in both languages ("Kontakt med
	// selger" is 39 mm); a longer label (a date with its time) keeps a gap.
	labelW := max(44.0, d.p.GetStringWidth(label)+3)
	x := d.p.GetX()
	y := d.p.GetY()
	d.p.CellFormat(labelW, 10*lineMM, label, "", 0, "L", false, 0, "")
	d.p.SetXY(x+labelW, y)
	d.write(x+labelW, contentW-labelW, body, 10, 10*lineMM, value)
}

// pages is the number of pages so far.
func (d *doc) pages() int { return d.p.PageCount() }

// gap adds vertical space.
func (d *doc) gap(mm float64) { d.p.Ln(mm) }

// need starts a new page when less than mm remain above the footer.
func (d *doc) need(mm float64) {
	if d.p.GetY()+mm > pageH-margin-footerH {
		d.p.AddPage()
	}
}

// left returns the height left on the page above the footer.
func (d *doc) left() float64 { return pageH - margin - footerH - d.p.GetY() }

// imageAt places a picture centred at the top of the box (x, y, w, h),
// keeping its aspect ratio and framing it; it returns the height used.
func (d *doc) imageAt(pic picture, x, y, w, h float64) float64 {
	if pic.data == nil { // a dry run: only the layout counts
		return float64(pic.h) * min(w/float64(pic.w), h/float64(pic.h))
	}
	name := pic.id // the same pixels are one image, however often shown
	if d.p.GetImageInfo(name) == nil {
		d.p.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: pic.format}, bytes.NewReader(pic.data))
	}
	scale := min(w/float64(pic.w), h/float64(pic.h))
	iw, ih := float64(pic.w)*scale, float64(pic.h)*scale
	x += (w - iw) / 2
	d.p.ImageOptions(name, x, y, iw, ih, false, fpdf.ImageOptions{ImageType: pic.format}, 0, "")
	d.p.SetDrawColor(180, 180, 180)
	d.p.Rect(x, y, iw, ih, "D")
	return ih
}

// textAt writes wrapped text in a column of width w at (x, y), with a
// bookmark when mark is not empty, and returns the height used.
func (d *doc) textAt(x, y, w float64, style string, size float64, s, mark string) float64 {
	d.p.SetY(y)
	if mark != "" {
		d.p.Bookmark(d.text.meta(mark), 0, y)
	}
	return d.write(x, w, style, size, size*lineMM, s)
}

// timelineRow writes "when  what  ref". There are no links to the exhibits:
// fpdf writes link annotations inline, where the PDF spec (ISO 32000-1,
// table 30) wants indirect references and strict validators refuse the
// file; the reference names the exhibit's page instead ("E3, p. 12"), which
// also works on paper, and every exhibit has a bookmark. The reference's
// column has a fixed width, so the page numbers cannot move the layout.
func (d *doc) timelineRow(when, what, ref string) {
	const whenW, refW = 46.0, 20.0 // "16.11.2026 kl. 20:05 CEST" is 42 mm
	y := d.p.GetY()
	d.p.SetFont(body, "", 9)
	d.p.CellFormat(whenW, 9*lineMM, d.text.clean(when), "", 0, "L", false, 0, "")
	d.p.SetXY(margin+contentW-refW, y)
	d.p.CellFormat(refW, 9*lineMM, ref, "", 0, "R", false, 0, "")
	d.p.SetY(y)
	d.write(margin+whenW, contentW-whenW-refW-2, body, 9, 9*lineMM, what)
	d.p.Ln(1)
}

// write sets s in a column of width w starting at x on the current line,
// each line in as many runs as it changes font, and returns the height used.
// The cursor ends at the left margin below the text, as after MultiCell.
func (d *doc) write(x, w float64, style string, size, lh float64, s string) float64 {
	lines := wrap(d.text, d.text.clean(s), w, func(r run) float64 {
		d.font(style, size, r.fallback)
		return d.p.GetStringWidth(r.s)
	})
	for _, l := range lines {
		d.p.SetX(x)
		for _, r := range l {
			d.font(style, size, r.fallback)
			d.p.CellFormat(d.p.GetStringWidth(r.s), lh, r.s, "", 0, "L", false, 0, "")
		}
		d.p.Ln(lh)
	}
	return float64(len(lines)) * lh
}

// font selects the style, or the fallback font, registering it the first
// time a dossier needs it: most dossiers never carry its subset.
func (d *doc) font(style string, size float64, fallback bool) {
	if fallback {
		if !d.fallback {
			ttf, err := fallbackTTF() // read already: the text's coverage asked for it
			if err != nil {
				d.p.SetError(err)
				return
			}
			d.p.AddUTF8FontFromBytes(cjk, "", ttf)
			d.fallback = true
		}
		style = cjk
	}
	d.p.SetFont(style, "", size)
}

// pageSize is a PDF page's width and height in points.
type pageSize struct{ w, h float64 }

// checkPDF reads a PDF as the render does: its page count, every page's
// size, and the first maxPDFPages pages imported, within the importer's
// limits on inflating (gofpdi.DefaultLimits: a stream at most 16 MB, all
// of them 64 MB; a receipt's page is kilobytes). A file the importer
// cannot read is an error, never a crash.
func checkPDF(src []byte) (pdfDoc, error) { return checkPDFWithin(src, gofpdi.DefaultLimits) }

// checkPDFWithin is checkPDF within other limits.
func checkPDFWithin(src []byte, limits gofpdi.Limits) (doc pdfDoc, err error) {
	defer caught("read PDF", &err)
	if !bytes.HasPrefix(src, []byte("%PDF-")) { // the reader loops for ever on an empty file
		return pdfDoc{}, errors.New("read PDF: not a PDF (no %PDF- header)")
	}
	imp := gofpdi.NewImporter()
	imp.SetLimits(limits)
	rs := io.ReadSeeker(bytes.NewReader(src))
	imp.SetSourceStreamNamed("check", &rs)
	boxes := imp.GetPageSizes()
	doc.pages = imp.GetNumPages()
	for n := 1; n <= doc.pages; n++ {
		box := boxes[n]["/MediaBox"]
		if box["w"] <= 0 || box["h"] <= 0 {
			return pdfDoc{}, fmt.Errorf("read PDF: page %d has no size", n)
		}
		if n <= maxPDFPages {
			doc.sizes = append(doc.sizes, pageSize{box["w"], box["h"]})
		}
	}
	for n := range doc.sizes {
		imp.ImportPage(n+1, "/MediaBox")
	}
	imp.PutFormXobjectsUnordered()
	imp.GetImportedObjectsUnordered()
	return doc, nil
}

// pdfPage draws page n (from 1) of the PDF src, named by its SHA-256,
// at (x, y) in a box w wide and h high, keeping its proportions, framed.
// The first call for a source imports its first pages (shown of them).
func (d *doc) pdfPage(sum string, src []byte, n, shown int, size pageSize, x, y, w, h float64) (err error) {
	defer caught("read PDF", &err)
	tpls, err := d.importPDF(sum, src, shown)
	if err != nil {
		return err
	}
	scale := min(w/size.w, h/size.h)
	iw, ih := size.w*scale, size.h*scale
	x += (w - iw) / 2
	name, sx, sy, tx, ty := d.imp.UseTemplate(tpls[n-1], x, y, iw, ih)
	d.p.UseImportedTemplate(name, sx, sy, tx, ty)
	d.p.SetDrawColor(180, 180, 180)
	d.p.Rect(x, y, iw, ih, "D")
	return d.p.Error()
}

// importPDF imports a source's first pages as templates, once: the
// importer writes every template of a source each time it is asked.
func (d *doc) importPDF(sum string, src []byte, pages int) ([]int, error) {
	if tpls, ok := d.imported[sum]; ok {
		return tpls, nil
	}
	if d.imp == nil {
		d.imp, d.imported = gofpdi.NewImporter(), map[string][]int{}
	}
	rs := io.ReadSeeker(bytes.NewReader(src))
	d.imp.SetSourceStreamNamed(sum, &rs)
	var tpls []int
	for n := 1; n <= pages; n++ {
		tpls = append(tpls, d.imp.ImportPage(n, "/MediaBox"))
	}
	d.p.ImportTemplates(d.imp.PutFormXobjectsUnordered())
	d.p.ImportObjects(d.imp.GetImportedObjectsUnordered())
	d.p.ImportObjPos(d.imp.GetImportedObjHashPos())
	if len(src) > 7 && src[5] == '1' && src[6] == '.' && src[7] >= '0' && src[7] <= '9' { // "%PDF-1.4"
		d.p.RaisePdfVersion(1, uint(src[7]-'0')) // its pages may use what their version allows
	}
	d.imported[sum] = tpls
	return tpls, nil
}

// bottom is the y where a page's content ends.
func (d *doc) bottom() float64 { return pageH - margin - footerH }

// attach embeds files in the PDF as document-level attachments.
func (d *doc) attach(files map[string][]byte, names []string) {
	var as []fpdf.Attachment
	for _, n := range names {
		as = append(as, fpdf.Attachment{Content: files[n], Filename: n})
	}
	d.p.SetAttachments(as)
}

// output finishes the document and writes it. The library panics on some
// input it cannot encode; that becomes an error, never a crash.
func (d *doc) output(w io.Writer) (err error) {
	defer caught("render PDF", &err)
	if err := d.p.Error(); err != nil {
		return fmt.Errorf("render PDF: %w", err)
	}
	return d.p.Output(w)
}

// caught turns a panic of the PDF libraries (deferred) into *err: they
// panic on some input they cannot read or encode, never a crash here.
func caught(what string, err *error) {
	r := recover()
	if e, ok := r.(error); ok {
		*err = fmt.Errorf("%s: %s", what, ends(e))
	} else if r != nil {
		*err = fmt.Errorf("%s: %v", what, r)
	}
}

// ends is the outermost and the innermost message of an error the PDF
// reader wrapped at each level: a page tree 256 levels deep said "Failed
// to read kids: " 256 times, which the dossier prints.
func ends(err error) string {
	inner := err
	for {
		c, ok := inner.(interface{ Cause() error }) // github.com/pkg/errors, as the reader wraps
		if !ok || c.Cause() == nil {
			break
		}
		inner = c.Cause()
	}
	if inner == err {
		return err.Error()
	}
	outer, _, _ := strings.Cut(err.Error(), ": ")
	return outer + ": " + inner.Error()
}

// guard runs a step of the layout, turning a panic of the library into an error.
func (d *doc) guard(step func()) (err error) {
	defer caught("render PDF", &err)
	step()
	return d.p.Error()
}
