package evidence

import (
	"bufio"
	"errors"
	"io"
)

// MaxScans bounds the scans of a JPEG. A progressive photo has about ten
// (libjpeg's simple progression), rarely twenty; a 2.2 MB file repeating
// one scan 20,000 times took 479 s to decode (#18, item 12).
const MaxScans = 100

var errNotJPEG = errors.New("not a JPEG marker stream")

// jpegScans counts the scans (SOS segments) of a JPEG, reading its markers
// and stepping over the entropy-coded data, and stops counting past max.
func jpegScans(r io.Reader, max int) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if a, err := br.ReadByte(); err != nil || a != 0xFF {
		return 0, errNotJPEG
	}
	if b, err := br.ReadByte(); err != nil || b != 0xD8 {
		return 0, errNotJPEG
	}
	scans, pending := 0, byte(0)
	for scans <= max {
		m := pending
		if pending = 0; m == 0 {
			var err error
			if m, err = nextMarker(br); err != nil {
				return scans, err
			}
		}
		switch {
		case m == 0xD9: // EOI
			return scans, nil
		case m == 0x01 || (m >= 0xD0 && m <= 0xD8): // TEM, RSTn, SOI: no length
			continue
		}
		if err := skipSegment(br); err != nil {
			return scans, err
		}
		if m == 0xDA { // SOS: its header skipped, the entropy-coded data follows
			scans++
			var err error
			if pending, err = skipEntropy(br); err != nil {
				return scans, err
			}
		}
	}
	return scans, nil
}

// nextMarker reads 0xFF (and any fill bytes) and returns the marker code.
func nextMarker(br *bufio.Reader) (byte, error) {
	b, err := br.ReadByte()
	if err != nil {
		return 0, err
	}
	if b != 0xFF {
		return 0, errNotJPEG
	}
	for b == 0xFF {
		if b, err = br.ReadByte(); err != nil {
			return 0, err
		}
	}
	return b, nil
}

// skipSegment skips a marker segment by its two-byte length.
func skipSegment(br *bufio.Reader) error {
	var n [2]byte
	if _, err := io.ReadFull(br, n[:]); err != nil {
		return err
	}
	length := int(n[0])<<8 | int(n[1])
	if length < 2 {
		return errNotJPEG
	}
	_, err := br.Discard(length - 2)
	return err
}

// skipEntropy reads entropy-coded data up to the next marker (0xFF not
// followed by a stuffed 0x00 or a restart marker) and returns its code.
func skipEntropy(br *bufio.Reader) (byte, error) {
	for {
		if _, err := br.ReadSlice(0xFF); errors.Is(err, bufio.ErrBufferFull) {
			continue
		} else if err != nil {
			return 0, err
		}
		c, err := br.ReadByte()
		for err == nil && c == 0xFF { // fill bytes before a marker
			c, err = br.ReadByte()
		}
		switch {
		case err != nil:
			return 0, err
		case c == 0x00 || (c >= 0xD0 && c <= 0xD7):
		default:
			return c, nil
		}
	}
}
