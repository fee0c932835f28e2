package export

import (
	"bufio"
	"compress/flate"
	"encoding/binary"
	"image"
	"io"

	"vault/evidence"
)

// halvedPNG reads an 8-bit RGB or opaque RGBA PNG, not interlaced, straight
// into its 2x2 average: the pixels halve(decode(file)) gives, made row by
// row, without the full-size image (a phone screenshot is 12 MB of pixels,
// its half 3 MB) and without image/png's conversion pass. Any other PNG, or
// one that does not read cleanly, is false: the caller decodes it the
// general way, which also says what is wrong with it. Checksums are not
// checked: the export has checked the file's SHA-256.
func halvedPNG(r io.Reader) (*image.RGBA, bool) {
	w, h, bpp, z, ok := pngPixels(r)
	if !ok {
		return nil, false
	}
	out := image.NewRGBA(image.Rect(0, 0, w/2, h/2))
	if !halveRows(flate.NewReader(z), out, w, h, bpp) {
		return nil, false
	}
	return out, true
}

// pngHeader reads the signature and IHDR: the size and bytes per pixel of
// an image halvedPNG takes.
// pngPixels reads a PNG's header up to its image data: its size, its bytes
// per pixel and the compressed stream of its rows.
func pngPixels(r io.Reader) (w, h, bpp int, z io.Reader, ok bool) {
	br := bufio.NewReaderSize(r, 64<<10)
	if w, h, bpp, ok = pngHeader(br); !ok {
		return 0, 0, 0, nil, false
	}
	z, ok = idatStream(br)
	return w, h, bpp, z, ok
}

func pngHeader(r io.Reader) (w, h, bpp int, ok bool) {
	var head [33]byte // signature, IHDR's length and type, 13 bytes, CRC
	if _, err := io.ReadFull(r, head[:]); err != nil || string(head[:8]) != "\x89PNG\r\n\x1a\n" ||
		binary.BigEndian.Uint32(head[8:]) != 13 || string(head[12:16]) != "IHDR" {
		return 0, 0, 0, false
	}
	w, h = int(binary.BigEndian.Uint32(head[16:])), int(binary.BigEndian.Uint32(head[20:]))
	depth, colour, method, filter, interlace := head[24], head[25], head[26], head[27], head[28]
	switch colour {
	case 2:
		bpp = 3
	case 6:
		bpp = 4
	default:
		return 0, 0, 0, false
	}
	ok = depth == 8 && method == 0 && filter == 0 && interlace == 0 &&
		w >= 2 && h >= 2 && w <= evidence.MaxSide && h <= evidence.MaxSide && w*h <= evidence.MaxPixels
	return w, h, bpp, ok
}

// idatStream skips the chunks before the image data and returns the
// deflate stream the IDAT chunks hold, past its zlib header. A tRNS chunk
// (transparency to flatten) is false.
func idatStream(r *bufio.Reader) (io.Reader, bool) {
	for {
		var c [8]byte
		if _, err := io.ReadFull(r, c[:]); err != nil {
			return nil, false
		}
		n, kind := binary.BigEndian.Uint32(c[:]), string(c[4:])
		switch kind {
		case "tRNS", "IEND":
			return nil, false
		case "IDAT":
			z := &idatReader{r: r, left: int64(n)}
			var zh [2]byte
			if _, err := io.ReadFull(z, zh[:]); err != nil || zh[0]&0x0f != 8 || zh[1]&0x20 != 0 ||
				binary.BigEndian.Uint16(zh[:])%31 != 0 {
				return nil, false
			}
			return z, true
		}
		if _, err := r.Discard(int(n) + 4); err != nil { // the chunk and its CRC
			return nil, false
		}
	}
}

// idatReader reads the data of consecutive IDAT chunks as one stream.
type idatReader struct {
	r    *bufio.Reader
	left int64 // bytes left in this chunk
}

