package evidence

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vault/internal/testimage"
)

func opener(data []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

// withOrientation inserts an EXIF APP1 segment with the given orientation
// right after a JPEG's SOI marker, as a phone camera writes it.
func withOrientation(jpg []byte, orientation uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8))           // offset of IFD0
	binary.Write(&tiff, binary.BigEndian, uint16(1))           // one entry
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3}) // Orientation, SHORT
	binary.Write(&tiff, binary.BigEndian, uint32(1))           // count
	binary.Write(&tiff, binary.BigEndian, []uint16{orientation, 0})
	binary.Write(&tiff, binary.BigEndian, uint32(0)) // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	return append(append(append([]byte{}, jpg[:2]...), append(seg, payload...)...), jpg[2:]...)
}

func TestDecodeImage(t *testing.T) {
	// 40x20, red left half, blue right half.
	src := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			c := color.RGBA{255, 0, 0, 255}
			if x >= 20 {
				c = color.RGBA{0, 0, 255, 255}
			}
			src.Set(x, y, c)
		}
	}
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, src, &jpeg.Options{Quality: 95})
	webp, _ := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	tests := []struct {
		name string
		data []byte
		w, h int
	}{
		{"JPEG", jpg.Bytes(), 40, 20},
		{"JPEG rotated 90° by EXIF", withOrientation(jpg.Bytes(), 6), 20, 40},
		{"JPEG upside down by EXIF", withOrientation(jpg.Bytes(), 3), 40, 20},
		{"WebP", webp, 1, 1},
	}
	for _, tt := range tests {
		img, err := DecodeImage(opener(tt.data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
			t.Errorf("%s: %dx%d, want %dx%d", tt.name, b.Dx(), b.Dy(), tt.w, tt.h)
		}
	}
	// Orientation 6 turns the red left half into the top half; 3 puts it on the right.
	img, _ := DecodeImage(opener(withOrientation(jpg.Bytes(), 6)))
	if r, _, b, _ := img.At(10, 2).RGBA(); r < b {
		t.Errorf("orientation 6: top is not red")
	}
	img, _ = DecodeImage(opener(withOrientation(jpg.Bytes(), 3)))
	if r, _, b, _ := img.At(35, 10).RGBA(); r < b {
		t.Errorf("orientation 3: right is not red")
	}
}

func TestDecodeImageRefuses(t *testing.T) {
	var jpg, pngBuf bytes.Buffer
	jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 64, 64)), nil)
	png.Encode(&pngBuf, image.NewGray(image.Rect(0, 0, 64, 64)))
	for name, data := range map[string][]byte{
		"truncated JPEG":         jpg.Bytes()[:len(jpg.Bytes())/2],
		"JPEG header only":       jpg.Bytes()[:20],
		"PNG of 0x0 pixels":      testimage.PNGHeader(0, 0),
		"PNG bomb 100000^2":      testimage.PNGHeader(100_000, 100_000),
		"PNG 10000x6000 (60 MP)": testimage.PNGHeader(10_000, 6_000),
		"PNG without its end":    pngBuf.Bytes()[:len(pngBuf.Bytes())-12],
		"empty":                  nil,
		"text":                   []byte("not an image"),
	} {
		if _, err := DecodeImage(opener(data)); !errors.Is(err, ErrBadImage) {
			t.Errorf("%s: %v, want ErrBadImage", name, err)
		}
	}
	// Under the pixel limit, yet 4.7 GB to scale (#18, item 8): refused by
	// its header, before a pixel is read.
	if _, err := DecodeImage(opener(testimage.PNGHeader(1, 49_999_999))); !errors.Is(err, ErrBadImage) ||
		!strings.Contains(err.Error(), "longer on a side than 65535") {
		t.Errorf("PNG 1x49,999,999: %v", err)
	}
}

func FuzzDecodeImage(f *testing.F) {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 3, 3)))
	f.Add(buf.Bytes())
	buf.Reset()
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
	f.Add(buf.Bytes())
	f.Add(testimage.PNGHeader(100_000, 100_000))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := DecodeImage(opener(data))
		if err == nil && img.Bounds().Dx()*img.Bounds().Dy() > MaxPixels {
			t.Fatalf("decoded %v, over the limit", img.Bounds())
		}
	})
}

// TestJPEGScanBomb: a JPEG repeating its scan past MaxScans is refused
// before decoding; real ones pass (#18, item 12).
func TestJPEGScanBomb(t *testing.T) {
	var buf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	sos := bytes.Index(good, []byte{0xFF, 0xDA})
	scan := good[sos : len(good)-2] // the SOS segment and its data, without EOI
	bomb := func(n int) []byte {
		out := append([]byte{}, good[:sos]...)
		for range n {
			out = append(out, scan...)
		}
		return append(out, 0xFF, 0xD9)
	}
	camera, err := os.ReadFile(filepath.Join("testdata", "exif", "camera.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		data  []byte
		scans int
	}{{"encoded", good, 1}, {"camera", camera, 1}, {"50 scans", bomb(50), 50}, {"truncated", good[:len(good)/2], 1}} {
		if n, _ := jpegScans(bytes.NewReader(c.data), MaxScans); n != c.scans {
			t.Errorf("%s: %d scans, want %d", c.name, n, c.scans)
		}
	}
	if _, err := DecodeImage(opener(good)); err != nil {
		t.Errorf("a plain JPEG: %v", err)
	}
	start := time.Now()
	_, err = DecodeImage(opener(bomb(20_000)))
	if !errors.Is(err, ErrBadImage) || !strings.Contains(err.Error(), "more than 100 scans") {
		t.Errorf("20,000 scans: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing the bomb took %v", d)
	}
}
