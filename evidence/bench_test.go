package evidence

import (
	"bytes"
	"crypto/rand"
	"testing"
	"time"
)

// BenchmarkPut hashes and writes 1 MiB blobs (temp file, fsync, rename,
// fsync of the directory): the work of attaching a file.
func BenchmarkPut(b *testing.B) {
	blobs := NewBlobs(b.TempDir())
	if err := blobs.Init(); err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 1<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rand.Read(data[:32]) // new content each time: no dedup
		if _, err := blobs.Put(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecognise reads a dispute's decision (the last rules tried but
// one), and a 64 KB mail that is no notice from a notifier's domain: the
// work a notice adds to each mail of an import.
func BenchmarkRecognise(b *testing.B) {
	closed := noticeFixture(b, "aliexpress-dispute-closed.eml")
	long := Email{From: "x@ebay.com", Subject: "Deals for you", Text: string(bytes.Repeat([]byte("Great deals on lamps 12345 "), 2500))}
	for b.Loop() {
		if _, ok := Recognise(closed, time.UTC); !ok {
			b.Fatal("not recognised")
		}
		if _, ok := Recognise(long, time.UTC); ok {
			b.Fatal("recognised")
		}
	}
}