func (z *idatReader) Read(p []byte) (int, error) {
	for z.left == 0 {
		var c [12]byte // the CRC of the chunk read, then the next one's length and type
		if _, err := io.ReadFull(z.r, c[:]); err != nil {
			return 0, io.ErrUnexpectedEOF
		}
		if string(c[8:]) != "IDAT" {
			return 0, io.ErrUnexpectedEOF
		}
		z.left = int64(binary.BigEndian.Uint32(c[4:]))
	}
	n, err := z.r.Read(p[:min(int64(len(p)), z.left)])
	z.left -= int64(n)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// halveRows unfilters h rows of w pixels of bpp bytes and averages each
// 2x2 block into out, rounding as halve does; the last row and column of
// an odd size are read but dropped. An alpha below 255 anywhere is false.
func halveRows(z io.Reader, out *image.RGBA, w, h, bpp int) bool {
	n := w * bpp
	cur, prev := make([]byte, 1+n), make([]byte, 1+n)
	for y := range h {
		if _, err := io.ReadFull(z, cur); err != nil {
			return false
		}
		if !unfilter(cur[0], cur[1:], prev[1:], bpp) || !opaqueRow(cur[1:], bpp) {
			return false
		}
		if y%2 == 1 { // prev is the even row above it
			o := out.Pix[(y/2)*out.Stride:]
			if bpp == 4 {
				halveRow(o, prev[1:], cur[1:], w/2)
			} else {
				halveRGBRow(o, prev[1:], cur[1:], w/2)
			}
		}
		cur, prev = prev, cur
	}
	return true
}

// opaqueRow reports whether a row has no alpha below 255.
func opaqueRow(row []byte, bpp int) bool {
	if bpp == 3 {
		return true
	}
	for i := 3; i < len(row); i += 4 {
		if row[i] != 255 {
			return false
		}
	}
	return true
}

// halveRGBRow is halveRow for rows of RGB pixels.
func halveRGBRow(o, r0, r1 []byte, w int) {
	for x := range w {
		a, b, q := r0[6*x:6*x+6], r1[6*x:6*x+6], o[4*x:4*x+4]
		q[0] = uint8((uint(a[0]) + uint(a[3]) + uint(b[0]) + uint(b[3]) + 2) >> 2)
		q[1] = uint8((uint(a[1]) + uint(a[4]) + uint(b[1]) + uint(b[4]) + 2) >> 2)
		q[2] = uint8((uint(a[2]) + uint(a[5]) + uint(b[2]) + uint(b[5]) + 2) >> 2)
		q[3] = 255
	}
}

// unfilter reverses a row's PNG filter in place (PNG spec, section 9; the
// same arithmetic as image/png's reader); false for an unknown filter.
func unfilter(kind byte, cur, prev []byte, bpp int) bool {
	switch kind {
	case 0:
	case 1: // sub
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
	case 2: // up
		addBytes(cur, prev)
	case 3: // average
		prev = prev[:len(cur)]
		for i := range bpp {
			cur[i] += prev[i] / 2
		}
		for i := bpp; i < len(cur); i++ {
			cur[i] += uint8((uint(cur[i-bpp]) + uint(prev[i])) / 2)
		}
	case 4: // Paeth
		paeth(cur, prev, bpp)
	default:
		return false
	}
	return true
}

// addBytes adds prev to cur byte by byte, modulo 256, eight bytes at a
// time: the high bit of each byte is added apart so that no carry crosses
// into the next byte. (The up filter was a third of reading a screenshot.)
func addBytes(cur, prev []byte) {
	const high = 0x8080808080808080
	prev = prev[:len(cur)]
	i := 0
	for ; i+8 <= len(cur); i += 8 {
		x, y := binary.LittleEndian.Uint64(cur[i:]), binary.LittleEndian.Uint64(prev[i:])
		binary.LittleEndian.PutUint64(cur[i:], (x&^high)+(y&^high)^((x^y)&high))
	}
	for ; i < len(cur); i++ {
		cur[i] += prev[i]
	}
}

// paeth reverses the Paeth filter, one channel at a time.
func paeth(cur, prev []byte, bpp int) {
	for i := range bpp {
		var a, c int
		for j := i; j < len(cur); j += bpp {
			b := int(prev[j])
			pa, pb := b-c, a-c
			pc := abs(pa + pb)
			pa, pb = abs(pa), abs(pb)
			if pa <= pb && pa <= pc {
				// a is the predictor
			} else if pb <= pc {
				a = b
			} else {
				a = c
			}
			a = (a + int(cur[j])) & 0xff
			cur[j] = uint8(a)
			c = b
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
