package evidence

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"regexp"
	"strings"
	"sync"
	"time"
)

// maxMeta bounds how much of a file is read for its metadata: EXIF sits in
// the first segments of a JPEG and the chunks before a PNG's pixels.
const maxMeta = 1 << 20

// TakenAt reads when a photo or screenshot was taken from its own metadata:
// EXIF DateTimeOriginal (with OffsetTimeOriginal; without it the time is
// local in loc) from a JPEG's APP1 segment or a PNG's eXIf chunk, else a
// PNG's XMP (exif:DateTimeOriginal, photoshop:DateCreated), else its
// "Creation Time" text. ok is false when it names no time, or one before
// 1990 or after 2200 (a camera whose clock was never set, or a forgery):
// the time, in UTC, is always one a record can keep.
func TakenAt(r io.Reader, loc *time.Location) (time.Time, bool) {
	t, ok := takenAt(r, loc)
	return t, ok && plausible(t)
}

func takenAt(r io.Reader, loc *time.Location) (time.Time, bool) {
	br := bufio.NewReader(io.LimitReader(r, maxMeta))
	head, _ := br.Peek(8)
	switch {
	case bytes.HasPrefix(head, []byte("\xff\xd8")):
		if tiff := jpegExif(br); tiff != nil {
			return exifTime(tiff, loc)
		}
	case bytes.Equal(head, []byte("\x89PNG\r\n\x1a\n")):
		return pngTime(br, loc)
	}
	return time.Time{}, false
}

// jpegExif finds the TIFF data of a JPEG's Exif APP1 segment.
func jpegExif(r *bufio.Reader) []byte {
	r.Discard(2)
	for {
		var marker [4]byte
		if _, err := io.ReadFull(r, marker[:]); err != nil || marker[0] != 0xff {
			return nil
		}
		if marker[1] == 0xda || marker[1] == 0xd9 { // the pixels, or the end: no EXIF before them
			return nil
		}
		n := int(binary.BigEndian.Uint16(marker[2:])) - 2
		if n < 0 {
			return nil
		}
		seg := make([]byte, n)
		if _, err := io.ReadFull(r, seg); err != nil {
			return nil
		}
		if marker[1] == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
	}
}

// pngTime reads the chunks before a PNG's end for a time.
func pngTime(r *bufio.Reader, loc *time.Location) (time.Time, bool) {
	r.Discard(8)
	var xmp, created []byte
	for {
		var h [8]byte
		if _, err := io.ReadFull(r, h[:]); err != nil {
			break
		}
		n, kind := binary.BigEndian.Uint32(h[:4]), string(h[4:])
		if n > maxMeta {
			break
		}
		if kind != "eXIf" && kind != "iTXt" && kind != "tEXt" {
			if _, err := r.Discard(int(n) + 4); err != nil || kind == "IEND" {
				break
			}
			continue
		}
		data := make([]byte, n+4) // and its CRC
		if _, err := io.ReadFull(r, data); err != nil {
			break
		}
		data = data[:n]
		switch key, value, _ := bytes.Cut(data, []byte{0}); {
		case kind == "eXIf":
			if t, ok := exifTime(data, loc); ok {
				return t, true
			}
		case kind == "iTXt" && string(key) == "XML:com.adobe.xmp":
			xmp = value
		case kind == "tEXt" && string(key) == "Creation Time":
			created = value
		}
	}
	if t, ok := xmpTime(xmp); ok {
		return t, true
	}
	return readTime(strings.TrimSpace(string(created)), loc)
}

// The EXIF tags read.
const (
	tagExifIFD        = 0x8769
	tagDateTimeOrig   = 0x9003
	tagOffsetTimeOrig = 0x9011
)

// exifTime reads DateTimeOriginal and OffsetTimeOriginal from TIFF data.
func exifTime(tiff []byte, loc *time.Location) (time.Time, bool) {
	order, ifd0, err := tiffHeader(tiff)
	if err != nil {
		return time.Time{}, false
	}
	exif := ifdEntry(tiff, order, ifd0, tagExifIFD)
	if exif == nil || len(exif.value) < 4 {
		return time.Time{}, false
	}
	sub := order.Uint32(exif.value)
	orig := ifdEntry(tiff, order, sub, tagDateTimeOrig)
	if orig == nil {
		return time.Time{}, false
	}
	when := strings.TrimRight(string(orig.value), "\x00 ")
	if off := ifdEntry(tiff, order, sub, tagOffsetTimeOrig); off != nil {
		if t, err := time.Parse("2006:01:02 15:04:05-07:00", when+strings.TrimRight(string(off.value), "\x00 ")); err == nil {
			return t.UTC(), true
		}
	}
	return readTime(when, loc)
}

var errTIFF = errors.New("not TIFF data")

func tiffHeader(b []byte) (binary.ByteOrder, uint32, error) {
	if len(b) < 8 {
		return nil, 0, errTIFF
	}
	var order binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return nil, 0, errTIFF
	}
	if order.Uint16(b[2:]) != 42 {
		return nil, 0, errTIFF
	}
	return order, order.Uint32(b[4:]), nil
}

// entry is one IFD entry's value bytes.
type entry struct{ value []byte }

// ifdEntry finds a tag in the IFD at offset and returns its value's bytes
// (inline or at its offset), or nil; every offset is checked.
func ifdEntry(b []byte, order binary.ByteOrder, offset uint32, tag uint16) *entry {
	if uint64(offset)+2 > uint64(len(b)) {
		return nil
	}
	n := int(order.Uint16(b[offset:]))
	sizes := map[uint16]uint64{1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8}
	for i := range n {
		at := uint64(offset) + 2 + uint64(i)*12
		if at+12 > uint64(len(b)) {
			return nil
		}
		e := b[at : at+12]
		if order.Uint16(e) != tag {
			continue
		}
		size := sizes[order.Uint16(e[2:])] * uint64(order.Uint32(e[4:]))
		if size <= 4 {
			return &entry{e[8 : 8+size]}
		}
		start := uint64(order.Uint32(e[8:]))
		if start+size > uint64(len(b)) {
			return nil
		}
		return &entry{b[start : start+size]}
	}
	return nil
}

// xmpDate finds the capture time in XMP: exif:DateTimeOriginal, else
// photoshop:DateCreated, as attributes or elements.
var xmpDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:exif:DateTimeOriginal|photoshop:DateCreated)(?:="|>)([0-9][0-9:T.+\-Z ]{9,30})`)
})

func xmpTime(xmp []byte) (time.Time, bool) {
	if len(xmp) == 0 {
		return time.Time{}, false
	}
	m := xmpDate().FindSubmatch(xmp)
	if m == nil {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, string(m[1])); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// readTime reads the forms a time without a zone takes in metadata, as a
// time in loc; RFC 1123 and RFC 3339 keep their own zone.
func readTime(s string, loc *time.Location) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339, time.RFC1123Z, time.RFC1123, "2006:01:02 15:04:05Z07:00", "2006:01:02 15:04:05.999Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), plausible(t)
		}
	}
	for _, layout := range []string{"2006:01:02 15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), plausible(t)
		}
	}
	return time.Time{}, false
}

// plausible refuses the zero dates cameras write when their clock is not
// set, and the far future.
func plausible(t time.Time) bool { return t.UTC().Year() >= 1990 && t.UTC().Year() <= 2200 }
