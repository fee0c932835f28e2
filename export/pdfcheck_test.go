package export

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/phpdave11/gofpdi"

	"vault/internal/child"
)

// TestMain runs the tests, or, when this test binary runs under the name
// vault (readPDF's child, as cmd/vault's test binary runs it), the child's
// side of reading a PDF.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) != "vault" {
		os.Exit(m.Run())
	}
	if len(os.Args) != 2 || os.Args[1] != PDFCheckCommand {
		fmt.Fprintf(os.Stderr, "vault (export's test binary): only %s\n", PDFCheckCommand)
		os.Exit(2)
	}
	if os.Getenv("VAULT_TEST_PDF_CHILD") == "alloc" { // TestPDFChildMemory
		io.WriteString(os.Stdout, pdfHello)
		if err := child.Limit(pdfChildMemory, pdfChildCPU); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		held = make([]byte, 1<<30)
		os.Exit(0)
	}
	if err := ServePDFCheck(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// held keeps the child's allocation alive in TestPDFChildMemory.
var held []byte

// bombPDF is a PDF of pages pages that share one content stream: the
// FlateDecode of n spaces (n = 1 GiB, 1 MB of file, took an export 37 s
// and 4.2 GB; three pages, 16 minutes and 7.4 GB until it was killed).
func bombPDF(t testing.TB, n, pages int) []byte {
	t.Helper()
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed) // 20 MB in 22 KB, in a tenth of a second
	spaces := bytes.Repeat([]byte(" "), 64<<10)
	for left := n; left > 0; left -= len(spaces) {
		w.Write(spaces[:min(left, len(spaces))])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	objects := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 3+i))
		objects = append(objects, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents %d 0 R >>", 3+pages))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages)
	objects = append(objects, fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	return pdfOf(objects...)
}

// xrefStreamPDF is a PDF 1.5 of regular objects (1, 2 ...) and a
// cross-reference stream (the object after them) listing them and
// entries of its own: rows of /W [1 4 1], type, field 2, field 3.
func xrefStreamPDF(objects []string, entries [][3]int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	var rows bytes.Buffer
	rows.Write([]byte{0, 0, 0, 0, 0, 0xff}) // object 0, free
	for i, o := range objects {
		row := []byte{1, 0, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(row[1:5], uint32(b.Len()))
		rows.Write(row)
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	row := []byte{1, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(row[1:5], uint32(xref))
	rows.Write(row)
	for _, e := range entries {
		row := []byte{byte(e[0]), 0, 0, 0, 0, byte(e[2])}
		binary.BigEndian.PutUint32(row[1:5], uint32(e[1]))
		rows.Write(row)
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(rows.Bytes())
	w.Close()
	size := len(objects) + 2 + len(entries)
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 1] /Root 1 0 R /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n",
		len(objects)+1, size, z.Len(), z.Bytes())
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// TestPDFInflateLimits: a stream that inflates past the limit is refused,
// also when pages share it or share the reader's whole allowance; a page
// within them is read. Limits of a megabyte keep the test light.
func TestPDFInflateLimits(t *testing.T) {
	limits := gofpdi.Limits{Stream: 1 << 20, Inflated: 4 << 20, Objects: 1000}
	tests := []struct {
		name   string
		src    []byte
		limits gofpdi.Limits
		err    string // "" when readable
	}{
		{"just within", bombPDF(t, 1<<20, 1), limits, ""},
		{"a byte more", bombPDF(t, 1<<20+1, 1), limits, "a stream inflates to more than 1 MB"},
		{"three pages share a bomb", bombPDF(t, 2<<20, 3), limits, "a stream inflates to more than 1 MB"},
		{"three pages within", bombPDF(t, 900<<10, 3), limits, ""},
		{"three pages past the allowance", bombPDF(t, 900<<10, 3), gofpdi.Limits{Stream: 1 << 20, Inflated: 2 << 20, Objects: 1000},
			"the streams inflate to more than 2 MB in all"},
	}
	for _, tt := range tests {
		pdf, err := checkPDFWithin(tt.src, tt.limits)
		switch {
		case tt.err == "" && (err != nil || pdf.pages != len(pdf.sizes)):
			t.Errorf("%s: %d pages, %v; want readable", tt.name, pdf.pages, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: %v; want %q", tt.name, err, tt.err)
		}
	}
}

// TestPDFObjectStreams: a PDF 1.5 whose page tree is in an object stream,
// listed by a cross-reference stream, is read, each page its own size,
// and drawn. (The object stream is read once, not once for each object.)
func TestPDFObjectStreams(t *testing.T) {
	const pages, square = 200, "0 0 1 rg 10 10 50 50 re f"
	var head, body strings.Builder
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 6+i))
	}
	objs := []string{fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages)}
	for i := range pages {
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 5 0 R /MediaBox [0 0 %d 842] /Contents 2 0 R /Resources << >> >>", 400+i))
	}
	var entries [][3]int
	for i, o := range objs { // objects 5, 6 ... in object stream 3
		fmt.Fprintf(&head, "%d %d ", 5+i, body.Len())
		body.WriteString(o + "\n")
		entries = append(entries, [3]int{2, 3, i})
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	io.WriteString(w, head.String()+body.String())
	w.Close()
	src := xrefStreamPDF([]string{
		"<< /Type /Catalog /Pages 5 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(square), square),
		fmt.Sprintf("<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(objs), head.Len(), z.Len(), z.Bytes()),
	}, entries)
	pdf, err := checkPDF(src)
	if err != nil || pdf.pages != pages {
		t.Fatalf("%d pages, %v", pdf.pages, err)
	}
	for i, s := range pdf.sizes {
		if s != (pageSize{float64(400 + i), 842}) {
			t.Errorf("page %d: %v", i+1, s)
		}
	}
	doc, err := newDoc(meta{Title: "t", Created: generated, PageOf: "%d"})
	if err != nil {
		t.Fatal(err)
	}
	doc.page()
	if err := doc.pdfPage("packed", src, 1, 1, pdf.sizes[0], margin, 20, contentW, 200); err != nil {
		t.Fatal(err)
	}
	if err := doc.output(io.Discard); err != nil {
		t.Fatal(err)
	}
}

// TestPDFChild: the export reads PDF exhibits in a child process (this
// binary as vault): a receipt's pages and sizes come back, a bomb of
// three pages sharing 20 MB of spaces is refused by the cap there.
func TestPDFChild(t *testing.T) {
	child.OnPath(t) // readPDF in a child, as the product does (other tests read in process: a child costs 50-150 ms)
	pdf, err := readPDF(receiptPDF(t, 12))
	if err != nil || pdf.pages != 12 || len(pdf.sizes) != maxPDFPages || pdf.sizes[0] != (pageSize{595.28, 841.89}) {
		t.Fatalf("%d pages, sizes %v, %v", pdf.pages, pdf.sizes, err)
	}
	_, err = readPDF(bombPDF(t, 20<<20, 3))
	if err == nil || !strings.Contains(err.Error(), "a stream inflates to more than 16 MB") {
		t.Fatalf("the bomb: %v", err)
	}
	if _, err = readPDF([]byte("%PDF-1.4\nnot really\n%%EOF")); err == nil {
		t.Fatal("a broken PDF is read")
	}
}

// TestPDFChildMemory: a child that asks for more memory than its limit
// ends, and the export says why, without the memory.
func TestPDFChildMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the memory limit is Linux's")
	}
	child.OnPath(t)
	t.Setenv("VAULT_TEST_PDF_CHILD", "alloc")
	_, err := readPDF(receiptPDF(t, 1))
	if err == nil || !strings.Contains(err.Error(), "needs more than 256 MB of memory") {
		t.Fatalf("%v", err)
	}
}
