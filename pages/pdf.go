package pages

// A page printed to PDF is read in a child process (internal/child): the
// vault binary run as the hidden command PDFCommand, limited as the
// export's PDF reader is. It answers with the document's producer, title
// and creation date and the text of its first pages, row by row.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"

	"vault/internal/child"
)

// PDFCommand is the hidden vault command that reads a printed page's PDF
// (ServePDF).
const PDFCommand = "internal-read-page"

const (
	pdfHello    = "vault-page-pdf 1\n"
	maxPDFPages = 50 // pages whose text is read
)

// pdfLimits are the child's: those of the export's PDF reader.
var pdfLimits = child.Limits{Memory: 256 << 20, CPU: 10, Wall: 20 * time.Second}

// pdfText is what the child answers.
type pdfText struct {
	Producer string     `json:"producer"`
	Title    string     `json:"title"`
	Created  string     `json:"created"` // the Info dictionary's CreationDate, as written
	Pages    [][]string `json:"pages"`   // each page's rows of text, top first
	Error    string     `json:"error,omitempty"`
}

// skiaProducer starts the Producer of a PDF that Chrome, Edge and the
// other Chromium browsers print ("Skia/PDF m156").
const skiaProducer = "Skia/PDF"

// readPrintedPDF reads a PDF that a Chromium browser printed: in a child
// process when this program can run one, else here. Other PDFs (a
// receipt, a statement) are not read: false.
func readPrintedPDF(data []byte) (pdfText, bool) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("/Producer ("+skiaProducer)) {
		return pdfText{}, false
	}
	var t pdfText
	if exe, ok := child.Self(); ok {
		out, why, started := child.Run(exe, PDFCommand, pdfHello, data, pdfLimits)
		if started && json.Unmarshal(out, &t) != nil {
			t.Error = why
		}
		if !started {
			t = readPDF(data)
		}
	} else {
		t = readPDF(data)
	}
	return t, t.Error == "" && strings.HasPrefix(t.Producer, skiaProducer)
}

// ServePDF is the child's side (the hidden command PDFCommand): it limits
// its own process, reads the PDF from r and writes what it holds to w. An
// unreadable PDF is an answer, not an error.
func ServePDF(r io.Reader, w io.Writer) error {
	if _, err := io.WriteString(w, pdfHello); err != nil {
		return err
	}
	if err := child.Limit(pdfLimits.Memory, pdfLimits.CPU); err != nil {
		return fmt.Errorf("limit the page reader: %w", err)
	}
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(int64(pdfLimits.Memory / 2))
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return err
	}
	t := pdfText{Error: fmt.Sprintf("larger than %d MB", MaxBytes>>20)}
	if len(data) <= MaxBytes {
		t = readPDF(data)
	}
	return json.NewEncoder(w).Encode(t)
}

// readPDF reads the PDF's Info dictionary and the rows of text of its first
// pages; a reader's panic on a broken file is an answer too.
func readPDF(data []byte) (t pdfText) {
	defer func() {
		if r := recover(); r != nil {
			t = pdfText{Error: fmt.Sprintf("unreadable PDF: %v", r)}
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return pdfText{Error: "unreadable PDF: " + err.Error()}
	}
	info := r.Trailer().Key("Info")
	t.Producer, t.Title = oneLine(info.Key("Producer").Text(), 200), oneLine(info.Key("Title").Text(), 1024)
	t.Created = oneLine(info.Key("CreationDate").RawString(), 100)
	size := 0
	for i := 1; i <= min(r.NumPage(), maxPDFPages) && size < maxText; i++ {
		rows := pageRows(r.Page(i).Content().Text)
		for _, row := range rows {
			size += len(row) + 1
		}
		t.Pages = append(t.Pages, rows)
	}
	return t
}

// pageRows sets a page's glyphs in rows, top first, each row's glyphs left
// to right, with a space where a gap parts two runs of text (the date and
// the title of a printed header).
func pageRows(glyphs []pdf.Text) []string {
	byY := map[float64][]pdf.Text{}
	var ys []float64
	for _, g := range glyphs {
		y := float64(int(g.Y*2)) / 2
		if _, ok := byY[y]; !ok {
			ys = append(ys, y)
		}
		byY[y] = append(byY[y], g)
	}
	slices.Sort(ys)
	slices.Reverse(ys)
	var rows []string
	for _, y := range ys {
		row := byY[y]
		slices.SortStableFunc(row, func(a, b pdf.Text) int { return cmp.Compare(a.X, b.X) })
		var b strings.Builder
		x, run := row[0].X, 0.0 // where the current run starts, and its glyphs
		for _, g := range row {
			if g.X != x {
				if g.X > x+run*g.FontSize*0.6+2*g.FontSize {
					b.WriteByte(' ')
				}
				x, run = g.X, 0
			}
			run++
			b.WriteString(g.S)
		}
		if s := strings.TrimSpace(norm.NFKC.String(b.String())); s != "" {
			rows = append(rows, s)
		}
	}
	return rows
}
