package export

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/draw"

	"vault/evidence"
)

// picture is an image ready for the PDF: 8-bit, opaque, sized for print.
type picture struct {
	data   []byte
	format string // "PNG" or "JPG"
	w, h   int    // pixels
	id     string // names the bytes in the PDF: the same pixels are one image
}

func newPicture(data []byte, format string, w, h int) picture {
	sum := sha256.Sum256(data)
	return picture{data: data, format: format, w: w, h: h, id: hex.EncodeToString(sum[:12])}
}

// preparePicture decodes an image (see evidence.DecodeImage), flattens
// transparency on white, scales it down to fit maxW x maxH pixels and
// re-encodes it: photos as JPEG, screenshots as PNG so that text stays sharp,
// unless a JPEG quality is given, which then applies to both.
func preparePicture(open func() (io.ReadCloser, error), maxW, maxH int, photo bool, quality int) (picture, error) {
	return prepareWith(open, maxW, maxH, photo, quality, scaled)
}

// prepareWith is preparePicture with the scaling step given (the export's
// cache keeps scaled pixels for the next rendition): a plain PNG that fits
// is embedded as it is, anything else scaled and encoded.
func prepareWith(open func() (io.ReadCloser, error), maxW, maxH int, photo bool, quality int,
	scale func(open func() (io.ReadCloser, error), maxW, maxH int) (*image.RGBA, error)) (picture, error) {
	if !photo && quality == 0 {
		if pic, ok := plainPNG(open, maxW, maxH); ok {
			return pic, nil
		}
	}
	flat, err := scale(open, maxW, maxH)
	if err != nil {
		return picture{}, err
	}
	return encodePicture(flat, photo, quality)
}

// scaled decodes an image and fits it, flat on white, in maxW x maxH.
func scaled(open func() (io.ReadCloser, error), maxW, maxH int) (*image.RGBA, error) {
	img, err := evidence.DecodeImage(open)
	if err != nil {
		return nil, err
	}
	return fit(img, maxW, maxH), nil
}

// encodePicture encodes scaled pixels: JPEG for photos or with a quality,
// else PNG.
func encodePicture(flat *image.RGBA, photo bool, quality int) (picture, error) {
	var buf bytes.Buffer
	var err error
	format := "PNG"
	if photo || quality > 0 {
		format = "JPG"
		err = jpeg.Encode(&buf, flat, &jpeg.Options{Quality: cmp.Or(quality, 82)})
	} else {
		err = png.Encode(&buf, flat) // BestCompression took 44% of an export for ~5% smaller files
	}
	if err != nil {
		return picture{}, fmt.Errorf("encode image: %w", err)
	}
	b := flat.Bounds()
	return newPicture(buf.Bytes(), format, b.Dx(), b.Dy()), nil
}

// fitSize is the size fit gives an image of w x h pixels: scaled to fit
// the box, never up. A scale just over a half (up to 0.55) is a half: the
// export reads a screenshot straight into its 2x2 average (halvedPNG), and
// a key screenshot shown large (box 635 px wide, the image 1170) cost a
// decode at full size and a filter pass for 8 % more pixels.
func fitSize(w, h, maxW, maxH int) (int, int) {
	scale := min(float64(maxW)/float64(w), float64(maxH)/float64(h))
	switch {
	case scale >= 1:
		return w, h
	case scale > 0.5 && scale <= 0.55 && w >= 2 && h >= 2:
		return w / 2, h / 2
	}
	return max(1, int(float64(w)*scale+0.5)), max(1, int(float64(h)*scale+0.5))
}

// fit draws img onto a white RGBA canvas no larger than maxW x maxH, keeping
// the aspect ratio. A smaller image keeps its size.
func fit(img image.Image, maxW, maxH int) *image.RGBA {
	b := img.Bounds()
	w, h := fitSize(b.Dx(), b.Dy(), maxW, maxH)
	if pix, stride, ok := opaquePixels(img); ok {
		return scaleOpaque(pix, stride, b.Dx(), b.Dy(), w, h) // see resample.go
	}
	// With transparency: Catmull-Rom over white.
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	return dst
}

// plainPNG is a PNG embedded as it is, as img2pdf does, when nothing needs
// doing: it fits the box unscaled, and it is 8-bit grey or RGB without
// transparency or interlacing, which the PDF takes as the PNG's own
// compressed data. Its pixels are not decoded here: attach decoded the file
// whole when it came in, and the export checks its SHA-256 first.
func plainPNG(open func() (io.ReadCloser, error), maxW, maxH int) (picture, bool) {
	r, err := open()
	if err != nil {
		return picture{}, false
	}
	defer r.Close()
	var head [29]byte
	if _, err := io.ReadFull(r, head[:]); err != nil || string(head[:8]) != "\x89PNG\r\n\x1a\n" || string(head[12:16]) != "IHDR" {
		return picture{}, false
	}
	w, h := int(binary.BigEndian.Uint32(head[16:])), int(binary.BigEndian.Uint32(head[20:]))
	depth, colour, interlace := head[24], head[25], head[28]
	if depth != 8 || (colour != 0 && colour != 2) || interlace != 0 || w > maxW || h > maxH {
		return picture{}, false
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		return picture{}, false
	}
	data := append(head[:], rest...)
	if !plainChunks(data[8:]) {
		return picture{}, false
	}
	return newPicture(data, "PNG", w, h), true
}

// plainChunks walks a PNG's chunks: whole, ending with IEND, with no
// transparency (tRNS) to flatten or orientation (eXIf) to apply.
func plainChunks(b []byte) bool {
	for len(b) >= 12 {
		n := int64(binary.BigEndian.Uint32(b))
		kind := string(b[4:8])
		if n > int64(len(b))-12 || kind == "tRNS" || kind == "eXIf" {
			return false
		}
		if kind == "IEND" {
			return true
		}
		b = b[12+n:]
	}
	return false
}
