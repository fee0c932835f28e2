package backup

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"vault"
	"vault/evidence"
	"vault/store"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// realArchive is the backup of a real small vault: an order and a receipt.
func realArchive(t testing.TB) []byte {
	v := realVault(t, "Kvittering PO-211: 129,00 NOK")
	return v.archive(t)
}

// testVault is a real vault on disk.
type testVault struct {
	dir   string
	db    *store.DB
	blobs *evidence.Blobs
	sums  []string // the files attached, in order
}

// realVault is a vault of one order with a receipt for each text.
func realVault(t testing.TB, receipts ...string) testVault {
	ctx := context.Background()
	v := testVault{dir: t.TempDir()}
	v.blobs = evidence.NewBlobs(v.dir)
	if err := v.blobs.Init(); err != nil {
		t.Fatal(err)
	}
	var err error
	if v.db, err = store.Create(ctx, filepath.Join(v.dir, "vault.db")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.db.Close() })
	o, err := v.db.AddOrder(ctx, vault.Order{Marketplace: vault.Temu, Number: "PO-211-æøå"})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range receipts {
		st, err := v.blobs.Put(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		e := vault.Evidence{Kind: vault.EvidenceReceipt, Source: vault.SourceFile, FileName: "r.txt",
			Blob: &vault.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: "text/plain"}}
		if _, err := v.db.AddEvidence(ctx, []vault.Evidence{e}, vault.Links{Orders: []vault.OrderID{o}}); err != nil {
			t.Fatal(err)
		}
		v.sums = append(v.sums, st.SHA256)
	}
	return v
}

func (v testVault) archive(t testing.TB) []byte {
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, v.db, v.blobs, filepath.Join(v.dir, "tmp"), now); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBackupOfDamagedVault: a vault with a stored file gone and another
// altered backs up all the rest, the manifest naming those two, and
// restores without them (#18, item 19); a blob that does not hash to its
// name restores only when the manifest says it was altered.
func TestBackupOfDamagedVault(t *testing.T) {
	v := realVault(t, "receipt one", "receipt two", "receipt three")
	gone, altered := v.blobs.Path(v.sums[0]), v.blobs.Path(v.sums[1])
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(altered, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(altered, []byte("receipt twO"), 0o600); err != nil {
		t.Fatal(err)
	}
	archive := v.archive(t)
	dir := filepath.Join(t.TempDir(), "v")
	m, err := Restore(bytes.NewReader(archive), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Missing{{Path: "blobs/" + v.sums[0][:2] + "/" + v.sums[0], Record: "EV-1", Why: "missing"},
		{Path: "blobs/" + v.sums[1][:2] + "/" + v.sums[1], Record: "EV-2", Why: "altered"}}
	if len(m.Missing) != 2 || m.Missing[0] != want[0] || m.Missing[1] != want[1] {
		t.Fatalf("missing = %+v; want %+v", m.Missing, want)
	}
	for i, sum := range v.sums {
		_, err := os.Stat(filepath.Join(dir, "blobs", sum[:2], sum))
		if (i == 2) != (err == nil) {
			t.Errorf("receipt %d restored: %v", i+1, err == nil)
		}
	}
	// The same archive with the manifest silent about the altered file.
	silent := editManifest(archive, func(m *Manifest) { m.Missing = m.Missing[:1] }, "")
	if _, err := Restore(bytes.NewReader(silent), filepath.Join(t.TempDir(), "v")); !errors.Is(err, ErrBadArchive) ||
		!strings.Contains(err.Error(), "does not hash to its name") {
		t.Fatalf("an altered file the manifest does not declare: %v", err)
	}
}

// archiveOf builds a tar of members and a manifest listing each as it is.
func archiveOf(t *testing.T, members map[string]string) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	m := Manifest{Format: Format, Created: now}
	for name, data := range members {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), Typeflag: tar.TypeReg})
		tw.Write([]byte(data))
		sum := sha256.Sum256([]byte(data))
		m.Files = append(m.Files, File{Path: name, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	}
	js, _ := json.Marshal(m)
	tw.WriteHeader(&tar.Header{Name: "manifest.json", Mode: 0o600, Size: int64(len(js)), Typeflag: tar.TypeReg})
	tw.Write(js)
	tw.Close()
	return buf.Bytes()
}

