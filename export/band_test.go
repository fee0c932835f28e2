package export

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/pdftest"
)

// pagePNG draws a page's picture as Chromium would: white, lines of
// "words" (dark bars of random lengths) 14 rows high with 6 quiet rows
// between them, a table border down the left, opaque RGB.
func pagePNG(t testing.TB, w, h int, seed uint64) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r := rand.New(rand.NewPCG(seed, 1))
	for top := 0; top+14 <= h; top += 20 {
		for x := 40; x < w-80; {
			n := 10 + r.IntN(60)
			shade := uint8(r.IntN(120))
			draw.Draw(img, image.Rect(x, top+2, min(x+n, w-40), top+12+r.IntN(3)), image.NewUniform(color.RGBA{shade, shade, shade + 40, 255}), image.Point{}, draw.Src)
			x += n + 8
		}
	}
	draw.Draw(img, image.Rect(10, 0, 11, h), image.NewUniform(color.RGBA{200, 200, 200, 255}), image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCroppedPNG: a band read row by row is the same pixels as the image
// decoded whole and cut, for RGB and opaque RGBA; a PNG it does not take
// (paletted, translucent, a band outside the image) is false.
func TestCroppedPNG(t *testing.T) {
	rgb := pagePNG(t, 300, 500, 1)
	whole, err := png.Decode(bytes.NewReader(rgb))
	if err != nil {
		t.Fatal(err)
	}
	// The same pixels with an alpha channel: opaque but for the last row's
	// first pixel, so that Go writes RGBA.
	nrgba := image.NewNRGBA(whole.Bounds())
	draw.Draw(nrgba, nrgba.Bounds(), whole, image.Point{}, draw.Src)
	nrgba.Pix[nrgba.PixOffset(0, 499)+3] = 254
	var rgba bytes.Buffer
	if err := png.Encode(&rgba, nrgba); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		data []byte
		b    band
	}{
		{rgb, band{0, 500}}, {rgb, band{0, 1}}, {rgb, band{137, 200}}, {rgb, band{499, 1}}, {rgb, band{20, 480}},
		{rgba.Bytes(), band{0, 499}}, {rgba.Bytes(), band{300, 100}},
	} {
		b := c.b
		got, ok := croppedPNG(bytes.NewReader(c.data), b)
		if !ok {
			t.Fatalf("%v: not taken", b)
		}
		for y := range b.rows {
			for x := range 300 {
				r1, g1, b1, _ := whole.At(x, b.top+y).RGBA()
				r2, g2, b2, a2 := got.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a2 != 0xffff {
					t.Fatalf("%v: pixel %d,%d differs", b, x, y)
				}
			}
		}
	}
	translucent := image.NewNRGBA(image.Rect(0, 0, 10, 10))
	var tbuf bytes.Buffer
	png.Encode(&tbuf, translucent)
	paletted := image.NewPaletted(image.Rect(0, 0, 10, 10), color.Palette{color.White, color.Black})
	var pbuf bytes.Buffer
	png.Encode(&pbuf, paletted)
	for name, c := range map[string]struct {
		data []byte
		b    band
	}{
		"translucent":  {tbuf.Bytes(), band{0, 5}},
		"its last row": {rgba.Bytes(), band{400, 100}},
		"paletted":     {pbuf.Bytes(), band{0, 5}},
		"below":        {rgb, band{450, 51}},
		"none":         {rgb, band{0, 0}},
		"truncated":    {rgb[:len(rgb)/2], band{0, 500}},
		"empty":        {nil, band{0, 1}},
	} {
		if _, ok := croppedPNG(bytes.NewReader(c.data), c.b); ok {
			t.Errorf("%s: taken", name)
		}
	}
}

// TestCut: a band ends in the middle of the lowest gap of its last quarter,
// never in a line; with no gap there, where the paper does.
func TestCut(t *testing.T) {
	quiet := make([]bool, 1000)
	for y := range quiet {
		quiet[y] = y%20 >= 14 // lines 14 rows high, gaps of 6
	}
	if got := cut(quiet, 0, 100); got != 98 {
		t.Errorf("cut(0, 100) = %d, want 98 (in the gap 94-99)", got)
	}
	if got := cut(quiet, 0, 95); got != 78 {
		t.Errorf("cut(0, 95) = %d, want 78 (in the gap 74-79)", got)
	}
	if got := cut(make([]bool, 1000), 0, 100); got != 100 {
		t.Errorf("no gap: cut = %d, want 100", got)
	}
	if got := cut(nil, 0, 100); got != 100 {
		t.Errorf("not known: cut = %d, want 100", got)
	}
}

