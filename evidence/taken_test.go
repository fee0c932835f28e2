package evidence

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTakenAt reads the dates of camera JPEGs and PNG screenshots made with
// exiftool and ImageMagick (testdata/exif), and applies a photo's
// orientation when it is decoded.
func TestTakenAt(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	for file, want := range map[string]string{
		"camera.jpg":             "2026-10-20T12:30:05Z", // +02:00 recorded
		"phone-no-offset.jpg":    "2026-10-21T07:15:00Z", // no offset: Oslo time
		"screenshot-exif.png":    "2026-11-16T19:05:00Z",
		"screenshot-xmp.png":     "2026-11-17T07:00:00Z",
		"screenshot-created.png": "2026-11-18T09:00:00Z",
		"screenshot-plain.png":   "",
	} {
		data, err := os.ReadFile(filepath.Join("testdata", "exif", file))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := TakenAt(bytes.NewReader(data), oslo)
		if (want == "") != !ok || ok && got.Format(time.RFC3339) != want {
			t.Errorf("%s: %v %v, want %q", file, got, ok, want)
		}
	}
	open := func() (io.ReadCloser, error) { return os.Open(filepath.Join("testdata", "exif", "camera.jpg")) }
	img, err := DecodeImage(open)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 80 || b.Dy() != 120 {
		t.Errorf("a 120x80 photo taken upright (orientation 6) decodes as %dx%d, want 80x120", b.Dx(), b.Dy())
	}
}

// TestTakenAtNasty: truncated, empty, lying and looping metadata name no
// time and never panic.
func TestTakenAtNasty(t *testing.T) {
	camera, _ := os.ReadFile(filepath.Join("testdata", "exif", "camera.jpg"))
	shot, _ := os.ReadFile(filepath.Join("testdata", "exif", "screenshot-exif.png"))
	xmp, _ := os.ReadFile(filepath.Join("testdata", "exif", "screenshot-xmp.png"))
	forged := func(data []byte, pairs ...string) []byte { // the same lengths: the offsets stay right
		for i := 0; i < len(pairs); i += 2 {
			data = bytes.ReplaceAll(data, []byte(pairs[i]), []byte(pairs[i+1]))
		}
		return data
	}
	for name, data := range map[string][]byte{
		"year 9999 west of UTC": forged(camera, "2026:10:20 14:30:05", "9999:12:31 23:59:59", "+02:00", "-23:59"),
		"year 0 east of UTC":    forged(camera, "2026:10:20 14:30:05", "0000:01:01 00:00:00", "+02:00", "+14:00"),
		"year 1 in XMP":         forged(xmp, "2026-11-17T08:00:00+01:00", "0001-01-01T00:00:00+14:00"),
		"year 9999 in XMP":      forged(xmp, "2026-11-17T08:00:00+01:00", "9999-12-31T23:59:59-23:59"),
		"empty":                 nil, "jpeg header only": []byte("\xff\xd8"), "png signature only": []byte("\x89PNG\r\n\x1a\n"),
		"truncated jpeg": camera[:40], "truncated png": shot[:60],
		"huge segment": []byte("\xff\xd8\xff\xe1\xff\xffExif\x00\x00II*\x00"),
		"ifd past end": append([]byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00"), 0xff, 0xff, 0xff, 0x7f),
		"not an image": []byte("hello, æøå 📦"),
	} {
		if got, ok := TakenAt(bytes.NewReader(data), time.UTC); ok {
			t.Errorf("%s: %v", name, got)
		}
	}
}

func FuzzTakenAt(f *testing.F) {
	for _, name := range []string{"camera.jpg", "screenshot-exif.png", "screenshot-xmp.png", "screenshot-created.png"} {
		data, _ := os.ReadFile(filepath.Join("testdata", "exif", name))
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, ok := TakenAt(bytes.NewReader(data), time.UTC); ok && !plausible(got) {
			t.Fatalf("implausible time %v", got)
		}
	})
}

// TestPNGCreationTimeForms: the Creation Time text as exiftool, ImageMagick
// and PNG's own RFC 1123 write it.
func TestPNGCreationTimeForms(t *testing.T) {
	for value, want := range map[string]string{
		"2026:10:02 14:35:00+02:00":       "2026-10-02T12:35:00Z",
		"2026-10-02T14:35:00+02:00":       "2026-10-02T12:35:00Z",
		"Fri, 02 Oct 2026 14:35:00 +0200": "2026-10-02T12:35:00Z",
		"2026:10:02 14:35:00":             "2026-10-02T14:35:00Z", // no zone: the user's (here UTC)
		"0000:00:00 00:00:00":             "",
		"soon":                            "",
	} {
		got, ok := TakenAt(bytes.NewReader(pngWithText(t, "Creation Time", value)), time.UTC)
		if (want == "") != !ok || ok && got.Format(time.RFC3339) != want {
			t.Errorf("%q: %v %v, want %q", value, got, ok, want)
		}
	}
}

// pngWithText is a small PNG with a tEXt chunk after its header.
func pngWithText(t *testing.T, key, value string) []byte {
	t.Helper()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	data := []byte(key + "\x00" + value)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	b := img.Bytes()
	const header = 8 + 25 // the signature and IHDR
	return append(append(append([]byte{}, b[:header]...), chunk...), b[header:]...)
}
