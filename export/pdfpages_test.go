package export

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// pdfOf assembles a PDF of the given object bodies (object 1 is the
// catalog) with a correct cross-reference table.
func pdfOf(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objects {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// prevLoop makes the trailer of a PDF made by pdfOf name its own
// cross-reference table as the previous one.
func prevLoop(src []byte) []byte {
	at := bytes.LastIndex(src, []byte("startxref\n"))
	var xref int
	fmt.Sscanf(string(src[at+len("startxref\n"):]), "%d", &xref)
	return bytes.Replace(src, []byte("/Root 1 0 R"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d", xref)), 1)
}

// hostilePDFs are PDF exhibits that once crashed the export (Go's stack
// overflow is fatal, not a panic to recover), took quadratic time or a
// gigabyte of memory.
func hostilePDFs() map[string][]byte {
	const catalog = "<< /Type /Catalog /Pages 2 0 R >>"
	return map[string][]byte{
		"page tree loops":      pdfOf(catalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
		"parent loops":         pdfOf(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 3 0 R >>"),
		"nested arrays":        pdfOf(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 /X "+strings.Repeat("[", 200_000)+" >>", "<< /Type /Page /MediaBox [0 0 595 842] >>"),
		"comment lines":        pdfOf(catalog, "<< /Type /Pages "+strings.Repeat("%\n", 1_000_000)+"/Kids [3 0 R] /Count 1 >>", "<< /Type /Page /MediaBox [0 0 595 842] >>"),
		"long hex string":      pdfOf(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 /H <"+strings.Repeat("ab", 2_000_000)+"> >>", "<< /Type /Page /MediaBox [0 0 595 842] >>"),
		"long token":           pdfOf(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 /T "+strings.Repeat("x", 4_000_000)+" >>", "<< /Type /Page /MediaBox [0 0 595 842] >>"),
		"more kids than count": pdfOf(catalog, "<< /Type /Pages /Kids [3 0 R 3 0 R 3 0 R] /Count 1 >>", "<< /Type /Page /MediaBox [0 0 595 842] >>"),
		"no startxref":         []byte("%PDF-1.4\n1 0 obj\n<< >>\nendobj\nxref\n0 1\n0 5 f\n005xxxx8startxref\n115\n"),
		"prev loops":           prevLoop(pdfOf(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /MediaBox [0 0 595 842] >>")),
		"empty":                nil,
		"not a PDF":            []byte("GIF89a"),
		// In PDF 1.5 streams: the page tree in an object stream said to
		// be inside itself; 300,000 objects listed by an inflated
		// cross-reference stream of a few KB (2 million took 9 s and 500 MB).
		"object stream in itself": xrefStreamPDF([]string{"<< /Type /Catalog /Pages 4 0 R >>", "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] >>"},
			[][3]int{{2, 4, 0}}),
		"300,000 objects": xrefStreamPDF([]string{catalog, "<< /Type /Pages /Kids [] /Count 0 >>"}, slices.Repeat([][3]int{{1, 9, 0}}, 300_000)),
	}
}

// TestHostilePDFs: each is read without a crash or a hang (the reader's
// limits end the work, not a clock), and a failure says what is wrong in a
// line the dossier can print.
func TestHostilePDFs(t *testing.T) {
	for name, src := range hostilePDFs() {
		pdf, err := checkPDF(src)
		if err != nil && len(err.Error()) > 200 {
			t.Errorf("%s: an error of %d bytes: %.300s", name, len(err.Error()), err)
		}
		t.Logf("%s: %d pages, %v", name, pdf.pages, err)
	}
	if _, err := checkPDF(hostilePDFs()["page tree loops"]); err == nil || !strings.Contains(err.Error(), "page tree loops") {
		t.Errorf("page tree loops: %v", err)
	}
	for _, name := range []string{"parent loops", "no startxref", "prev loops", "object stream in itself", "300,000 objects"} {
		if _, err := checkPDF(hostilePDFs()[name]); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// FuzzPDFExhibit reads a PDF's page sizes and draws its first page in a
// dossier page, as an export does: no input may crash it.
func FuzzPDFExhibit(f *testing.F) {
	f.Add(receiptPDF(f, 1))
	for _, src := range hostilePDFs() {
		if len(src) < 10_000 {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		pdf, err := checkPDF(src)
		if err != nil || pdf.pages == 0 {
			return
		}
		doc, err := newDoc(meta{Title: "fuzz", Created: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), PageOf: "page %d of {nb}"})
		if err != nil {
			t.Fatal(err)
		}
		doc.page()
		_ = doc.pdfPage("fuzz", src, 1, 1, pdf.sizes[0], margin, 20, contentW, 200)
		var out bytes.Buffer
		_ = doc.output(&out)
	})
}
