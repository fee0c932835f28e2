// Package evidence keeps the vault's files: a content-addressed blob store
// (SHA-256, written atomically and read-only) and media detection.
package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"vault/internal/testpoint"
)

// Blobs is a directory of files named by the SHA-256 of their content:
// DIR/blobs/ab/abcdef..., staged in DIR/tmp so the final rename is atomic.
type Blobs struct {
	dir string
}

// NewBlobs returns the blob store of the vault directory dir.
func NewBlobs(dir string) *Blobs { return &Blobs{dir: dir} }

// Init creates the blob and staging directories (0700).
func (b *Blobs) Init() error {
	for _, d := range []string{b.blobDir(), b.tmpDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
	}
	return nil
}

func (b *Blobs) blobDir() string { return filepath.Join(b.dir, "blobs") }
func (b *Blobs) tmpDir() string  { return filepath.Join(b.dir, "tmp") }

// Path is where the blob with the hex SHA-256 sum lives.
func (b *Blobs) Path(sum string) string {
	return filepath.Join(b.blobDir(), sum[:2], sum)
}

// Stored describes one blob after Put.
type Stored struct {
	SHA256 string
	Size   int64
	// Head holds up to the first 3072 bytes, enough to detect the media type.
	Head []byte
	// Existed is true when the same bytes were already stored.
	Existed bool
	// Healed is true when a stored file under this name no longer held
	// these bytes (altered, or cut short) and was replaced by them.
	Healed bool
}

// headSize is how much of the start of a file is kept for media detection.
const headSize = 3072

// Put streams r into the store and commits it; see Stage and Commit.
func (b *Blobs) Put(r io.Reader) (Stored, error) {
	st, err := b.Stage(r)
	if err != nil {
		return Stored{}, err
	}
	return st.Commit()
}

// Staged is content written to tmp/ and synced, not yet in the store. It can
// be read back (to check an image decodes, say) and then committed or
// discarded, so that refused content never enters the store.
type Staged struct {
	Stored
	b   *Blobs
	tmp string
}

// Stage streams r into a temp file while hashing it, and syncs it. Memory use
// does not depend on the size of r.
func (b *Blobs) Stage(r io.Reader) (*Staged, error) {
	tmp, err := os.CreateTemp(b.tmpDir(), "put-*")
	if err != nil {
		return nil, fmt.Errorf("stage blob: %w", err)
	}
	st, err := copyHashed(tmp, r)
	testpoint.Reach("blob.written") // in tmp/, maybe not yet on disk
	if err == nil {
		err = flush(tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("stage blob: %w", err)
	}
	return &Staged{Stored: st, b: b, tmp: tmp.Name()}, nil
}

// Open reads the staged content.
func (s *Staged) Open() (io.ReadCloser, error) { return os.Open(s.tmp) }

// Discard removes the staged content.
func (s *Staged) Discard() { os.Remove(s.tmp) }

// Commit makes the staged file read-only and renames it to its content
// address, then syncs the directory. When the same content is already stored
// the copy is dropped and Existed is set; when a file under that address no
// longer hashes to it, the good copy replaces it and Healed is set.
func (s *Staged) Commit() (Stored, error) {
	defer os.Remove(s.tmp) // a no-op after the rename
	dst := s.b.Path(s.SHA256)
	if _, err := os.Stat(dst); err == nil {
		if s.b.Check(s.SHA256, s.Size) == nil && touch(dst) == nil {
			s.Existed = true
			return s.Stored, nil
		}
		s.Healed = true // a damaged copy, or one just removed: these are the good bytes
	}
	return s.Stored, s.b.commit(s.tmp, dst)
}

// touch marks a stored file as just used: a repair that found it an
// orphan an hour old sees that it is needed again (see RemoveOrphan).
func touch(path string) error {
	now := time.Now()
	return os.Chtimes(path, now, now)
}

// buffers are reused by copyHashed: verifying 10,000 small blobs with a new
// 256 KiB buffer each allocated 2.5 GB.
var buffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// copyHashed copies r to w, returning the SHA-256, the size and the head.
func copyHashed(w io.Writer, r io.Reader) (Stored, error) {
	h := sha256.New()
	head := &headWriter{max: headSize}
	buf := buffers.Get().(*[]byte)
	defer buffers.Put(buf)
	n, err := io.CopyBuffer(io.MultiWriter(w, h, head), r, *buf)
	if err != nil {
		return Stored{}, err
	}
	return Stored{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n, Head: head.buf}, nil
}

// commit makes the staged file read-only and moves it to its address durably.
func (b *Blobs) commit(tmp, dst string) error {
	if err := os.Chmod(tmp, 0o400); err != nil {
		return fmt.Errorf("store blob: %w", err)
	}
	dir := filepath.Dir(dst)
	created := false
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("store blob: %w", err)
		}
		created = true
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("store blob: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("store blob: %w", err)
	}
	testpoint.Reach("blob.stored") // at its address, no row refers to it yet
	if created {
		return syncDir(b.blobDir())
	}
	return nil
}

// flush syncs f to the disk. A variable, so that a test can record the
// order of the syncs a commit makes: a crash test cannot see a missing
// one (a killed process keeps the page cache).
var flush = func(f *os.File) error { return f.Sync() }

// syncDir makes a rename or create in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = flush(d)
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// Has reports whether the store holds the blob of sum.
func (b *Blobs) Has(sum string) bool {
	if !ValidSum(sum) {
		return false
	}
	_, err := os.Stat(b.Path(sum))
	return err == nil
}

// Open opens a stored blob for reading.
func (b *Blobs) Open(sum string) (*os.File, error) {
	if !ValidSum(sum) {
		return nil, fmt.Errorf("%q is not a SHA-256", sum)
	}
	return os.Open(b.Path(sum))
}

// ValidSum reports whether s is a lower-case hex SHA-256.
func ValidSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

type headWriter struct {
	buf []byte
	max int
}

func (h *headWriter) Write(p []byte) (int, error) {
	if room := h.max - len(h.buf); room > 0 {
		h.buf = append(h.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// ErrAltered means a stored blob no longer matches its address or size.
var ErrAltered = errors.New("stored file does not match its SHA-256")

// Check re-reads the blob and confirms its SHA-256 and size.
func (b *Blobs) Check(sum string, size int64) error {
	f, err := b.Open(sum)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := copyHashed(io.Discard, f)
	if err != nil {
		return err
	}
	if st.SHA256 != sum || st.Size != size {
		return fmt.Errorf("%s: %w", b.Path(sum), ErrAltered)
	}
	return nil
}
