// Package testimage makes images for tests: real encodings, and the broken
// ones that ingestion must refuse.
package testimage

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// PNGHeader is a PNG signature and a valid IHDR chunk claiming w x h pixels
// of 8-bit RGBA, and nothing more: a decompression bomb's header, or a PNG
// with bad dimensions.
func PNGHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk := append([]byte("IHDR"), ihdr...)
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&buf, binary.BigEndian, uint32(len(ihdr)))
	buf.Write(chunk)
	binary.Write(&buf, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return buf.Bytes()
}
