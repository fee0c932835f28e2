package export

import (
	"bufio"
	"compress/flate"
	"fmt"
	"image"
	"image/draw"
	"io"

	"vault/evidence"
)

// A saved web page is shown by the picture vault drew of it (vault.Evidence
// .IsPicture): 1280 pixels wide and up to 20,000 long, far too long for one
// page of paper at a width that keeps its text readable. It is printed at the
// content's full width and cut into bands, each as high as the paper has
// room for, one under the other over as many pages as it takes.

// cssPixel is the size of a CSS pixel printed at 96 per inch: a picture
// narrower than the content is never enlarged beyond it.
const cssPixel = mmPerInch / 96

// pagePicture prints an exhibit's picture (x.Picture) in bands below its
// caption, from the top of the page it starts on.
func (d Dossier) pagePicture(doc *doc, blobs *evidence.Blobs, x Exhibit) {
	p := x.Picture.Blob
	w, h, err := d.cache.size(p.SHA256, blobs)
	if err != nil {
		doc.para(body, 9, fmt.Sprintf(d.t("The image could not be rendered (%v). The original is identified in the manifest."), err))
		return
	}
	scale := min(contentW/float64(w), cssPixel) // mm per pixel
	quiet := d.cache.quiet(p.SHA256, blobs)
	for top := 0; top < h; {
		if doc.left() < 40 {
			doc.page()
		}
		rows := min(h-top, int((doc.left()-2)/scale))
		if top+rows < h {
			rows = cut(quiet, top, rows)
		}
		d.picture(doc, blobs, p, band{top, rows}, margin, doc.p.GetY(), float64(w)*scale, float64(rows)*scale)
		top += rows
	}
}

// cut is how many rows from top a band of at most rows takes: up to the
// middle of the lowest gap (calm rows in a row) in its last quarter, so
// that it does not cut a line of text; else all.
func cut(quiet []bool, top, rows int) int {
	run := 0
	for y := min(top+rows, len(quiet)) - 1; y > top+rows*3/4; y-- {
		if !quiet[y] {
			run = 0
			continue
		}
		if run++; run == calm {
			return y + calm/2 - top
		}
	}
	return rows
}

// calm is how many quiet rows in a row make a gap between lines: the row
// under a line's baseline, crossed by a "p" or a "g" alone, is quiet too.
const calm = 4

// band is the rows of an image a picture shows: rows from top; none, all.
type band struct{ top, rows int }

// quietRows reads, for each row of an image croppedPNG takes, whether it
// is quiet: all but a few of its pixels (a table's borders, a frame's
// edges: one in 100) the colour of its first; false for any other image.
func quietRows(r io.Reader) ([]bool, bool) {
	w, h, bpp, z, ok := pngPixels(r)
	if !ok {
		return nil, false
	}
	zr := flate.NewReader(z)
	out := make([]bool, h)
	n := w * bpp
	cur, prev := make([]byte, 1+n), make([]byte, 1+n)
	for y := range h {
		if _, err := io.ReadFull(zr, cur); err != nil || !unfilter(cur[0], cur[1:], prev[1:], bpp) {
			return nil, false
		}
		row, odd := cur[1:], 0
		for x := bpp; x < n; x += bpp {
			if row[x] != row[0] || row[x+1] != row[1] || row[x+2] != row[2] {
				odd++
			}
		}
		out[y] = odd <= w/100
		cur, prev = prev, cur
	}
	return out, true
}

// croppedPNG reads rows [top, top+rows) of an 8-bit RGB or opaque RGBA PNG,
// not interlaced (as vault writes pages' pictures), without the rows below
// them and without decoding into a full-size image; else false (the caller
// decodes the general way).
func croppedPNG(r io.Reader, b band) (*image.RGBA, bool) {
	br := bufio.NewReaderSize(r, 64<<10)
	w, h, bpp, ok := pngHeader(br)
	if !ok || b.top < 0 || b.rows <= 0 || b.top+b.rows > h {
		return nil, false
	}
	z, ok := idatStream(br)
	if !ok {
		return nil, false
	}
	zr := flate.NewReader(z)
	out := image.NewRGBA(image.Rect(0, 0, w, b.rows))
	n := w * bpp
	cur, prev := make([]byte, 1+n), make([]byte, 1+n)
	for y := range b.top + b.rows {
		if _, err := io.ReadFull(zr, cur); err != nil || !unfilter(cur[0], cur[1:], prev[1:], bpp) || !opaqueRow(cur[1:], bpp) {
			return nil, false
		}
		if y >= b.top {
			row := out.Pix[(y-b.top)*out.Stride:]
			for x := range w {
				copy(row[4*x:4*x+3], cur[1+bpp*x:])
				row[4*x+3] = 255
			}
		}
		cur, prev = prev, cur
	}
	return out, true
}

// bandScaled reads a band of an image and fits it, flat on white, in
// maxW x maxH.
func bandScaled(open func() (io.ReadCloser, error), b band, maxW, maxH int) (*image.RGBA, error) {
	r, err := open()
	if err != nil {
		return nil, err
	}
	img, ok := croppedPNG(r, b)
	r.Close()
	if !ok {
		whole, err := evidence.DecodeImage(open)
		if err != nil {
			return nil, err
		}
		wb := whole.Bounds()
		if b.top < 0 || b.rows <= 0 || b.top+b.rows > wb.Dy() {
			return nil, fmt.Errorf("rows %d to %d of an image %d high", b.top, b.top+b.rows, wb.Dy())
		}
		img = image.NewRGBA(image.Rect(0, 0, wb.Dx(), b.rows))
		draw.Draw(img, img.Bounds(), whole, image.Pt(wb.Min.X, wb.Min.Y+b.top), draw.Src)
	}
	return fit(img, maxW, maxH), nil
}
