package casework

import (
	"io"
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

// TestWalkedFileSwapped: a file or directory of a walked directory that is
// replaced by a link out of it after the walk (#18, item 15) is not read;
// links inside it, absolute ones too, still are.
func TestWalkedFileSwapped(t *testing.T) {
	base := t.TempDir()
	tree, outside := filepath.Join(base, "tree"), filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(tree, "sub"), outside} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(tree, "a.txt"), "receipt")
	write(filepath.Join(tree, "sub", "b.txt"), "message")
	write(filepath.Join(outside, "a.txt"), "secret")
	write(filepath.Join(outside, "b.txt"), "secret")
	if err := os.Symlink(filepath.Join(tree, "a.txt"), filepath.Join(tree, "abs.txt")); err != nil {
		t.Fatal(err)
	}
	got := map[string]Candidate{}
	for _, c := range Collect([]string{tree}, true) {
		if c.Err != nil {
			t.Fatalf("%s: %v", c.Path, c.Err)
		}
		got[filepath.Base(c.Path)] = c
	}
	if len(got) != 3 {
		t.Fatalf("walked %v", got)
	}
	// After the walk: a.txt becomes a link out, sub a link to outside.
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Remove(filepath.Join(tree, "a.txt")))
	must(os.Symlink(filepath.Join(outside, "a.txt"), filepath.Join(tree, "a.txt")))
	must(os.RemoveAll(filepath.Join(tree, "sub")))
	must(os.Symlink(outside, filepath.Join(tree, "sub")))
	for _, name := range []string{"a.txt", "b.txt", "abs.txt"} {
		f, err := got[name].Open()
		if err == nil {
			data, _ := io.ReadAll(f)
			f.Close()
			t.Fatalf("%s opened after the swap, read %q", name, data)
		}
		if !strings.Contains(err.Error(), "leads outside the directory") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Put back: the absolute link inside the tree reads its file.
	must(os.Remove(filepath.Join(tree, "a.txt")))
	write(filepath.Join(tree, "a.txt"), "receipt")
	f, err := got["abs.txt"].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if data, _ := io.ReadAll(f); string(data) != "receipt" {
		t.Fatalf("abs.txt read %q", data)
	}
}
