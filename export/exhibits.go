package export

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"vault"
	"vault/evidence"
)

// Render sets how exhibits' images are embedded.
type Render struct {
	DPI int // pixels per inch at the printed size
	// Quality is the JPEG quality of every image; 0 keeps screenshots
	// lossless (PNG, sharpest text) and photos at 82.
	Quality int
	// Native embeds every image at its own pixels, never scaled down (a
	// plain PNG byte for byte): full quality, as img2pdf does.
	Native bool
}

// DefaultRender is sharp and still compact: 150 DPI, screenshots lossless.
var DefaultRender = Render{DPI: 150}

const (
	mmPerInch = 25.4
	// tall is the height/width ratio from which an image is a phone
	// screenshot, laid out in columns at the page's full height.
	tall   = 1.6
	gutter = 6.0 // mm between columns
	// longRun is the number of screenshots in a row from which they go
	// three to a page (a chat's scroll); fewer go one or two to a page, where
	// a phone's 30 px text prints at 8 pt and 6 pt, not 4 pt.
	longRun = 6
)

// perRow is how many of a run of n tall screenshots share a page.
func perRow(n int) int {
	switch {
	case n == 1:
		return 1
	case n < longRun:
		return 2
	}
	return 3
}

// exhibits lays out the exhibits: a lone screenshot large, two side by
// side, a long run three to a page; other images a page each, other files
// as a caption pointing to the manifest.
func (d Dossier) exhibits(doc *doc, blobs *evidence.Blobs) {
	if len(d.Exhibits) == 0 {
		return
	}
	doc.page()
	doc.heading(d.t("Exhibits"), 16, true)
	fresh := true // the current page holds only the section heading
	for i := 0; i < len(d.Exhibits); {
		x := d.Exhibits[i]
		switch {
		case x.Picture != nil: // a saved page, shown by its picture
			if !fresh || doc.left() < 150 {
				doc.page()
			}
			d.caption(doc, x)
			doc.para(body, 8, fmt.Sprintf(d.t("Shown by its picture, which vault drew of the saved page with headless Chromium (network and scripts off): %s, SHA-256 %s."),
				x.Picture.ID, x.Picture.Blob.SHA256))
			doc.gap(1)
			d.pagePicture(doc, blobs, x)
			doc.gap(5)
			i++
		case !x.Whole():
			doc.need(25)
			d.caption(doc, x)
			d.statementLines(doc, x)
			doc.gap(5)
			i++
		case x.Page != nil && evidence.Class(x.Blob.MediaType) != evidence.ClassPDF:
			doc.need(60)
			d.caption(doc, x)
			d.pageText(doc, x)
			doc.gap(5)
			i++
		case evidence.Class(x.Blob.MediaType) == evidence.ClassPDF:
			if !fresh || doc.left() < 150 {
				doc.page()
			}
			d.caption(doc, x)
			if !d.pdfExhibit(doc, blobs, x) || d.AttachPDFs {
				d.document(doc, blobs, x)
			}
			doc.gap(5)
			i++
		case !evidence.IsImage(x.Blob.MediaType):
			doc.need(25)
			d.caption(doc, x)
			d.document(doc, blobs, x)
			doc.gap(5)
			i++
		case d.isTall(x, blobs):
			run := 1
			for i+run < len(d.Exhibits) && d.isTall(d.Exhibits[i+run], blobs) {
				run++
			}
			n := min(run, perRow(run))
			if !fresh || doc.left() < 150 {
				doc.page()
			}
			d.row(doc, blobs, d.Exhibits[i:i+n], perRow(run))
			i += n
		default:
			if !fresh || doc.left() < 150 {
				doc.page()
			}
			d.caption(doc, x)
			d.picture(doc, blobs, x.Blob, band{}, margin, doc.p.GetY(), contentW, doc.left()-2)
			i++
		}
		fresh = false
	}
}

// row puts tall screenshots side by side in columns, each under its caption.
func (d Dossier) row(doc *doc, blobs *evidence.Blobs, xs []Exhibit, columns int) {
	w := (contentW - gutter*float64(columns-1)) / float64(columns)
	y0 := doc.p.GetY()
	for i, x := range xs {
		left := margin + float64(i)*(w+gutter)
		name := fmt.Sprintf(d.t("Exhibit %s: %s"), x.Label, x.FileName)
		d.place(doc, x)
		title, caption := 9.0, 7.0
		if columns == 1 {
			title, caption = 12, 9
		}
		h := doc.textAt(left, y0, w, bold, title, name, name)
		h += doc.textAt(left, y0+h, w, body, caption, d.captionText(x), "")
		d.picture(doc, blobs, x.Blob, band{}, left, y0+h+1.5, w, doc.bottom()-(y0+h+1.5)-2)
	}
	doc.p.SetY(doc.bottom())
}

