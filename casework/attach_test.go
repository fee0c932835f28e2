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
	found, done := Collect([]string{tree}, true)
	defer done()
	got := map[string]Candidate{}
	for _, c := range found {
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
	if data := readCandidate(t, got["abs.txt"]); data != "receipt" {
		t.Fatalf("abs.txt read %q", data)
	}
}

// readCandidate opens and reads a candidate's file.
func readCandidate(t *testing.T, c Candidate) string {
	t.Helper()
	f, err := c.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestWalkedDirectorySwapped: the walked directory itself renamed and
// replaced by a link after the walk: its files are still read from it,
// through the handle the walk used, not from where the link points.
func TestWalkedDirectorySwapped(t *testing.T) {
	base := t.TempDir()
	tree, evil := filepath.Join(base, "tree"), filepath.Join(base, "evil")
	for _, d := range []string{tree, evil} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(tree, "note.txt"), []byte("in"), 0o600)
	os.WriteFile(filepath.Join(evil, "note.txt"), []byte("SECRET"), 0o600)
	found, done := Collect([]string{tree}, true)
	defer done()
	if len(found) != 1 || found[0].Err != nil {
		t.Fatalf("walked %+v", found)
	}
	if err := os.Rename(tree, tree+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(evil, tree); err != nil {
		t.Fatal(err)
	}
	if data := readCandidate(t, found[0]); data != "in" {
		t.Fatalf("read %q from the swapped-in directory", data)
	}
}

// TestWalkNamedLinks: a link to a directory named on the command line is
// walked, and an absolute link to a file inside a directory named by a
// relative path is taken (both were refused).
func TestWalkNamedLinks(t *testing.T) {
	base := t.TempDir()
	t.Chdir(base)
	if err := os.MkdirAll("shots", 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join("shots", "a.txt"), []byte("a"), 0o600)
	if err := os.Symlink(filepath.Join(base, "shots", "a.txt"), filepath.Join("shots", "abs.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("shots", "link"); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"shots", "link", "."} {
		found, done := Collect([]string{dir}, true)
		n := 0
		for _, c := range found {
			if c.Err != nil && filepath.Base(c.Path) != "link" {
				t.Errorf("%s: %s: %v", dir, c.Path, c.Err)
			}
			if c.Err == nil {
				n++
			}
		}
		done()
		if n != 2 {
			t.Errorf("%s: %d files taken, want 2: %+v", dir, n, found)
		}
	}
}
