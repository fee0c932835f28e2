package casework

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vault/evidence"
)

// TestFileChangedWhileRead: a file that shrinks (or disappears) between
// being opened and being read to its end is refused, and nothing is stored.
func TestFileChangedWhileRead(t *testing.T) {
	dir := t.TempDir()
	blobs := evidence.NewBlobs(filepath.Join(dir, "v"))
	if err := blobs.Init(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "shrinking.bin")
	if err := os.WriteFile(path, make([]byte, 1<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := OpenRegular(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	// Another program cuts the file (or deletes it and its space is reused)
	// after vault opened it and before it read it to the end.
	if err := os.Truncate(path, 1000); err != nil {
		t.Fatal(err)
	}
	st, err := blobs.Stage(f)
	if err != nil {
		t.Fatal(err)
	}
	err = CheckStaged(st, evidence.Detect(st.Head, path), info.Size())
	if err == nil || !strings.Contains(err.Error(), "the file changed while it was read (1048576 bytes, then 1000)") {
		t.Fatalf("CheckStaged = %v, want a refusal", err)
	}
	st.Discard()
	inv, _ := blobs.Inventory()
	if len(inv.Blobs)+len(inv.Temp) != 0 {
		t.Errorf("a refused file left %d blobs and %d temp files", len(inv.Blobs), len(inv.Temp))
	}
}