// TestRestoreChecksBlobNames: a blob whose content does not hash to its
// name is refused, though the manifest lists its real hash (#18, item 22).
func TestRestoreChecksBlobNames(t *testing.T) {
	name := "blobs/aa/" + strings.Repeat("a", 64)
	_, err := Restore(bytes.NewReader(archiveOf(t, map[string]string{name: "not that", "vault.db": "a database"})), t.TempDir())
	if !errors.Is(err, ErrBadArchive) || !strings.Contains(err.Error(), "does not hash to its name") {
		t.Fatalf("a misnamed blob: %v", err)
	}
}

// TestRestoreChecksFreeSpace: a member declaring more than the disk has
// free is refused before a byte of it is written (#18, item 14).
func TestRestoreChecksFreeSpace(t *testing.T) {
	defer func(f func(string) (int64, error)) { freeSpace = f }(freeSpace)
	freeSpace = func(string) (int64, error) { return 1 << 20, nil }
	dir := t.TempDir()
	_, err := Restore(bytes.NewReader(archiveOf(t, map[string]string{"vault.db": strings.Repeat("x", 2<<20)})), dir)
	if !errors.Is(err, ErrBadArchive) || !strings.Contains(err.Error(), "vault.db declares 2097152 bytes, more than the 1048576 free") {
		t.Fatalf("an archive larger than the disk: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "vault.db")); err == nil {
		t.Error("vault.db was written")
	}
}

// FuzzRestore unpacks mutated real backups: nothing is written outside the
// target, and what unpacks without error is what its manifest lists, each
// file matching its size and SHA-256.
func FuzzRestore(f *testing.F) {
	good := realArchive(f)
	f.Add(good)
	f.Add(good[:len(good)-600])
	f.Fuzz(func(t *testing.T, archive []byte) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "v")
		m, err := Restore(bytes.NewReader(archive), dir)
		if left, _ := os.ReadDir(parent); len(left) > 1 || (len(left) == 1 && left[0].Name() != "v") {
			t.Fatalf("restore wrote %s outside its directory", left[len(left)-1].Name())
		}
		if err != nil {
			return
		}
		altered := map[string]bool{}
		for _, x := range m.Missing {
			altered[x.Path] = x.Why == "altered"
		}
		for _, file := range m.Files {
			if altered[file.Path] && file.SHA256 != filepath.Base(file.Path) {
				if _, err := os.Stat(filepath.Join(dir, file.Path)); err == nil {
					t.Fatalf("%s restored, though it does not hash to its name", file.Path)
				}
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, file.Path))
			sum := sha256.Sum256(data)
			if err != nil || int64(len(data)) != file.Size || hex.EncodeToString(sum[:]) != file.SHA256 {
				t.Fatalf("%s restored but not as its manifest says (%v)", file.Path, err)
			}
		}
	})
}

// editManifest is archive with its manifest changed by edit and extra
// bytes after its JSON.
func editManifest(archive []byte, edit func(*Manifest), extra string) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tr := tar.NewReader(bytes.NewReader(archive))
	for {
		hdr, err := tr.Next()
		if err != nil {
			break
		}
		data, _ := io.ReadAll(tr)
		if hdr.Name == "manifest.json" {
			var m Manifest
			json.Unmarshal(data, &m)
			edit(&m)
			data, _ = json.Marshal(m)
			data = append(data, extra...)
			hdr.Size = int64(len(data))
		}
		tw.WriteHeader(hdr)
		tw.Write(data)
	}
	tw.Close()
	return buf.Bytes()
}

