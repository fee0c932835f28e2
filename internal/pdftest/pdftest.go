// Package pdftest reads a PDF back for tests, with no external tools: strict
// validation (pdfcpu), page count, bookmarks and the text of the pages
// (ledongthuc/pdf; not of form XObjects, which FormText reads).
package pdftest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Info is what a test can assert about a PDF.
type Info struct {
	Pages       int
	Bookmarks   []string // titles, depth-first
	Attachments []string // file names of document-level attachments
	Text        string
	PageText    []string // the text of each page
}

// Validate checks a PDF as strict readers do: pdfcpu's strict validation,
// and no resource dictionary naming a key twice (qpdf --check warns of
// "dictionary has duplicated key", and pdfcpu reads on).
func Validate(data []byte) error {
	api.DisableConfigDir()
	if err := api.Validate(bytes.NewReader(data), strict()); err != nil {
		return err
	}
	for _, m := range resources.FindAllSubmatch(data, -1) {
		seen := map[string]bool{}
		for _, k := range names.FindAll(m[1], -1) {
			if seen[string(k)] {
				return fmt.Errorf("dictionary has duplicated key %s", k)
			}
			seen[string(k)] = true
		}
	}
	return nil
}

var (
	// resources are the XObject and Font dictionaries of page resources,
	// as fpdf (formerly gofpdf) writes them: "/XObject <<" then names and references.
	resources = regexp.MustCompile(`/(?:XObject|Font)\s*<<((?:\s*/[^\s/<>]+\s+\d+\s+\d+\s+R)*)\s*>>`)
	names     = regexp.MustCompile(`/[^\s/<>]+`)
)

func strict() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	return conf
}

// Read validates the PDF at path strictly and returns its pages, bookmarks and text.
func Read(path string) (Info, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Info{}, err
	}
	if err := Validate(data); err != nil {
		return Info{}, fmt.Errorf("validate %s: %w", path, err)
	}
	conf := strict()
	var info Info
	if info.Pages, err = api.PageCount(bytes.NewReader(data), conf); err != nil {
		return Info{}, err
	}
	bms, err := api.Bookmarks(bytes.NewReader(data), conf)
	if err != nil {
		return Info{}, fmt.Errorf("bookmarks: %w", err)
	}
	info.Bookmarks = flatten(bms)
	as, err := api.Attachments(bytes.NewReader(data), conf)
	if err != nil {
		return Info{}, fmt.Errorf("attachments: %w", err)
	}
	for _, a := range as {
		info.Attachments = append(info.Attachments, a.FileName)
	}
	info.Text, info.PageText, err = text(data)
	return info, err
}

func flatten(bms []pdfcpu.Bookmark) []string {
	var out []string
	for _, b := range bms {
		out = append(out, b.Title)
		out = append(out, flatten(b.Kids)...)
	}
	return out
}

// text is the PDF's text, whole and page by page.
func text(data []byte) (string, []string, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", nil, fmt.Errorf("read text: %w", err)
	}
	t, err := r.GetPlainText()
	if err != nil {
		return "", nil, fmt.Errorf("read text: %w", err)
	}
	b, err := io.ReadAll(t)
	if err != nil {
		return "", nil, err
	}
	pages := make([]string, r.NumPage())
	for i := range pages {
		if pages[i], err = r.Page(i + 1).GetPlainText(nil); err != nil {
			return "", nil, fmt.Errorf("read text of page %d: %w", i+1, err)
		}
	}
	return string(b), pages, nil
}