// picture renders one image, or a band of its rows, into a box, or says
// why it cannot.
func (d Dossier) picture(doc *doc, blobs *evidence.Blobs, b *vault.Blob, rows band, left, top, w, h float64) {
	r := d.Render
	if r.DPI == 0 {
		r = DefaultRender
	}
	maxW, maxH := int(w/mmPerInch*float64(r.DPI)), int(h/mmPerInch*float64(r.DPI))
	if r.Native {
		maxW, maxH = math.MaxInt32, math.MaxInt32
	}
	pic, err := d.cache.get(pictureKey{b.SHA256, maxW, maxH,
		b.MediaType == "image/jpeg", r.Quality, rows}, blobs)
	if err != nil {
		doc.textAt(left, top, w, body, 9, fmt.Sprintf(d.t("The image could not be rendered (%v). The original is identified in the manifest."), err), "")
		return
	}
	used := doc.imageAt(pic, left, top, w, h)
	doc.p.SetY(top + used + 2)
}

// isTall reports whether an exhibit is a tall image (a phone screenshot).
func (d Dossier) isTall(x Exhibit, blobs *evidence.Blobs) bool {
	if !evidence.IsImage(x.Blob.MediaType) {
		return false
	}
	w, h, err := d.cache.size(x.Blob.SHA256, blobs)
	return err == nil && float64(h) >= tall*float64(w)
}

// maxText is how much of a text file an exhibit prints.
const maxText = 16 << 10

// document shows an exhibit that is not an image as far as paper can: an
// email's head and text, a text file's text, where a PDF travels; else why
// it is only listed.
func (d Dossier) document(doc *doc, blobs *evidence.Blobs, x Exhibit) {
	switch evidence.Class(x.Blob.MediaType) {
	case evidence.ClassEmail:
		if x.Body != "" {
			head := fmt.Sprintf(d.t("From: %s\nTo: %s\nDate: %s\nSubject: %s"), x.From, x.To, d.date(x.OccurredAt), x.Title)
			doc.para(bold, 9, head)
			doc.gap(2)
			doc.para(body, 10, x.Body)
			return
		}
	case evidence.ClassText:
		if text, cut, ok := d.readText(blobs, x); ok {
			doc.para(body, 9, text)
			if cut {
				doc.para(body, 8, d.t("[The file goes on; the original is identified in the manifest.]"))
			}
			return
		}
	case evidence.ClassPDF:
		if d.AttachPDFs {
			doc.para(body, 9, fmt.Sprintf(d.t("A PDF document, embedded unaltered in this file as the attachment %s (your PDF reader lists the attachments)."),
				pdfName(x)))
			return
		}
	}
	doc.para(body, 9, d.t(notShown(x.Blob.MediaType)))
}

// savedFrom is where and when a web page was saved, as its saver wrote it
// (the time in the zone it was written in): the caption of its exhibit,
// whether the dossier shows its text or its picture.
func (d Dossier) savedFrom(p vault.Page) string {
	address, saved := p.Address, p.SavedText()
	if d.mask != nil {
		address = d.mask(address)
	}
	switch {
	case address != "" && saved != "":
		return fmt.Sprintf(d.t("Saved from %s on %s"), address, saved)
	case address != "":
		return fmt.Sprintf(d.t("Saved from %s (the saver wrote no time)"), address)
	case saved != "":
		return fmt.Sprintf(d.t("Saved on %s (the saver wrote no address)"), saved)
	}
	return d.t("A saved web page that names neither its address nor when it was saved")
}

// pageText lays out a saved web page's text, as a reader saw it (its
// scripts, styles and hidden parts left out), masked as the dossier's
// other text is.
func (d Dossier) pageText(doc *doc, x Exhibit) {
	text, cut := x.Page.Text, false
	if len(text) > maxText {
		text, cut = strings.ToValidUTF8(text[:maxText], ""), true
	}
	if d.mask != nil {
		text = d.mask(text)
	}
	doc.para(body, 8, d.t("The page's text as it was saved, without its scripts, styles and hidden parts; the original file is identified in the manifest."))
	doc.gap(2)
	if strings.TrimSpace(text) == "" {
		text = d.t("[The page holds no text.]")
	}
	doc.para(body, 9, text)
	if cut {
		doc.para(body, 8, d.t("[The page goes on; the original is identified in the manifest.]"))
	}
}

