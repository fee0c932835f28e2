// Command gen writes synthetic inputs for the benchmarks in bench/: phone
// screenshots (1170x2532 PNG: a coloured header, then rows of dark bars as
// lines of text look), distinct per seed.
//
//	go run ./bench/gen -n 100 -dir /tmp/shots
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"vault/internal/testimage"
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
	return os.WriteFile(path, testimage.PhoneScreenshot(seed), 0o600)
}
