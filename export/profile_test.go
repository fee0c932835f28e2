package export

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/pdftest"
	"vault/internal/testimage"
)

// newScreenshotCase builds a case that holds n phone screenshots.
func newScreenshotCase(t testing.TB, n int) (vault.CaseFile, *evidence.Blobs) {
	blobs := newBlobs(t)
	var items []vault.Evidence
	for i := range n {
		name := fmt.Sprintf("IMG_%04d.PNG", i)
		items = append(items, vault.Evidence{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, Title: name, FileName: name,
			Blob: putBlob(t, blobs, testimage.PhoneScreenshot(uint64(i)))})
	}
	o := vault.Order{ID: 1, Marketplace: vault.AliExpress, Number: "8123456789012345"}
	return caseFile(vault.Case{Kind: vault.Chargeback}, o, items), blobs
}

// TestFitDefaultProfile: 30 phone screenshots (16 with -short) fit the
// default profile (2 MB, 19 pages), and the PDF is valid with every exhibit
// in it.
func TestFitDefaultProfile(t *testing.T) {
	n := 30
	if testing.Short() {
		n = 16
	}
	f, blobs := newScreenshotCase(t, n)
	p, _ := ProfileNamed("default")
	data, w, err := Fit(testNew(f, generated, time.UTC), blobs, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d screenshots: %d pages, %d bytes", n, w.Pages, w.Bytes)
	if w.Pages > 19 || w.Bytes > 2*MB || int64(len(data)) != w.Bytes {
		t.Errorf("%d screenshots: %d pages, %d bytes; the default profile allows 19 pages and 2 MB", n, w.Pages, w.Bytes)
	}
	path := filepath.Join(t.TempDir(), "d.pdf")
	writeFile(t, path, data)
	info, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := bytes.Count([]byte(info.Text), []byte("Exhibit E")); got < n {
		t.Errorf("%d exhibit captions in the text, want %d", got, n)
	}
}

// TestByteBudget: a render whose pictures alone exceed the limit stops
// before writing (a lower bound, said so), and stopping changes nothing:
// Fit's PDF is the same bytes as a plain render at the setting it chose.
func TestByteBudget(t *testing.T) {
	f, blobs := newScreenshotCase(t, 12)
	d := testNew(f, generated, time.UTC)
	var buf bytes.Buffer
	w, err := renderWithin(d, blobs, &buf, Profile{MaxBytes: 100_000})
	if !errors.Is(err, errBytes) || !w.AtLeast || buf.Len() != 0 {
		t.Fatalf("100 kB budget: %v, %+v, %d bytes written", err, w, buf.Len())
	}
	p := Profile{Name: "small", MaxBytes: 600_000, DPI: 150}
	data, fw, err := Fit(d, blobs, p)
	if err != nil {
		t.Fatal(err)
	}
	if fw.Render.Quality == 0 || fw.AtLeast {
		t.Fatalf("12 screenshots in 600 kB: chose %+v; want a JPEG step", fw)
	}
	plain := d
	plain.Render = fw.Render
	buf.Reset()
	if _, err := RenderPDF(plain, blobs, &buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Error("Fit's PDF differs from a render at the setting it chose")
	}
	_, _, err = Fit(d, blobs, Profile{Name: "tiny", MaxBytes: 50_000, DPI: 150})
	if err == nil || !strings.Contains(err.Error(), "pictures alone take more than the 0.1 MB the tiny profile allows") {
		t.Errorf("50 kB: %v", err)
	}
}

// TestFitRefuses: limits that cannot be met fail with what to drop.
func TestFitRefuses(t *testing.T) {
	f, blobs := newScreenshotCase(t, 12)
	d := testNew(f, generated, time.UTC)
	_, _, err := Fit(d, blobs, Profile{Name: "tiny", MaxBytes: 50_000, DPI: 150})
	var size *SizeLimitError
	if !errors.As(err, &size) || len(size.Largest) != 3 || !strings.HasPrefix(size.Largest[0], "E") ||
		!strings.Contains(err.Error(), "even at 75 DPI and JPEG quality 35") {
		t.Errorf("50 kB limit: %v", err)
	}
	_, _, err = Fit(d, blobs, Profile{Name: "short", MaxPages: 3, DPI: 150})
	var pages *PageLimitError
	if !errors.As(err, &pages) || pages.Pages <= 3 || !strings.Contains(err.Error(), "the short profile allows 3") {
		t.Errorf("3 page limit: %v", err)
	}
}

// TestGuessFit: from a layout of 10 exhibits on pages 3..12 and 3 pages after
// them (15 pages), a 10-page limit leaves room for the exhibits on the pages
// up to 7 or 8, as the shorter manifest of fewer exhibits allows.
func TestGuessFit(t *testing.T) {
	var xs []Exhibit
	pages := map[string]int{}
	for i := range 10 {
		label := fmt.Sprintf("E%d", i+1)
		xs = append(xs, Exhibit{Label: label})
		pages[label] = 3 + i
	}
	w := Written{Pages: 15, pages: pages}
	for _, tt := range []struct {
		max  int
		want int
	}{
		{10, 6},  // E6 on page 8 + manifest (2 of 3)
		{20, -1}, // it fitted
		{3, 0},   // not even one
		{0, -1},  // no page limit
	} {
		if got := guessFit(xs, w, Profile{MaxPages: tt.max}); got != tt.want {
			t.Errorf("max %d: %d, want %d", tt.max, got, tt.want)
		}
	}
}

// TestLosslessGuess: when the first four screenshots, encoded lossless,
// say that all of them will pass the limit, the lossless try stops there
// (it encoded 28 of 30 before); a case whose lossless pictures fit still
// gets them.
func TestLosslessGuess(t *testing.T) {
	p, _ := ProfileNamed("default")
	for _, tc := range []struct {
		shots, most int // screenshots, most PNG encodes
		lossless    bool
	}{{30, 4, false}, {2, 2, true}} {
		f, blobs := newScreenshotCase(t, tc.shots)
		d := testNew(f, generated, time.UTC)
		d.cache = newExportCache()
		_, w, err := Fit(d, blobs, p)
		if err != nil {
			t.Fatal(err)
		}
		pngs := 0
		for k := range d.cache.m {
			if k.quality == 0 && !k.photo {
				pngs++
			}
		}
		if pngs > tc.most || (w.Render.Quality == 0) != tc.lossless {
			t.Errorf("%d screenshots: %d PNG encodes (want at most %d), rendered %+v", tc.shots, pngs, tc.most, w.Render)
		}
	}
}

// TestFirstFit: for every boundary on the default ladder, the search finds
// the first step that fits, tries no step at a lower DPI while one at the
// DPI tried fits (those reuse the scaled pixels), and stops at an error.
func TestFirstFit(t *testing.T) {
	steps := ladder(150)
	for tried := range steps {
		for boundary := tried + 1; boundary <= len(steps); boundary++ {
			var probed []int
			got, err := firstFit(steps, tried, func(i int) (bool, error) {
				probed = append(probed, i)
				return i >= boundary, nil
			})
			want := boundary
			if boundary == len(steps) {
				want = -1
			}
			if err != nil || got != want {
				t.Errorf("tried %d, boundary %d: %d, %v; want %d", tried, boundary, got, err, want)
			}
			for _, i := range probed {
				if boundary < len(steps) && steps[boundary].DPI == steps[tried].DPI && steps[i].DPI != steps[tried].DPI {
					t.Errorf("tried %d, boundary %d: probed %v at %d DPI", tried, boundary, steps[i], steps[i].DPI)
				}
			}
			if want < 0 && len(probed) > 0 && probed[len(probed)-1] != len(steps)-1 {
				t.Errorf("tried %d: nothing fits, but the last probe was %d, not the smallest step", tried, probed[len(probed)-1])
			}
		}
	}
	broken := errors.New("disk full")
	if _, err := firstFit(steps, 0, func(i int) (bool, error) { return false, broken }); err != broken {
		t.Errorf("error: %v", err)
	}
	if i, err := firstFit(steps, 3, func(i int) (bool, error) { return false, broken }); err != broken || i >= 0 {
		t.Errorf("error at a lower DPI: %d, %v", i, err)
	}
}
