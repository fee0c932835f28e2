package evidence

import (
	"bytes"
	"crypto/rand"
	"testing"
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
