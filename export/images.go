package export

import (
	"bytes"
	"cmp"
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
}

// preparePicture decodes an image (see evidence.DecodeImage), flattens
// transparency on white, scales it down to fit maxW x maxH pixels and
// re-encodes it: photos as JPEG, screenshots as PNG so that text stays sharp,
// unless a JPEG quality is given, which then applies to both.
func preparePicture(open func() (io.ReadCloser, error), maxW, maxH int, photo bool, quality int) (picture, error) {
	img, err := evidence.DecodeImage(open)
	if err != nil {
		return picture{}, err
	}
	flat := fit(img, maxW, maxH)
	var buf bytes.Buffer
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
	return picture{data: buf.Bytes(), format: format, w: b.Dx(), h: b.Dy()}, nil
}

// fitSize is the size fit gives an image of w x h pixels.
func fitSize(w, h, maxW, maxH int) (int, int) {
	if scale := min(float64(maxW)/float64(w), float64(maxH)/float64(h)); scale < 1 {
		return max(1, int(float64(w)*scale+0.5)), max(1, int(float64(h)*scale+0.5))
	}
	return w, h
}

// fit draws img onto a white RGBA canvas no larger than maxW x maxH, keeping
// the aspect ratio. A smaller image keeps its size.
func fit(img image.Image, maxW, maxH int) *image.RGBA {
	b := img.Bounds()
	w, h := fitSize(b.Dx(), b.Dy(), maxW, maxH)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	// Catmull-Rom keeps screenshot text readable. It is the costliest part
	// of an export (pictures are prepared one per core, see prefetch), and
	// its cost grows with the scale factor: an opaque image is first halved
	// by averaging 2x2 blocks while it stays at least twice the target size.
	src, sb := img, b
	for sb.Dx() >= 2*w && sb.Dy() >= 2*h {
		half, ok := halve(src)
		if !ok {
			break
		}
		src, sb = half, half.Bounds()
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, sb, draw.Over, nil)
	return dst
}

// halve averages each 2x2 block of an opaque RGBA (or NRGBA) image into one
// pixel; a last odd row or column is dropped. It reports false for other
// images, which are scaled directly.
func halve(img image.Image) (*image.RGBA, bool) {
	var pix []uint8
	var stride int
	switch m := img.(type) {
	case *image.RGBA:
		pix, stride = m.Pix, m.Stride
	case *image.NRGBA:
		pix, stride = m.Pix, m.Stride // opaque NRGBA is RGBA
	default:
		return nil, false
	}
	if o, ok := img.(interface{ Opaque() bool }); !ok || !o.Opaque() {
		return nil, false
	}
	b := img.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := pix[2*y*stride:]
		r1 := pix[(2*y+1)*stride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			i := 8 * x
			for c := range 4 {
				sum := int(r0[i+c]) + int(r0[i+4+c]) + int(r1[i+c]) + int(r1[i+4+c])
				o[4*x+c] = uint8((sum + 2) / 4)
			}
		}
	}
	return out, true
}
