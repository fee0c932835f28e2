// Command gen writes synthetic inputs for the benchmarks in bench/: phone
// screenshots (1170x2532 PNG: a coloured header, then rows of dark bars as
// lines of text look), distinct per seed.
//
//	go run ./bench/gen -n 100 -dir /tmp/shots
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
)

func main() {
	n := flag.Int("n", 100, "how many screenshots")
	dir := flag.String("dir", ".", "where to write them")
	flag.Parse()
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		log.Fatal(err)
	}
	for i := range *n {
		if err := write(filepath.Join(*dir, fmt.Sprintf("IMG_%04d.PNG", i)), uint64(i)); err != nil {
			log.Fatal(err)
		}
	}
}

func write(path string, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 7))
	img := image.NewRGBA(image.Rect(0, 0, 1170, 2532))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 1170, 220), image.NewUniform(color.RGBA{230, 70, 30, 255}), image.Point{}, draw.Src)
	for y := 300; y < 2450; y += 64 {
		for x := 60; x < 1000; {
			word := 40 + r.IntN(160)
			draw.Draw(img, image.Rect(x, y, min(x+word, 1110), y+30), image.NewUniform(color.RGBA{40, 40, 40, 255}), image.Point{}, draw.Src)
			x += word + 24
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
