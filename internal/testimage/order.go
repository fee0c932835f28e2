package testimage

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Order is what an order page shows.
type Order struct {
	Marketplace string // "AliExpress"
	Number      string
	Seller      string
	Item        string
	Amount      string // "NOK 349,00"
}

// OrderPage draws a 1170x2532 phone screenshot of an order's page as the
// marketplaces' apps show it, varied by seed: light or dark mode, one of
// five faces and sizes, English or Norwegian labels, the number alone or
// after its label, where a status bar, a product photo and other lines sit.
// Its words are real text, for OCR.
func OrderPage(seed uint64, o Order) []byte {
	type key struct {
		seed uint64
		o    Order
	}
	return memo(&orderPages, key{seed, o}, func() []byte { return orderPage(seed, o) })
}

func orderPage(seed uint64, o Order) []byte {
	r := rand.New(rand.NewPCG(seed, 11))
	bg, ink, grey := color.RGBA{250, 250, 250, 255}, color.RGBA{25, 25, 25, 255}, color.RGBA{105, 105, 105, 255}
	if r.IntN(3) == 0 { // dark mode
		bg, ink, grey = color.RGBA{18, 18, 20, 255}, color.RGBA{235, 235, 235, 255}, color.RGBA{160, 160, 165, 255}
	}
	accent := []color.RGBA{{230, 70, 30, 255}, {251, 119, 1, 255}, {35, 47, 62, 255}, {0, 100, 210, 255}}[r.IntN(4)]
	img := image.NewRGBA(image.Rect(0, 0, 1170, 2532))
	fill(img, img.Bounds(), bg)
	fill(img, image.Rect(0, 0, 1170, 260), accent)
	faces := [][]byte{goregular.TTF, gomedium.TTF, gobold.TTF, gomono.TTF, goitalic.TTF}
	body := mustFace(faces[r.IntN(len(faces))], float64(38+r.IntN(12)))
	title := mustFace(gobold.TTF, 56)
	no := r.IntN(2) == 0
	label := map[bool][]string{false: {"Order", "Order no.", "Order number:", "Order ID"}, true: {"Ordre", "Ordrenr.", "Ordrenummer:"}}[no]
	status := map[bool][]string{false: {"Awaiting delivery", "Shipped", "Order details"}, true: {"Venter på levering", "Sendt", "Ordredetaljer"}}[no]
	text(img, title, color.RGBA{255, 255, 255, 255}, 60, 180, o.Marketplace)
	y := 340
	text(img, title, ink, 60, y, status[r.IntN(len(status))])
	y += 100
	if r.IntN(2) == 0 { // the number on a line of its own under the label
		text(img, body, grey, 60, y, label[r.IntN(len(label))])
		y += 70
		text(img, body, ink, 60, y, o.Number)
	} else {
		text(img, body, ink, 60, y, label[r.IntN(len(label))]+" "+o.Number)
	}
	y += 90
	photo := image.Rect(60, y, 1110, y+400+r.IntN(300))
	for py := photo.Min.Y; py < photo.Max.Y; py++ {
		for px := photo.Min.X; px < photo.Max.X; px++ {
			n := uint8(r.IntN(20))
			img.SetRGBA(px, py, color.RGBA{uint8(px/6) + n, uint8(py/7) + n, uint8(seed*37) + n, 255})
		}
	}
	y = photo.Max.Y + 90
	for _, line := range []string{o.Item, sold(no) + " " + o.Seller, total(no) + " " + o.Amount, placed(no, r)} {
		text(img, body, ink, 60, y, line)
		y += 80
	}
	for range 4 + r.IntN(6) { // the rest of the page: other orders, buttons
		text(img, body, grey, 60, y, filler[r.IntN(len(filler))])
		y += 76
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

var filler = []string{"Track package", "Contact seller", "Buyer protection 75 days", "Kontakt selger",
	"Return or refund", "Spor pakken", "Free shipping", "Add to cart", "Rate your order", "Gi vurdering"}

func sold(no bool) string {
	if no {
		return "Selger:"
	}
	return "Sold by"
}

func total(no bool) string {
	if no {
		return "Totalt:"
	}
	return "Total:"
}

func placed(no bool, r *rand.Rand) string {
	d := fmt.Sprintf("%02d.%02d.2026", 1+r.IntN(28), 1+r.IntN(12))
	if no {
		return "Bestilt " + d
	}
	return "Placed on " + d
}

func fill(img *image.RGBA, rect image.Rectangle, c color.RGBA) {
	draw.Draw(img, rect, image.NewUniform(c), image.Point{}, draw.Src)
}

func text(img *image.RGBA, face font.Face, c color.RGBA, x, y int, s string) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func mustFace(ttf []byte, size float64) font.Face {
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err)
	}
	return face
}
