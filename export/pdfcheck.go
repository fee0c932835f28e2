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
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"
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
	maxVerdict     = 64 << 10 // bytes of the child's answer read, and of its stderr
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
	exe, ok := pdfChild()
	if !ok {
		return checkPDF(src)
	}
	doc, err, started := readPDFInChild(exe, src)
	if !started { // not a vault that reads PDFs (an older binary in its place): read here
		return checkPDF(src)
	}
	return doc, err
}

// pdfChild returns the program to run as the child: this one, when it is
// vault. A test binary is vault only when it runs as vault under that name
// and is the vault on PATH (cmd/vault's TestMain and export's do that);
// another package's test binary reads in process.
func pdfChild() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	if !testing.Testing() {
		return exe, true
	}
	onPath, err := exec.LookPath("vault")
	if err != nil {
		return "", false
	}
	a, err1 := filepath.EvalSymlinks(onPath)
	b, err2 := filepath.EvalSymlinks(exe)
	return exe, err1 == nil && err2 == nil && a == b
}

// readPDFInChild runs the child on src. started is false when the child
// did not answer as a PDF reader does before reading (its hello): then the
// file was not looked at.
func readPDFInChild(exe string, src []byte) (doc pdfDoc, err error, started bool) {
	ctx, cancel := context.WithTimeout(context.Background(), pdfChildWall)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, PDFCheckCommand)
	cmd.Args[0] = "vault" // a test binary runs vault under that name
	cmd.Stdin = bytes.NewReader(src)
	var stdout, stderr capped
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.SysProcAttr = childAttr()
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	out, ok := bytes.CutPrefix(stdout.Bytes(), []byte(pdfHello))
	if !ok {
		return pdfDoc{}, nil, false
	}
	var v verdict
	if json.Unmarshal(out, &v) != nil {
		return pdfDoc{}, fmt.Errorf("read PDF: %s", childFailure(ctx, runErr, stderr.String())), true
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

// childFailure says why the child ended without a verdict.
func childFailure(ctx context.Context, err error, stderr string) string {
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return fmt.Sprintf("reading it took longer than %v", pdfChildWall)
	case strings.Contains(stderr, "out of memory"):
		return fmt.Sprintf("reading it needs more than %d MB of memory", pdfChildMemory>>20)
	case errors.As(err, &exit) && exit.ExitCode() == -1: // killed: the CPU limit's SIGKILL
		return fmt.Sprintf("reading it took more than %d s of CPU time, or was stopped (%v)", pdfChildCPU, err)
	case err != nil:
		line, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
		return fmt.Sprintf("the reader failed (%v): %.200s", err, line)
	}
	return "the reader gave no answer"
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
	if err := limitProcess(pdfChildMemory, pdfChildCPU); err != nil {
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

// capped is a buffer that keeps the first maxVerdict bytes written to it
// and drops the rest: the child's answer is small.
type capped struct{ bytes.Buffer }

func (c *capped) Write(p []byte) (int, error) {
	if room := maxVerdict - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
