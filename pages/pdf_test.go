package pages

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vault/internal/child"
)

// TestMain runs the tests, or, when this test binary runs under the name
// vault (readPrintedPDF's child), the child's side of reading a PDF.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) != "vault" {
		os.Exit(m.Run())
	}
	if len(os.Args) != 2 || os.Args[1] != PDFCommand {
		fmt.Fprintf(os.Stderr, "vault (pages' test binary): only %s\n", PDFCommand)
		os.Exit(2)
	}
	if err := ServePDF(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestPrintedPDFInChild reads the printed page through the child process,
// as the vault does, and a broken one to an answer, not a crash.
func TestPrintedPDFInChild(t *testing.T) {
	child.OnPath(t)
	data, err := os.ReadFile("testdata/cainiao-tracking.pdf")
	if err != nil {
		t.Fatal(err)
	}
	p, ok := Read(data)
	if !ok || p.Address != "http://global.cainiao.com/newDetail.htm?mailNoList=LP00123456789CN" || len(p.Events) != 4 {
		t.Errorf("through the child: %v %q, %d events", ok, p.Address, len(p.Events))
	}
	broken := []byte(strings.Replace(string(data), "xref", "xre!", -1))
	broken = broken[:len(broken)/2]
	if _, ok := Read(broken); ok {
		t.Error("half a PDF was read as a page")
	}
}

// TestPDFNasty: PDFs that claim Chrome printed them and are broken are
// answers, not panics, read in this process.
func TestPDFNasty(t *testing.T) {
	data, err := os.ReadFile("testdata/cainiao-tracking.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"header only":           "%PDF-1.4\n/Producer (Skia/PDF m156)",
		"truncated":             string(data[:len(data)/3]),
		"garbage in the middle": string(data[:len(data)/2]) + strings.Repeat("\x00", 1000) + string(data[len(data)/2:]),
		"empty trailer":         "%PDF-1.4\n1 0 obj << /Producer (Skia/PDF m1) >> endobj\nxref\n0 0\ntrailer\n<< >>\nstartxref\n9\n%%EOF",
	} {
		if p, ok := readPrintedPDF([]byte(in)); ok && len(p.Pages) > 0 && name != "garbage in the middle" {
			t.Errorf("%s: read: %+v", name, p)
		}
	}
}
