package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"vault"
)

func newBlobs(t *testing.T) *Blobs {
	t.Helper()
	b := NewBlobs(t.TempDir())
	if err := b.Init(); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPut(t *testing.T) {
	b := newBlobs(t)
	data := []byte("Kvittering: 49,90 NOK, blåbær")
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])

	st, err := b.Put(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if st.SHA256 != want || st.Size != int64(len(data)) || st.Existed || !bytes.Equal(st.Head, data) {
		t.Fatalf("Put = %+v, want sum %s", st, want)
	}
	got, err := os.ReadFile(b.Path(want))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("stored bytes %q, %v", got, err)
	}
	info, _ := os.Stat(b.Path(want))
	if info.Mode().Perm() != 0o400 {
		t.Errorf("blob mode %o, want 0400", info.Mode().Perm())
	}
	again, err := b.Put(bytes.NewReader(data))
	if err != nil || !again.Existed || again.SHA256 != want {
		t.Errorf("second Put = %+v, %v; want Existed", again, err)
	}
	if left, _ := os.ReadDir(b.tmpDir()); len(left) != 0 {
		t.Errorf("staging dir not empty: %v", left)
	}
	if err := b.Check(want, int64(len(data))); err != nil {
		t.Errorf("Check of an intact blob: %v", err)
	}
}

// failingReader returns data, then an error, like a file on a failing disk.
type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("input/output error")
	}
	n := min(len(p), f.n)
	f.n -= n
	return n, nil
}

func TestPutFailureLeavesNothing(t *testing.T) {
	b := newBlobs(t)
	if _, err := b.Put(&failingReader{n: 100_000}); err == nil {
		t.Fatal("Put of a failing reader succeeded")
	}
	for _, d := range []string{b.tmpDir(), b.blobDir()} {
		if left, _ := os.ReadDir(d); len(left) != 0 {
			t.Errorf("%s not empty after a failed Put: %v", d, left)
		}
	}
}