// readText is the start of a text exhibit, masked as the dossier's other
// text is, and whether it was cut; false when it is not UTF-8 text.
func (d Dossier) readText(blobs *evidence.Blobs, x Exhibit) (string, bool, bool) {
	f, err := blobs.Open(x.Blob.SHA256)
	if err != nil {
		return "", false, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxText+1))
	if err != nil {
		return "", false, false
	}
	cut := len(data) > maxText
	if cut {
		data = data[:maxText]
		for len(data) > 0 && !utf8.Valid(data) {
			data = data[:len(data)-1] // a rune cut at the limit
		}
	}
	if !utf8.Valid(data) {
		return "", false, false
	}
	text := string(data)
	if d.mask != nil {
		text = d.mask(text)
	}
	return text, cut, true
}

// notShown says why an exhibit is listed rather than shown.
func notShown(mediaType string) string {
	switch evidence.Class(mediaType) {
	case evidence.ClassHEIC:
		return "An HEIC photo (the iPhone's format), which this dossier cannot render. The original is kept " +
			"unaltered and identified in the manifest; to show it here, export it from the phone as JPEG and attach that too."
	case evidence.ClassVideo:
		return "A video: it cannot be shown on paper. The original is identified in the manifest."
	case evidence.ClassPDF:
		return "A PDF whose pages this dossier cannot read (it may be damaged), so they are not shown. The original is kept unaltered and identified in the manifest."
	}
	return "Not shown as an image; the original file is identified in the manifest."
}

func (d Dossier) caption(doc *doc, x Exhibit) {
	doc.heading(fmt.Sprintf(d.t("Exhibit %s: %s"), x.Label, x.FileName), 12, true)
	d.place(doc, x)
	doc.para(body, 9, d.captionText(x))
	doc.gap(2)
}

// captionText is what identifies an exhibit: record, kind, type, date,
// where and when a saved web page was saved, note, hash.
func (d Dossier) captionText(x Exhibit) string {
	s := fmt.Sprintf("%s · %s", x.Kind.Word(d.Lang), x.Blob.MediaType)
	if !x.OccurredAt.IsZero() {
		s += " · " + d.date(x.OccurredAt)
	}
	if x.Page != nil {
		s += "\n" + d.savedFrom(*x.Page)
	}
	if x.Note != "" {
		s += "\n" + d.t("Note") + ": " + x.Note
	}
	return s + "\nSHA-256 " + x.Blob.SHA256
}

// place notes the page an exhibit is shown on, during the dry layout.
func (d Dossier) place(doc *doc, x Exhibit) { d.placeKey(doc, x.Label) }

// logKey is the communication log's key among the placed pages; a message
// is placed under its record id.
const logKey = "log"

// placeKey notes the page something is on, during the dry layout, unless
// an earlier page already has it.
func (d Dossier) placeKey(doc *doc, key string) {
	if _, ok := d.placed[key]; d.placed != nil && !ok {
		d.placed[key] = doc.p.PageNo()
	}
}

// layout lays the dossier out without images: it learns which pictures the
// render needs, the page each exhibit lands on (returned) and the page count,
// which the real render will have too. The layout does not depend on the
// exhibits' page numbers: they are printed in a column of fixed width.
func layout(d Dossier, blobs *evidence.Blobs) (map[string]int, int) {
	c := d.cache
	c.dry, c.wanted = true, nil
	d.placed = map[string]int{}
	w, _ := render(d, blobs, io.Discard)
	c.dry = false
	return d.placed, w.Pages
}

// statementLines shows the lines of a statement file that are linked to
// the case's orders, as the bank wrote them, with their line in the file.
func (d Dossier) statementLines(doc *doc, x Exhibit) {
	for _, t := range d.Charges {
		if t.Statement != x.ID {
			continue
		}
		amount := d.money(t.Amount)
		if !t.Original.IsZero() {
			amount += fmt.Sprintf(d.t(" (%s converted)"), d.money(t.Original))
		}
		s := fmt.Sprintf("%s  %s  \"%s\"", d.date(t.Booked), amount, t.Text)
		if t.Card != "" {
			s += fmt.Sprintf(d.t(", card ending %s"), t.Card)
		}
		switch {
		case t.Line > 0 && strings.Contains(x.Blob.MediaType, "csv"):
			s += fmt.Sprintf(d.t(" (line %d of the file)"), t.Line)
		case t.Line > 0: // camt and OFX count entries
			s += fmt.Sprintf(d.t(" (entry %d of the file)"), t.Line)
		}
		if d.mask != nil {
			s = d.mask(s)
		}
		doc.para(body, 9, s)
	}
}
