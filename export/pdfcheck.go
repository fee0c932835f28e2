package export

// A PDF exhibit is read first in a child process: the vault binary run as
// the hidden command PDFCheckCommand, with limits on its memory, CPU time
// and wall-clock time. It imports the pages the dossier shows, as the
// render will, and answers with a verdict: the page count and the shown
// pages' sizes, or why the file cannot be read. The render then imports
// only files the child accepted; what the child spent on one, the render
// spends again, so a file that would take the export's memory or time
// takes only the child's. The caps on inflating (checkPDF) hold in both
// processes.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"vault/internal/child"
)

// PDFCheckCommand is the hidden vault command that checks a PDF exhibit
// (ServePDFCheck): the export runs the vault binary as
// "vault internal-read-pdf".
const PDFCheckCommand = "internal-read-pdf"

// The child's limits. A receipt of ten pages is read in well under a
// second and 100 MB; the caps on inflating stop a bomb in milliseconds.
const (
	pdfChildMemory = 256 << 20        // address space above what the process has mapped when it starts
	pdfChildCPU    = 10               // seconds of CPU time
	pdfChildWall   = 20 * time.Second // from start to verdict
	pdfHello       = "vault-pdf-check 1\n"
)

// pdfDoc is what the dossier knows of a readable PDF exhibit.
type pdfDoc struct {
	pages int        // how many pages it has
	sizes []pageSize // the first maxPDFPages pages' sizes
}

// verdict is the child's answer, one JSON line after the hello.
type verdict struct {
	Pages int          `json:"pages"`
	Sizes [][2]float64 `json:"sizes"`
	Error string       `json:"error,omitempty"`
}

// readPDF checks a PDF exhibit in the child process when this program can
// run one, else in this process (within the same caps on inflating).
func readPDF(src []byte) (pdfDoc, error) {
	exe, ok := child.Self()
	if !ok {
		return checkPDF(src)
	}
	doc, err, started := readPDFInChild(exe, src)
	if !started { // not a vault that reads PDFs (an older binary in its place): read here
		return checkPDF(src)
	}
	return doc, err
}

// pdfLimits are the child's.
var pdfLimits = child.Limits{Memory: pdfChildMemory, CPU: pdfChildCPU, Wall: pdfChildWall}

// readPDFInChild runs the child on src. started is false when the child
// did not answer as a PDF reader does before reading (its hello): then the
// file was not looked at.
func readPDFInChild(exe string, src []byte) (doc pdfDoc, err error, started bool) {
	out, why, started := child.Run(exe, PDFCheckCommand, pdfHello, src, pdfLimits)
	if !started {
		return pdfDoc{}, nil, false
	}
	var v verdict
	if json.Unmarshal(out, &v) != nil {
		return pdfDoc{}, fmt.Errorf("read PDF: %s", why), true
	}
	if v.Error != "" {
		return pdfDoc{}, errors.New(v.Error), true
	}
	if v.Pages < 1 || len(v.Sizes) != min(v.Pages, maxPDFPages) {
		return pdfDoc{}, fmt.Errorf("read PDF: an answer of %d pages and %d sizes", v.Pages, len(v.Sizes)), true
	}
	doc.pages = v.Pages
	for _, s := range v.Sizes {
		doc.sizes = append(doc.sizes, pageSize{s[0], s[1]})
	}
	return doc, nil, true
}

// ServePDFCheck is the child's side of reading a PDF exhibit (the hidden
// command PDFCheckCommand): it limits its own process, reads the PDF from
// r, imports its pages as the dossier would (checkPDF) and writes the
// verdict to w. An unreadable PDF is a verdict, not an error; the process
// ends without one only when a limit stops it.
func ServePDFCheck(r io.Reader, w io.Writer) error {
	if _, err := io.WriteString(w, pdfHello); err != nil {
		return err
	}
	if err := child.Limit(pdfChildMemory, pdfChildCPU); err != nil {
		return fmt.Errorf("limit the PDF reader: %w", err)
	}
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(pdfChildMemory / 2)
	src, err := io.ReadAll(io.LimitReader(r, maxPDFBytes+1))
	if err != nil {
		return err
	}
	var v verdict
	if len(src) > maxPDFBytes {
		v.Error = fmt.Sprintf("larger than %d MB", maxPDFBytes>>20)
	} else if doc, err := checkPDF(src); err != nil {
		v.Error = err.Error()
	} else {
		v.Pages = doc.pages
		for _, s := range doc.sizes {
			v.Sizes = append(v.Sizes, [2]float64{s.w, s.h})
		}
	}
	return json.NewEncoder(w).Encode(v)
}
