// Package pdftest reads a PDF back for tests, with no external tools: strict
// validation (pdfcpu), page count, bookmarks and the text (ledongthuc/pdf,
// which reads Latin-1 text such as æøå correctly but garbles Cyrillic).
package pdftest

import (
	"bytes"
	"fmt"
	"io"
	"os"

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
}

// Read validates the PDF at path strictly and returns its pages, bookmarks and text.
func Read(path string) (Info, error) {
	api.DisableConfigDir()
	data, err := os.ReadFile(path)
	if err != nil {
		return Info{}, err
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(data), conf); err != nil {
		return Info{}, fmt.Errorf("validate %s: %w", path, err)
	}
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
	info.Text, err = text(data)
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

func text(data []byte) (string, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("read text: %w", err)
	}
	t, err := r.GetPlainText()
	if err != nil {
		return "", fmt.Errorf("read text: %w", err)
	}
	b, err := io.ReadAll(t)
	return string(b), err
}
