package export

import (
	"bytes"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"slices"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"vault/internal/testimage"
)

func opener(data []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPreparePicture(t *testing.T) {
	rgba16 := image.NewRGBA64(image.Rect(0, 0, 300, 200))
	grayAlpha := image.NewNRGBA(image.Rect(0, 0, 120, 80)) // transparent: must come out white
	paletted := image.NewPaletted(image.Rect(0, 0, 64, 64), palette.Plan9)
	gray16 := image.NewGray16(image.Rect(0, 0, 50, 50))
	for x := range 300 {
		rgba16.Set(x, x%200, color.RGBA64{0xffff, 0, 0, 0xffff})
	}
	var jpg, gf bytes.Buffer
	jpeg.Encode(&jpg, image.NewYCbCr(image.Rect(0, 0, 2000, 1000), image.YCbCrSubsampleRatio420), nil)
	gif.Encode(&gf, paletted, nil)
	tests := []struct {
		name       string
		data       []byte
		photo      bool
		format     string
		w, h       int
		maxW, maxH int
	}{
		{"16-bit RGBA PNG", encodePNG(t, rgba16), false, "PNG", 300, 200, 1000, 1000},
		{"grey+alpha PNG", encodePNG(t, grayAlpha), false, "PNG", 120, 80, 1000, 1000},
		{"palette PNG", encodePNG(t, paletted), false, "PNG", 64, 64, 1000, 1000},
		{"16-bit grey PNG", encodePNG(t, gray16), false, "PNG", 50, 50, 1000, 1000},
		{"GIF", gf.Bytes(), false, "PNG", 64, 64, 1000, 1000},
		{"JPEG photo scaled down", jpg.Bytes(), true, "JPG", 800, 400, 800, 800},
		{"tall screenshot scaled to height", encodePNG(t, image.NewRGBA(image.Rect(0, 0, 1170, 2532))), false, "PNG", 462, 1000, 1000, 1000},
	}
	for _, tt := range tests {
		pic, err := preparePicture(opener(tt.data), tt.maxW, tt.maxH, tt.photo, 0)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if pic.format != tt.format || pic.w != tt.w || pic.h != tt.h {
			t.Errorf("%s: got %s %dx%d, want %s %dx%d", tt.name, pic.format, pic.w, pic.h, tt.format, tt.w, tt.h)
		}
		// What the PDF receives must be an opaque 8-bit image.
		img, _, err := image.Decode(bytes.NewReader(pic.data))
		if err != nil {
			t.Errorf("%s: prepared image does not decode: %v", tt.name, err)
			continue
		}
		if r, g, b, a := img.At(0, 0).RGBA(); a != 0xffff || (tt.name == "grey+alpha PNG" && (r&g&b)>>8 != 0xff) {
			t.Errorf("%s: pixel (0,0) = %v %v %v %v, want opaque (white where transparent)", tt.name, r, g, b, a)
		}
	}
}

func TestPreparePictureRefuses(t *testing.T) {
	good := encodePNG(t, image.NewRGBA(image.Rect(0, 0, 100, 100)))
	tests := []struct {
		name, data, want string
	}{
		{"bomb 100000x100000", string(testimage.PNGHeader(100_000, 100_000)), "over the 50 megapixel limit"},
		{"truncated PNG", string(good[:len(good)/2]), "bad image"},
		{"bad CRC", string(good[:30]) + "XXXX" + string(good[34:]), "bad image"},
		{"empty", "", "bad image"},
		{"text", "not an image at all", "bad image"},
	}
	for _, tt := range tests {
		_, err := preparePicture(opener([]byte(tt.data)), 100, 100, false, 0)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestFitOpaque: the fixed-point path for opaque images (halving, then
// Catmull-Rom) stays close to x/image/draw's Catmull-Rom in one step
// (text-like stripes included), keeps flat colours exact, and is not used
// for images with transparency.
func TestFitOpaque(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 1170, 2532))
	for y := range 2532 {
		for x := range 1170 {
			v := uint8(x * 255 / 1170)
			if (y/9)%4 == 0 && (x/3)%5 != 0 { // lines of "text"
				v = 20
			}
			o := src.PixOffset(x, y)
			copy(src.Pix[o:o+4], []uint8{v, uint8(y % 256), 255 - v, 255})
		}
	}
	got := fit(src, 340, 1200)
	want := image.NewRGBA(got.Bounds())
	draw.Draw(want, want.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	xdraw.CatmullRom.Scale(want, want.Bounds(), src, src.Bounds(), xdraw.Over, nil)
	var diff int
	for i := range got.Pix {
		d := int(got.Pix[i]) - int(want.Pix[i])
		diff += max(d, -d)
	}
	if mean := float64(diff) / float64(len(got.Pix)); mean > 3 {
		t.Errorf("halved then scaled differs from one scale by %.2f levels on average", mean)
	}

	flat := image.NewRGBA(image.Rect(0, 0, 1001, 2001))
	draw.Draw(flat, flat.Bounds(), image.NewUniform(color.RGBA{10, 200, 30, 255}), image.Point{}, draw.Src)
	out := fit(flat, 200, 400)
	for i := 0; i < len(out.Pix); i += 4 {
		if !bytes.Equal(out.Pix[i:i+4], []uint8{10, 200, 30, 255}) {
			t.Fatalf("a flat colour changed to %v", out.Pix[i:i+4])
		}
	}

	for _, img := range []image.Image{image.NewNRGBA(image.Rect(0, 0, 4, 4)), image.NewGray(image.Rect(0, 0, 4, 4)),
		flat.SubImage(image.Rect(1, 1, 5, 5))} {
		if _, _, ok := opaquePixels(img); ok {
			t.Errorf("%T at %v taken for an opaque RGBA image at the origin", img, img.Bounds())
		}
	}
	for _, size := range [][4]int{{7, 5, 3, 2}, {1170, 2532, 1170, 2532}, {3, 3, 1, 1}, {1001, 1, 500, 1}} {
		src := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		for i := range src.Pix {
			src.Pix[i] = 255
		}
		if out := fit(src, size[2], size[3]); out.Bounds().Dx() != size[2] || out.Bounds().Dy() != size[3] || out.Pix[0] != 255 {
			t.Errorf("%v: %v, first byte %d", size, out.Bounds(), out.Pix[0])
		}
	}
}

// TestPlainPNG: an opaque 8-bit PNG that fits goes into the PDF byte for
// byte (img2pdf's way); anything that needs work takes the full path.
func TestPlainPNG(t *testing.T) {
	opaque := image.NewRGBA(image.Rect(0, 0, 40, 80))
	for i := range opaque.Pix {
		opaque.Pix[i] = uint8(i) // a gradient, not a flat colour
	}
	for i := 3; i < len(opaque.Pix); i += 4 {
		opaque.Pix[i] = 255
	}
	rgb := encodePNG(t, opaque)
	clear := image.NewNRGBA(image.Rect(0, 0, 40, 80)) // transparent: colour type 6
	pal := image.NewPaletted(image.Rect(0, 0, 40, 80), color.Palette{color.White, color.Black})
	grey := image.NewGray(image.Rect(0, 0, 40, 80))
	for _, tt := range []struct {
		name       string
		data       []byte
		maxW, maxH int
		plain      bool
	}{
		{"opaque RGB that fits", rgb, 40, 80, true},
		{"grey", encodePNG(t, grey), 100, 100, true},
		{"needs scaling", rgb, 20, 80, false},
		{"transparent", encodePNG(t, clear), 100, 100, false},
		{"palette", encodePNG(t, pal), 100, 100, false},
		{"truncated", rgb[:len(rgb)-20], 100, 100, false},
		{"header only", rgb[:29], 100, 100, false},
		{"empty", nil, 100, 100, false},
		{"a JPEG", []byte("\xff\xd8\xff\xe0 not a png at all, but long enough"), 100, 100, false},
		{"a chunk longer than the file", append(slices.Clone(rgb[:33]), 0xff, 0xff, 0xff, 0xff, 'I', 'D', 'A', 'T'), 100, 100, false},
	} {
		pic, ok := plainPNG(opener(tt.data), tt.maxW, tt.maxH)
		if ok != tt.plain {
			t.Errorf("%s: plain %v, want %v", tt.name, ok, tt.plain)
		}
		if ok && !bytes.Equal(pic.data, tt.data) {
			t.Errorf("%s: the PNG was changed", tt.name)
		}
	}
}

func FuzzPlainPNG(f *testing.F) {
	f.Add(encodePNG(f, image.NewGray(image.Rect(0, 0, 3, 3))))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if pic, ok := plainPNG(opener(data), 1000, 1000); ok && !bytes.Equal(pic.data, data) {
			t.Fatal("a plain PNG was changed")
		}
	})
}
