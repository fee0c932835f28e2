package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"vault/internal/atomicfile"
)

// sampleMbox is the walkthrough's mail export: the seller's reply and
// AliExpress's shipping notice for order 8123456789012345.
//
//go:embed sample/AliExpress.mbox
var sampleMbox []byte

// writeSampleFiles writes the files the README's walkthrough attaches and
// imports into dir, and returns their paths. It never replaces a file.
func writeSampleFiles(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	shot, mbox := filepath.Join(dir, "order-page.png"), filepath.Join(dir, "AliExpress.mbox")
	for _, p := range []string{shot, mbox} {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s exists; not replacing it (choose another --files directory)", p)
		}
	}
	if err := writeDemoScreenshot(shot); err != nil {
		return nil, fmt.Errorf("sample screenshot: %w", err)
	}
	err := atomicfile.Write(mbox, func(w io.Writer) error { _, err := w.Write(sampleMbox); return err })
	return []string{shot, mbox}, err
}
