package main

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// writeDemoScreenshot draws a phone screenshot of an order page, like the
// ones people keep: text on a light background, an accent bar on top.
func writeDemoScreenshot(path string) error {
	const w, h = 585, 1266
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{245, 245, 245, 255}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, w, 110), image.NewUniform(color.RGBA{230, 70, 30, 255}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(24, 300, w-24, 520), image.NewUniform(color.White), image.Point{}, draw.Src)
	regular, err := face(goregular.TTF, 24)
	if err != nil {
		return err
	}
	heading, err := face(gobold.TTF, 34)
	if err != nil {
		return err
	}
	white, dark, grey := image.NewUniform(color.White), image.NewUniform(color.RGBA{30, 30, 30, 255}), image.NewUniform(color.RGBA{110, 110, 110, 255})
	lines := []struct {
		y    int
		face font.Face
		ink  *image.Uniform
		text string
	}{
		{72, heading, white, "My Orders"},
		{170, heading, dark, "Awaiting delivery"},
		{215, regular, grey, "Order 8123456789012345"},
		{250, regular, grey, "Placed on 2 Sep 2026 · Paid NOK 349,00"},
		{350, regular, dark, "USB-C charger 65W, EU plug"},
		{390, regular, dark, "2 x USB-C cable 1 m"},
		{470, regular, dark, "Total: NOK 349,00 (Visa ···· 4242)"},
		{600, heading, dark, "Tracking LP00123456789CN"},
		{650, regular, grey, "12 Sep 2026 Departed from sorting centre"},
		{690, regular, grey, "06 Sep 2026 Accepted by carrier"},
		{740, regular, dark, "No updates for 65 days"},
		{840, regular, grey, "Estimated delivery: 10 Oct 2026"},
	}
	for _, l := range lines {
		d := font.Drawer{Dst: img, Src: l.ink, Face: l.face, Dot: fixed.P(36, l.y)}
		d.DrawString(l.text)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func face(ttf []byte, size float64) (font.Face, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}
