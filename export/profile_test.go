package export

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"vault/evidence"
	"vault/internal/pdftest"
	"vault/store"
)

// phoneScreenshot draws a 1170x2532 screenshot: a coloured header, then rows
// of dark bars of varying length on white, as lines of text look.
func phoneScreenshot(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	img := image.NewRGBA(image.Rect(0, 0, 1170, 2532))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 1170, 220), image.NewUniform(color.RGBA{230, 70, 30, 255}), image.Point{}, draw.Src)
	for y := 300; y < 2450; y += 64 {
		x := 60
		for x < 1000 {
			word := 40 + r.IntN(160)
			draw.Draw(img, image.Rect(x, y, min(x+word, 1110), y+30), image.NewUniform(color.RGBA{40, 40, 40, 255}), image.Point{}, draw.Src)
			x += word + 24
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// newScreenshotCase builds a vault whose case holds n phone screenshots.
func newScreenshotCase(t testing.TB, n int) (store.CaseFile, *evidence.Blobs) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Create(ctx, filepath.Join(dir, "vault.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	blobs := evidence.NewBlobs(dir)
	blobs.Init()
	o, _ := db.AddOrder(ctx, store.Order{Marketplace: "aliexpress", Number: "8123456789012345"})
	var items []store.Evidence
	for i := range n {
		st, err := blobs.Put(bytes.NewReader(phoneScreenshot(uint64(i))))
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("IMG_%04d.PNG", i)
		items = append(items, store.Evidence{Kind: "screenshot", Source: "file", Title: name, FileName: name,
			Blob: &store.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: "image/png"}})
	}
	if _, err := db.AddEvidence(ctx, items, store.Links{Orders: []store.OrderID{o}}); err != nil {
		t.Fatal(err)
	}
	c, _ := db.AddCase(ctx, store.Case{Kind: "chargeback", Orders: []store.OrderID{o}})
	f, err := db.CaseFile(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return f, blobs
}

// TestFitDefaultProfile: 30 phone screenshots fit the default profile (2 MB,
// 19 pages), and the PDF is valid with every exhibit in it.
func TestFitDefaultProfile(t *testing.T) {
	f, blobs := newScreenshotCase(t, 30)
	p, _ := ProfileNamed("default")
	data, w, err := Fit(New(f, generated, time.UTC), blobs, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("30 screenshots: %d pages, %d bytes", w.Pages, w.Bytes)
	if w.Pages > 19 || w.Bytes > 2*MB || int64(len(data)) != w.Bytes {
		t.Errorf("30 screenshots: %d pages, %d bytes; the default profile allows 19 pages and 2 MB", w.Pages, w.Bytes)
	}
	path := filepath.Join(t.TempDir(), "d.pdf")
	writeFile(t, path, data)
	info, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count([]byte(info.Text), []byte("Exhibit E")); n < 30 {
		t.Errorf("%d exhibit captions in the text, want 30", n)
	}
}

// TestFitRefuses: limits that cannot be met fail with what to drop.
func TestFitRefuses(t *testing.T) {
	f, blobs := newScreenshotCase(t, 12)
	d := New(f, generated, time.UTC)
	if _, _, err := Fit(d, blobs, Profile{Name: "tiny", MaxBytes: 50_000, DPI: 150}); err == nil ||
		!bytes.Contains([]byte(err.Error()), []byte("Drop exhibits from the case, largest first (E")) {
		t.Errorf("50 kB limit: %v", err)
	}
	if _, _, err := Fit(d, blobs, Profile{Name: "short", MaxPages: 3, DPI: 150}); err == nil ||
		!bytes.Contains([]byte(err.Error()), []byte("the short profile allows 3")) {
		t.Errorf("3 page limit: %v", err)
	}
}