// pageCase is a case holding a saved page (HTML) with its picture, as the
// store reads it: the picture in the file's Pictures, not its Evidence.
func pageCase(t testing.TB, h int) (vault.CaseFile, *evidence.Blobs) {
	t.Helper()
	blobs := newBlobs(t)
	o := vault.Order{ID: 1, Marketplace: vault.AliExpress, Number: "8123456789012345", Seller: "Blåbær Shop"}
	shot := vault.Evidence{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, Title: "order.png", FileName: "order.png",
		Blob: putBlob(t, blobs, pagePNG(t, 400, 300, 1))}
	page := vault.Evidence{Kind: vault.EvidenceListing, Source: vault.SourceFile, Title: "listing.html", FileName: "listing.html",
		Blob: putBlob(t, blobs, []byte("<!DOCTYPE html><html><body><h1>Robot vacuum X200</h1></body></html>"))}
	f := caseFile(vault.Case{Kind: vault.Dispute, Title: "Not as described"}, o, []vault.Evidence{shot, page})
	id := f.Evidence[1].ID
	f.Pictures = []vault.Evidence{{ID: 99, Kind: vault.EvidenceScreenshot, Source: vault.SourceVault, Parent: id,
		Title: "Picture of listing.html", FileName: "listing.png", Blob: putBlob(t, blobs, pagePNG(t, 1280, h, 2))}}
	return f, blobs
}

// TestPagePictureExhibit: a saved page is one exhibit, shown by its
// picture in bands that cover every row once, over pages; the picture is
// no exhibit of its own; the PDF is strict and the same bytes twice.
func TestPagePictureExhibit(t *testing.T) {
	f, blobs := pageCase(t, 2600)
	d := testNew(f, generated, time.UTC)
	if n := len(d.Exhibits); n != 2 || d.Exhibits[1].Picture == nil || d.Exhibits[1].Picture.ID != 99 || d.Exhibits[0].Picture != nil {
		t.Fatalf("exhibits %+v: want the page second, with its picture", d.Exhibits)
	}
	d.cache = newExportCache()
	layout(d, blobs)
	next := 0
	for _, k := range d.cache.wanted {
		if k.sum != f.Pictures[0].Blob.SHA256 {
			continue
		}
		if k.rows.top != next || k.rows.rows <= 0 {
			t.Fatalf("a band %v after row %d", k.rows, next)
		}
		next += k.rows.rows
	}
	if next != 2600 {
		t.Errorf("the bands end at row %d of 2600", next)
	}
	dir := t.TempDir()
	var outs [2][]byte
	for i := range outs {
		path := filepath.Join(dir, "d.pdf")
		if _, err := writePDF(testNew(f, generated, time.UTC), blobs, path); err != nil {
			t.Fatal(err)
		}
		outs[i], _ = os.ReadFile(path)
		info, err := pdftest.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(info.Text, "Shown by its picture") || !strings.Contains(info.Text, f.Pictures[0].Blob.SHA256) {
			t.Errorf("the exhibit does not say it shows its picture")
		}
		if strings.Contains(info.Text, "Exhibit E3") || strings.Contains(info.Text, "listing.png") {
			t.Errorf("the picture is an exhibit of its own")
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two exports of the same case differ")
	}
}

// TestPagePictureAltered: a picture whose stored bytes changed stops the
// export, as an exhibit's would.
func TestPagePictureAltered(t *testing.T) {
	f, blobs := pageCase(t, 300)
	path := blobs.Path(f.Pictures[0].Blob.SHA256)
	os.Chmod(path, 0o600)
	if err := os.WriteFile(path, pagePNG(t, 1280, 300, 3), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := writePDF(testNew(f, generated, time.UTC), blobs, filepath.Join(t.TempDir(), "d.pdf"))
	if err == nil || !strings.Contains(err.Error(), "EV-99") {
		t.Errorf("got %v, want the altered picture named", err)
	}
}