// TestPutStreams checks that memory does not grow with the size of the input.
func TestPutStreams(t *testing.T) {
	b := newBlobs(t)
	const size = 64 << 20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	st, err := b.Put(io.LimitReader(zeros{}, size))
	runtime.ReadMemStats(&after)
	if err != nil || st.Size != size {
		t.Fatalf("Put = %+v, %v", st, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("Put of %d MB allocated %d bytes: not streaming", size>>20, alloc)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestCheckFindsAlteredBlob(t *testing.T) {
	b := newBlobs(t)
	st, err := b.Put(strings.NewReader("original bytes"))
	if err != nil {
		t.Fatal(err)
	}
	path := b.Path(st.SHA256)
	os.Chmod(path, 0o600)
	if err := os.WriteFile(path, []byte("original bytez"), 0o400); err != nil {
		t.Fatal(err)
	}
	if err := b.Check(st.SHA256, st.Size); !errors.Is(err, ErrAltered) {
		t.Errorf("Check of a flipped byte = %v, want ErrAltered", err)
	}
	os.Remove(path)
	if err := b.Check(st.SHA256, st.Size); err == nil {
		t.Error("Check of a deleted blob succeeded")
	}
	if _, err := b.Open("../../etc/passwd"); err == nil {
		t.Error("Open accepted a path for a hash")
	}
}

func TestMediaType(t *testing.T) {
	tests := []struct {
		head []byte
		want string
	}{
		{[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png"},
		{[]byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "image/jpeg"},
		{[]byte("%PDF-1.7\n"), "application/pdf"},
		{[]byte("Hei, blåbær"), "text/plain; charset=utf-8"},
		{[]byte{0, 1, 2, 3, 0xfe}, "application/octet-stream"},
		{nil, "text/plain"},
	}
	for _, tt := range tests {
		if got := MediaType(tt.head); got != tt.want {
			t.Errorf("MediaType(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestDetect(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	jpg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	tests := []struct {
		head  []byte
		name  string
		typ   string
		lies  bool
		class MediaClass
		kind  vault.EvidenceKind
	}{
		{png, "shot.png", "image/png", false, "image", vault.EvidenceScreenshot},
		{png, "shot.PNG", "image/png", false, "image", vault.EvidenceScreenshot},
		{png, "shot.jpg", "image/png", true, "image", vault.EvidenceScreenshot},
		{jpg, "photo.jpeg", "image/jpeg", false, "image", vault.EvidencePhoto},
		{jpg, "photo", "image/jpeg", false, "image", vault.EvidencePhoto},
		{[]byte("%PDF-1.7\n"), "receipt.png", "application/pdf", true, "pdf", vault.EvidenceOther},
		{[]byte("%PDF-1.7\n"), "kvittering æøå.pdf", "application/pdf", false, "pdf", vault.EvidenceOther},
		{[]byte("Hei, blåbær"), "notes.txt", "text/plain; charset=utf-8", false, "text", vault.EvidenceOther},
		{[]byte("Hei"), "notes.md", "text/plain; charset=utf-8", false, "text", vault.EvidenceOther},
		{[]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "IMG_0001.HEIC", "image/heic", false, "heic", vault.EvidencePhoto},
		{[]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), "unboxing.mp4", "video/mp4", false, "video", vault.EvidenceVideo},
		{[]byte("From: a@b.no\r\nTo: c@d.no\r\nSubject: x\r\nMessage-ID: <1@b>\r\n\r\nhi"), "mail.eml", "message/rfc822", false, "email", vault.EvidenceEmail},
		{[]byte{0x00, 0x01, 0xfe}, "../../etc/passwd", "application/octet-stream", false, "other", vault.EvidenceOther},
	}
	for _, tt := range tests {
		m := Detect(tt.head, tt.name)
		if m.Type != tt.typ || (m.Warning != "") != tt.lies || Class(m.Type) != tt.class || KindFor(m.Type) != tt.kind {
			t.Errorf("Detect(%q) = %+v class %s kind %s; want %s lies=%v class %s kind %s",
				tt.name, m, Class(m.Type), KindFor(m.Type), tt.typ, tt.lies, tt.class, tt.kind)
		}
	}
}

// TestRemoveLeavesLinkTargets: a symbolic link in tmp/ to a directory
// outside the vault is removed as a link; what it names keeps its mode.
func TestRemoveLeavesLinkTargets(t *testing.T) {
	b := newBlobs(t)
	outside := t.TempDir()
	if err := os.Chmod(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	link := b.tmpDir() + "/put-link"
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	if err := b.Remove(link); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(outside); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("the link's target: %v, %v", info.Mode(), err)
	}
	if _, err := os.Lstat(link); err == nil {
		t.Error("the link is still there")
	}
}

// TestCommitSyncOrder: a new blob is synced (its bytes), renamed to its
// address, then its directory is synced (the rename), then blobs/ (the new
// directory); a mutant without them passes every crash test (#18, item 23).
func TestCommitSyncOrder(t *testing.T) {
	b := newBlobs(t)
	var order []string
	var sum string // once known: whether the blob is at its address yet
	defer func(f func(*os.File) error) { flush = f }(flush)
	flush = func(f *os.File) error {
		rel, _ := filepath.Rel(b.dir, f.Name())
		if sum != "" {
			if _, err := os.Stat(b.Path(sum)); err == nil {
				rel += " after the rename"
			}
		}
		order = append(order, rel)
		return f.Sync()
	}
	st, err := b.Stage(strings.NewReader("receipt 81"))
	if err != nil {
		t.Fatal(err)
	}
	staged, sum := filepath.Base(st.tmp), st.SHA256
	if _, err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("blobs", st.SHA256[:2])
	want := []string{filepath.Join("tmp", staged), dir + " after the rename", "blobs after the rename"}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("syncs %q, want %q", order, want)
	}
	// The same content again: nothing to make durable.
	order = nil
	st2, _ := b.Stage(strings.NewReader("receipt 81"))
	if _, err := st2.Commit(); err != nil || len(order) != 1 {
		t.Errorf("a second commit of the same bytes synced %q (%v)", order, err)
	}
}
