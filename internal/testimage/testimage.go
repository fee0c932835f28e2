// Package testimage makes images for tests and benchmarks: realistic
// screenshots, and the broken images that ingestion must refuse.
package testimage

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"sync"
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

// PhoneScreenshot draws a 1170x2532 PNG as a phone screenshot looks: a
// coloured header, a product photo (a noisy gradient), then rows of dark
// bars of varying length on white, as lines of text do, so it compresses
// like the real thing. Each seed gives a different image.
func PhoneScreenshot(seed uint64) []byte {
	return memo(&screenshots, seed, func() []byte { return phoneScreenshot(seed) })
}

// screenshots and orderPages keep what PhoneScreenshot and OrderPage made:
// encoding one takes about 0.2 s, and a package's tests ask for the same
// seeds many times.
var screenshots, orderPages sync.Map

// memo returns a copy of what make returned for key, making it once.
func memo[K comparable](m *sync.Map, key K, make func() []byte) []byte {
	if b, ok := m.Load(key); ok {
		return bytes.Clone(b.([]byte))
	}
	b, _ := m.LoadOrStore(key, make())
	return bytes.Clone(b.([]byte))
}

func phoneScreenshot(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	img := image.NewRGBA(image.Rect(0, 0, 1170, 2532))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 1170, 220), image.NewUniform(color.RGBA{230, 70, 30, 255}), image.Point{}, draw.Src)
	for y := 240; y < 900; y++ { // the product photo
		for x := 60; x < 1110; x++ {
			n := uint8(r.IntN(24))
			img.SetRGBA(x, y, color.RGBA{uint8(x/5) + n, uint8(y/4) + n, uint8(seed*40) + n, 255})
		}
	}
	for y := 960; y < 2450; y += 64 {
		for x := 60; x < 1000; {
			word := 40 + r.IntN(160)
			draw.Draw(img, image.Rect(x, y, min(x+word, 1110), y+30), image.NewUniform(color.RGBA{40, 40, 40, 255}), image.Point{}, draw.Src)
			x += word + 24
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
