package export

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"vault/internal/testimage"
)

// generalHalf is what halvedPNG stands in for: decode with image/png, then
// halve, for an opaque RGB or RGBA image; false where halvedPNG must refuse.
func generalHalf(t testing.TB, data []byte) (*image.RGBA, bool) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, false
	}
	pix, stride, ok := opaquePixels(img)
	b := img.Bounds()
	if !ok || b.Dx() < 2 || b.Dy() < 2 {
		return nil, false
	}
	half, hstride, w, h := halve(pix, stride, b.Dx(), b.Dy())
	if hstride != 4*w {
		t.Fatalf("stride %d for width %d", hstride, w)
	}
	return &image.RGBA{Pix: half, Stride: hstride, Rect: image.Rect(0, 0, w, h)}, true
}

// checkHalf compares halvedPNG with the general path on one file: where
// halvedPNG takes a file, its pixels must be the same, byte for byte. (It
// does not check CRCs, so it may take a file image/png refuses: in the
// vault a file is checked against its SHA-256 first.)
func checkHalf(t testing.TB, name string, data []byte) (taken bool) {
	got, ok := halvedPNG(bytes.NewReader(data))
	if !ok {
		return false
	}
	want, wok := generalHalf(t, data)
	if !wok {
		if _, err := png.Decode(bytes.NewReader(data)); err == nil {
			t.Fatalf("%s: halvedPNG took a file the general path flattens", name)
		}
		return true // damaged where halvedPNG does not look (checksums, trailing data)
	}
	if got.Rect != want.Rect || !bytes.Equal(got.Pix, want.Pix) {
		t.Fatalf("%s: halved pixels differ from decode+halve (%v vs %v)", name, got.Rect, want.Rect)
	}
	return true
}

func jpegOf(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rgbaPNG writes img as an 8-bit RGBA PNG (image/png would write an opaque
// one as RGB), row y filtered with filter type y%5.
func rgbaPNG(t testing.TB, img *image.NRGBA) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	var raw bytes.Buffer
	z := zlib.NewWriter(&raw)
	prev := make([]byte, 4*w)
	for y := range h {
		cur := img.Pix[y*img.Stride : y*img.Stride+4*w]
		z.Write(append([]byte{byte(y % 5)}, filterRow(byte(y%5), cur, prev)...))
		prev = cur
	}
	z.Close()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		c := append([]byte(kind), data...)
		out.Write(c)
		binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, uint32(w)), uint32(h))
	chunk("IHDR", append(ihdr, 8, 6, 0, 0, 0))
	chunk("IDAT", raw.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// filterRow applies a PNG filter to a row of 4-byte pixels.
func filterRow(kind byte, cur, prev []byte) []byte {
	out := make([]byte, len(cur))
	for i := range cur {
		var a, b, c int
		if i >= 4 {
			a, c = int(cur[i-4]), int(prev[i-4])
		}
		b = int(prev[i])
		pred := 0
		switch kind {
		case 1:
			pred = a
		case 2:
			pred = b
		case 3:
			pred = (a + b) / 2
		case 4:
			p := a + b - c
			pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
			switch {
			case pa <= pb && pa <= pc:
				pred = a
			case pb <= pc:
				pred = b
			default:
				pred = c
			}
		}
		out[i] = cur[i] - byte(pred)
	}
	return out
}

// noise is an image whose rows make image/png's encoder use every filter.
func noise(w, h int, alpha func(x, y int) uint8) *image.NRGBA {
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := uint8(r.IntN(40)) + uint8(x*3+y*2)
			img.SetNRGBA(x, y, color.NRGBA{v, v ^ 0x5a, uint8(y), alpha(x, y)})
		}
	}
	return img
}

func TestHalvedPNGSameAsDecodeAndHalve(t *testing.T) {
	opaque := func(x, y int) uint8 { return 255 }
	for _, c := range []struct {
		name  string
		data  []byte
		taken bool
	}{
		{"phone screenshot", testimage.PhoneScreenshot(3), true},
		{"odd width and height", encodePNG(t, noise(333, 101, opaque)), true},
		{"2x2", encodePNG(t, noise(2, 2, opaque)), true},
		{"3x2", encodePNG(t, noise(3, 2, opaque)), true},
		{"2x777", encodePNG(t, noise(2, 777, opaque)), true},
		// RGBA files, each row with the next filter type.
		{"RGBA opaque", rgbaPNG(t, noise(65, 31, opaque)), true},
		{"RGBA transparent pixel", rgbaPNG(t, noise(65, 31, func(x, y int) uint8 { return 255 - uint8(x&y&1) })), false},
		{"transparent pixel", encodePNG(t, noise(64, 64, func(x, y int) uint8 { return 255 - uint8(x&y&1) })), false},
		{"transparent in the dropped row", encodePNG(t, noise(9, 9, func(x, y int) uint8 { return 255 - uint8(y/8) })), false},
		{"1 pixel high", encodePNG(t, noise(50, 1, opaque)), false},
		{"empty", nil, false},
		{"truncated", testimage.PhoneScreenshot(4)[:200_000], false},
		{"JPEG", jpegOf(t, noise(16, 16, opaque)), false},
	} {
		if got := checkHalf(t, c.name, c.data); got != c.taken {
			t.Errorf("%s: taken %v, want %v", c.name, got, c.taken)
		}
	}
}

// TestHalvedPNGSuite runs the PNG test suite (colour types, depths,
// interlacing, tRNS, filters): each file halvedPNG takes gives the general
// path's pixels, and it takes the plain 8-bit RGB and RGBA ones.
func TestHalvedPNGSuite(t *testing.T) {
	files, _ := filepath.Glob("testdata/pngsuite/*.png")
	if len(files) < 30 {
		t.Fatalf("found %d PngSuite files", len(files))
	}
	taken := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		taken[filepath.Base(f)] = checkHalf(t, f, data)
	}
	for name, want := range map[string]bool{
		"basn2c08.png": true, "basn6a08.png": false /* has alpha */, "ftp0n2c08.png": true,
		"basi2c08.png": false /* interlaced */, "basn2c16.png": false, "basn3p08.png": false,
		"basn0g08.png": false, "ftbrn2c08.png": false, /* tRNS */
	} {
		if got, ok := taken[name]; ok && got != want {
			t.Errorf("%s: taken %v, want %v", name, got, want)
		}
	}
}

// FuzzHalvedPNG: no input panics halvedPNG, and what it takes it halves as
// decode+halve does.
func FuzzHalvedPNG(f *testing.F) {
	f.Add(encodePNG(f, noise(7, 5, func(x, y int) uint8 { return 255 })))
	f.Add(encodePNG(f, image.NewRGBA(image.Rect(0, 0, 4, 4))))
	if data, err := os.ReadFile("testdata/pngsuite/basn2c08.png"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkHalf(t, "input", data)
	})
}

// TestAddBytes: the eight-bytes-at-a-time sum is the byte-by-byte one,
// carries and all (0x80 + 0x80, 0xff + 0x01), for every tail length.
func TestAddBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	edges := []byte{0, 1, 0x7f, 0x80, 0x81, 0xfe, 0xff}
	for n := range 40 {
		cur, prev := make([]byte, n), make([]byte, n+3) // prev may be longer
		for i := range cur {
			cur[i], prev[i] = edges[rng.IntN(len(edges))], edges[rng.IntN(len(edges))]
		}
		want := slices.Clone(cur)
		for i := range want {
			want[i] += prev[i]
		}
		if addBytes(cur, prev); !bytes.Equal(cur, want) {
			t.Fatalf("n %d: %x, want %x", n, cur, want)
		}
	}
}