// TestRestoreRefuses: archives Write never makes are refused as such, not
// with the error of a later step (#18, review of 2026-12-03).
func TestRestoreRefuses(t *testing.T) {
	blob := "blobs/aa/" + strings.Repeat("a", 64)
	withManifest := func(members map[string]string, edit func(*Manifest), extra string) []byte {
		return editManifest(archiveOf(t, members), edit, extra)
	}
	same := func(*Manifest) {}
	for _, tc := range []struct {
		name    string
		archive []byte
		want    string
	}{
		{"no database", archiveOf(t, map[string]string{}), "no vault.db in it"},
		{"trailing data", withManifest(map[string]string{"vault.db": "db"}, same, `{"format": "x"}`), "more after its JSON object"},
		{"missing, but there", withManifest(map[string]string{"vault.db": "db", blob: "not that"}, func(m *Manifest) {
			m.Missing = []Missing{{Path: blob, Record: "EV-1", Why: "missing"}}
		}, ""), "does not bear out"},
		{"altered, but absent", withManifest(map[string]string{"vault.db": "db"}, func(m *Manifest) {
			m.Missing = []Missing{{Path: blob, Record: "ORD-999", Why: "altered"}}
		}, ""), "does not bear out"},
		{"altered, but whole", withManifest(map[string]string{"vault.db": "db", "blobs/2d/2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881": "x"}, func(m *Manifest) {
			m.Missing = []Missing{{Path: "blobs/2d/2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", Why: "altered"}}
		}, ""), "does not bear out"},
	} {
		_, err := Restore(bytes.NewReader(tc.archive), filepath.Join(t.TempDir(), "v"))
		if !errors.Is(err, ErrBadArchive) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want %q", tc.name, err, tc.want)
		}
	}
	twice := archiveOf(t, map[string]string{"vault.db": "db"})
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for range 2 {
		tw.WriteHeader(&tar.Header{Name: "vault.db", Mode: 0o600, Size: 2, Typeflag: tar.TypeReg})
		tw.Write([]byte("db"))
	}
	tw.Flush()
	buf.Write(twice) // its manifest follows
	if _, err := Restore(bytes.NewReader(buf.Bytes()), filepath.Join(t.TempDir(), "v")); !errors.Is(err, ErrBadArchive) ||
		!strings.Contains(err.Error(), `"vault.db" is in the archive twice`) {
		t.Errorf("vault.db twice: %v", err)
	}
	for _, hdr := range []*tar.Header{{Typeflag: tar.TypeGNUSparse}, {Typeflag: tar.TypeReg, PAXRecords: map[string]string{"GNU.sparse.size": "2147483648"}}} {
		if !sparse(hdr) {
			t.Errorf("%+v not taken for sparse", hdr)
		}
	}
	if sparse(&tar.Header{Typeflag: tar.TypeReg, PAXRecords: map[string]string{"mtime": "1"}}) {
		t.Error("a PAX member taken for sparse")
	}
}

// TestBackupSkipsLinks: a link in blobs/ in place of a stored file is not
// followed: the backup lists the file missing, without the link's target.
func TestBackupSkipsLinks(t *testing.T) {
	v := realVault(t, "receipt one")
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("not the vault's"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := v.blobs.Path(v.sums[0])
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, path); err != nil {
		t.Fatal(err)
	}
	archive := v.archive(t)
	if bytes.Contains(archive, []byte("not the vault's")) {
		t.Fatal("the link's target is in the archive")
	}
	m, err := Restore(bytes.NewReader(archive), filepath.Join(t.TempDir(), "v"))
	if err != nil || len(m.Missing) != 1 || m.Missing[0].Why != "missing" {
		t.Fatalf("restore: %+v %v", m.Missing, err)
	}
}

// TestStaleSnapshots: a backup removes the snapshot a killed backup left
// in tmp/ (its lock held by no one), and leaves a running one's alone.
func TestStaleSnapshots(t *testing.T) {
	v := realVault(t, "receipt one")
	tmp := filepath.Join(v.dir, "tmp")
	for _, name := range []string{"snapshot-dead.lock", "snapshot-dead.db", "snapshot-live.lock", "snapshot-live.db"} {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	live, err := os.Open(filepath.Join(tmp, "snapshot-live.lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := syscall.Flock(int(live.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	v.archive(t)
	left, _ := os.ReadDir(tmp)
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "snapshot-live.db snapshot-live.lock" {
		t.Fatalf("tmp/ holds %v after a backup", names)
	}
}
