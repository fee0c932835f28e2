package export

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"vault/internal/testimage"
)

// BenchmarkPreparePicture decodes, scales (to a third of the page at
// 150 DPI) and encodes one phone screenshot: the costliest step of an export.
func BenchmarkPreparePicture(b *testing.B) {
	shot := testimage.PhoneScreenshot(1)
	open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(shot)), nil }
	for b.Loop() {
		if _, err := preparePicture(open, 340, 1200, false, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderText emits the pages of a dossier of text only (200
// messages, about 25 pages): fonts, wrapping, pagination, bookmarks.
func BenchmarkRenderText(b *testing.B) {
	var msgs []string
	for i := range 200 {
		msgs = append(msgs, strings.Repeat("Hei, pakken er på vei – vennligst vent 30 dager. ", 5+i%7))
	}
	f, blobs := newCase(b, msgs...)
	f.Evidence = nil // no exhibits: text only
	d := testNew(f, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), time.UTC)
	for b.Loop() {
		if _, err := RenderPDF(d, blobs, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplitScreenshots is bench/export.sh's default-profile export in
// process: 40 phone screenshots split into parts of 2 MB and 19 pages.
func BenchmarkSplitScreenshots(b *testing.B) {
	f, blobs := newScreenshotCase(b, 40)
	p, _ := ProfileNamed("default")
	for b.Loop() {
		if _, err := Split(testNew(f, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), time.UTC), blobs, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScaleOpaque scales a phone screenshot at half size to the box of
// two screenshots side by side (585x1266 to 318x688), as an export does.
func BenchmarkScaleOpaque(b *testing.B) {
	half, ok := halvedPNG(bytes.NewReader(testimage.PhoneScreenshot(1)))
	if !ok || half == nil {
		b.Fatal("halvedPNG does not take the screenshot")
	}
	for b.Loop() {
		scaleOpaque(half.Pix, half.Stride, half.Rect.Dx(), half.Rect.Dy(), 318, 688)
	}
}

// BenchmarkHalvedPNG reads a phone screenshot straight into its half size
// (inflate, unfilter, 2x2 average): the first step of every screenshot.
func BenchmarkHalvedPNG(b *testing.B) {
	shot := testimage.PhoneScreenshot(1)
	b.SetBytes(int64(len(shot)))
	for b.Loop() {
		if _, ok := halvedPNG(bytes.NewReader(shot)); !ok {
			b.Fatal("halvedPNG does not take the screenshot")
		}
	}
}
