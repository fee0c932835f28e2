package export

import (
	"fmt"
	"io"

	"vault/evidence"
)

// maxPDFPages is how many pages of a PDF exhibit the dossier shows: a
// receipt or a statement has one to three; a longer document's rest stays
// in the original.
const maxPDFPages = 10

// maxPDFBytes bounds the PDF exhibits that are drawn: a larger file is
// listed, and travels as the original (or attached, --profile none).
const maxPDFBytes = 20 << 20

// pdfExhibit draws a PDF exhibit's pages, each as large as the page allows,
// the first under the caption. It reports false, having drawn nothing, when
// the file cannot be read as a PDF (readPDF refused it): the caller then
// says so.
func (d Dossier) pdfExhibit(doc *doc, blobs *evidence.Blobs, x Exhibit) bool {
	src, pdf, err := d.cache.pdf(x.Blob.SHA256, x.Blob.Size, blobs)
	if err != nil || pdf.pages == 0 {
		return false
	}
	shown := len(pdf.sizes)
	for n := 1; n <= shown; n++ {
		if n > 1 {
			doc.page()
			doc.para(bold, 9, fmt.Sprintf(d.t("Exhibit %s, page %d of %d"), x.Label, n, pdf.pages))
			doc.gap(1)
		}
		top := doc.p.GetY()
		box := doc.left() - 2
		if src != nil { // nil in the dry layout: only the space counts
			if err := doc.pdfPage(x.Blob.SHA256, src, n, shown, pdf.sizes[n-1], margin, top, contentW, box); err != nil {
				doc.para(body, 9, fmt.Sprintf(d.t("The page could not be drawn (%v). The original is identified in the manifest."), err))
			}
		}
		s := pdf.sizes[n-1]
		doc.p.SetY(top + s.h*min(contentW/s.w, box/s.h) + 2)
	}
	if shown < pdf.pages {
		doc.para(body, 9, fmt.Sprintf(d.t("[The document has %d pages; the first %d are shown. The original is identified in the manifest.]"), pdf.pages, shown))
	}
	return true
}

// pdf reads a PDF exhibit's bytes, and what readPDF finds, once per
// export; in the dry layout only what it found (the bytes are nil). A file
// readPDF refuses has no pages.
func (c *exportCache) pdf(sum string, size int64, blobs *evidence.Blobs) ([]byte, pdfDoc, error) {
	if size > maxPDFBytes {
		return nil, pdfDoc{}, fmt.Errorf("larger than %d MB", maxPDFBytes>>20)
	}
	c.mu.Lock()
	pdf, ok := c.pdfs[sum]
	c.mu.Unlock()
	if ok && (c.dry || pdf.pages == 0) {
		return nil, pdf, nil
	}
	f, err := blobs.Open(sum)
	if err != nil {
		return nil, pdfDoc{}, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxPDFBytes))
	if err != nil {
		return nil, pdfDoc{}, err
	}
	if !ok {
		if pdf, err = readPDF(src); err != nil {
			pdf = pdfDoc{} // remembered: a file that fails once fails again
		}
		c.mu.Lock()
		c.pdfs[sum] = pdf
		c.mu.Unlock()
	}
	if c.dry || pdf.pages == 0 {
		return nil, pdf, nil
	}
	return src, pdf, nil
}
