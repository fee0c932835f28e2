package export

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteZip(t *testing.T) {
	f, blobs := newCase(t, "hello")
	d := testNew(f, generated, time.UTC)
	d.AuditHead = strings.Repeat("a", 64)
	dir := t.TempDir()
	path := filepath.Join(dir, "d.zip")
	if _, err := WriteZip(d, blobs, path); err != nil {
		t.Fatal(err)
	}
	if problems, err := CheckZip(path); err != nil || len(problems) > 0 {
		t.Fatalf("CheckZip of a fresh bundle: %v, %v", problems, err)
	}
	// The same case at the same time gives the same bytes.
	again := filepath.Join(dir, "again.zip")
	WriteZip(d, blobs, again)
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("two bundles of the same case at the same time differ")
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range zr.File {
		names = append(names, e.Name)
	}
	zr.Close()
	if got := strings.Join(names, " "); got != "dossier.pdf E01-order.png E02-parcel.jpg manifest.json SHA256SUMS" {
		t.Errorf("entries: %s", got)
	}
	// sha256sum -c accepts SHA256SUMS, where the tool exists.
	if _, err := exec.LookPath("sha256sum"); err == nil {
		unpack(t, path, filepath.Join(dir, "u"))
		cmd := exec.Command("sha256sum", "-c", "SHA256SUMS")
		cmd.Dir = filepath.Join(dir, "u")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}
}

func TestCheckZipFindsAlteredBundle(t *testing.T) {
	f, blobs := newCase(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "d.zip")
	if _, err := WriteZip(testNew(f, generated, time.UTC), blobs, good); err != nil {
		t.Fatal(err)
	}
	tests := map[string]func(name string, data []byte) (string, []byte){
		"altered exhibit": func(n string, d []byte) (string, []byte) {
			if strings.HasPrefix(n, "E01") {
				return n, append(d, 'x')
			}
			return n, d
		},
		"extra file": func(n string, d []byte) (string, []byte) {
			if n == "manifest.json" {
				return "notes.txt", d
			}
			return n, d
		},
		"missing SHA256SUMS": func(n string, d []byte) (string, []byte) {
			if n == "SHA256SUMS" {
				return "", nil
			}
			return n, d
		},
	}
	for name, change := range tests {
		bad := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".zip")
		rewrite(t, good, bad, change)
		problems, err := CheckZip(bad)
		if err != nil || len(problems) == 0 {
			t.Errorf("%s: CheckZip = %v, %v; want problems", name, problems, err)
		}
	}
}

// rewrite copies a zip, passing each entry through change ("" drops it).
func rewrite(t *testing.T, from, to string, change func(string, []byte) (string, []byte)) {
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		if name, data := change(f.Name, data); name != "" {
			w, _ := zw.Create(name)
			w.Write(data)
		}
	}
	zw.Close()
	os.WriteFile(to, buf.Bytes(), 0o600)
}

func unpack(t *testing.T, zipPath, dir string) {
	rewrite(t, zipPath, os.DevNull, func(n string, d []byte) (string, []byte) {
		os.MkdirAll(dir, 0o700)
		os.WriteFile(filepath.Join(dir, n), d, 0o600)
		return "", nil
	})
}

// hostileZip writes a zip of the given entries, in order.
func hostileZip(t *testing.T, entries ...[2]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hostile.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// TestCheckZipBounded: a 10 KB zip whose SHA256SUMS is 10 MB of newlines
// took 1.2 GB and printed 10.5 million lines (#18, items 7 and 19): it is
// refused, and duplicate or escaping entries are named, a hundred problems
// at most.
func TestCheckZipBounded(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := CheckZip(hostileZip(t, [2]string{"SHA256SUMS", strings.Repeat("\n", 10<<20)}))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "not a vault bundle") {
		t.Errorf("10 MB SHA256SUMS: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("10 MB SHA256SUMS: %d MB allocated", alloc>>20)
	}
	problems, err := CheckZip(hostileZip(t, [2]string{"SHA256SUMS", strings.Repeat("x\n", 100_000)}))
	if err != nil || len(problems) != maxProblems+1 || !strings.Contains(problems[maxProblems], "more problems") {
		t.Errorf("100,000 bad lines: %d problems, %v", len(problems), err)
	}
	problems, err = CheckZip(hostileZip(t, [2]string{"E01-a.txt", "a"}, [2]string{"E01-a.txt", "b"}, [2]string{"../../x", "c"}))
	if err != nil || !slices.Contains(problems, "E01-a.txt: in the bundle twice") ||
		!slices.Contains(problems, `"../../x": a file name that leads out of the bundle`) {
		t.Errorf("duplicate and escaping entries: %q %v", problems, err)
	}
}
