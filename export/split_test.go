package export

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/internal/pdftest"
)

// FuzzLargest: the galloping search finds what a scan does, for any
// boundary and guess, and tries no count twice.
func FuzzLargest(f *testing.F) {
	f.Add(1, 99, 39, 36)
	f.Add(1, 60, 43, 45)
	f.Add(1, 10, 0, 5)
	f.Add(1, 10, 10, -1)
	f.Fuzz(func(t *testing.T, lo, hi, boundary, guess int) {
		if lo < 0 || hi > 10000 || lo > hi+1 {
			return
		}
		tried := map[int]bool{}
		got := largest(lo, hi, guess, func(n int) bool {
			if n < lo || n > hi || tried[n] {
				t.Fatalf("tried %d (range %d..%d, tried %v)", n, lo, hi, tried)
			}
			tried[n] = true
			return n <= boundary
		})
		want := -1
		for n := lo; n <= hi; n++ {
			if n <= boundary {
				want = n
			}
		}
		if got != want {
			t.Fatalf("largest(%d, %d, guess %d) with boundary %d = %d, want %d", lo, hi, guess, boundary, got, want)
		}
	})
}

// TestLargestTries: a guess near the boundary settles it in a few tries
// (each one a render of a part).
func TestLargestTries(t *testing.T) {
	for _, tc := range []struct{ hi, boundary, guess, most int }{
		{60, 43, 45, 4}, // part 2 of 100 screenshots: 8 tries before
		{99, 39, 36, 7},
		{99, 39, 39, 4},
	} {
		tries := 0
		got := largest(1, tc.hi, tc.guess, func(n int) bool { tries++; return n <= tc.boundary })
		if got != tc.boundary || tries > tc.most {
			t.Errorf("boundary %d, guess %d: found %d in %d tries, want at most %d", tc.boundary, tc.guess, got, tries, tc.most)
		}
	}
}

// TestSplitCovers: every part's cover names the count of parts found,
// whether the guess made while splitting was right or not; the first part
// has no cover.
func TestSplitCovers(t *testing.T) {
	f, blobs := newScreenshotCase(t, 6)
	// Wide pictures after the screenshots: fewer a page, so that a guess
	// from the parts before is wrong.
	for i := range 12 {
		img := image.NewRGBA(image.Rect(0, 0, 1600, 500+40*i))
		for j := range img.Pix {
			img.Pix[j] = uint8(j*7 + i)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("wide-%d.png", i)
		f.Evidence = append(f.Evidence, vault.Evidence{ID: vault.EvidenceID(100 + i), Kind: vault.EvidencePhoto, Source: vault.SourceFile,
			Title: name, FileName: name, Blob: putBlob(t, blobs, buf.Bytes()), Orders: f.Evidence[0].Orders})
	}
	limits := []int{3, 4, 5, 6, 7}
	if testing.Short() {
		limits = []int{3, 6} // a guess wrong, and one right
	}
	for _, pages := range limits {
		p := Profile{Name: "short", MaxPages: pages, DPI: 100}
		parts, err := Split(testNew(f, generated, time.UTC), blobs, p)
		if err != nil {
			t.Fatal(err)
		}
		for i, part := range parts[1:] {
			path := filepath.Join(t.TempDir(), "p.pdf")
			writeFile(t, path, part.Data)
			info, err := pdftest.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("%d of %d", i+2, len(parts)); !strings.Contains(info.Text, want) {
				t.Errorf("%d pages a part: part %d does not say %q", pages, i+2, want)
			}
		}
		t.Logf("%d pages a part: %d parts", pages, len(parts))
	}
}
