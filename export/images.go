package export

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"

	_ "golang.org/x/image/webp"
	_ "image/gif" // decoders for the formats phones and browsers save

	"golang.org/x/image/draw"
)

// maxPixels refuses decompression bombs: a 100,000 x 100,000 PNG header costs
// 40 GB to decode. 50 megapixels is beyond any phone camera's default.
const maxPixels = 50_000_000

// picture is an image ready for the PDF: 8-bit, opaque, sized for print.
type picture struct {
	data   []byte
	format string // "PNG" or "JPG"
	w, h   int    // pixels
}

// preparePicture decodes an image (PNG of any depth or interlacing, JPEG, GIF,
// WebP), flattens transparency on white, scales it down to fit maxW x maxH
// pixels and re-encodes it: photos as JPEG, screenshots as PNG so that text
// stays sharp. open is called twice: once for the header, once to decode.
func preparePicture(open func() (io.ReadCloser, error), maxW, maxH int, photo bool) (picture, error) {
	cfg, err := decodeWith(open, image.DecodeConfig)
	if err != nil {
		return picture{}, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return picture{}, fmt.Errorf("image is %dx%d pixels, over the %d megapixel limit", cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	img, err := decodeWith(open, image.Decode)
	if err != nil {
		return picture{}, err
	}
	flat := fit(img, maxW, maxH)
	var buf bytes.Buffer
	format := "PNG"
	if photo {
		format = "JPG"
		err = jpeg.Encode(&buf, flat, &jpeg.Options{Quality: 82})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, flat)
	}
	if err != nil {
		return picture{}, fmt.Errorf("encode image: %w", err)
	}
	b := flat.Bounds()
	return picture{data: buf.Bytes(), format: format, w: b.Dx(), h: b.Dy()}, nil
}

// decodeWith opens the image and applies one of image.DecodeConfig/image.Decode.
func decodeWith[T any](open func() (io.ReadCloser, error), decode func(io.Reader) (T, string, error)) (T, error) {
	var zero T
	r, err := open()
	if err != nil {
		return zero, err
	}
	defer r.Close()
	v, _, err := decode(r)
	if err != nil {
		return zero, fmt.Errorf("decode image: %w", err)
	}
	return v, nil
}

// fit draws img onto a white RGBA canvas no larger than maxW x maxH, keeping
// the aspect ratio. A smaller image keeps its size.
func fit(img image.Image, maxW, maxH int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if scale := min(float64(maxW)/float64(w), float64(maxH)/float64(h)); scale < 1 {
		w, h = max(1, int(float64(w)*scale+0.5)), max(1, int(float64(h)*scale+0.5))
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	return dst
}
