package backup

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/evidence"
	"vault/store"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// realArchive is the backup of a real small vault: an order and a receipt.
func realArchive(t testing.TB) []byte {
	ctx := context.Background()
	dir := t.TempDir()
	blobs := evidence.NewBlobs(dir)
	if err := blobs.Init(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Create(ctx, filepath.Join(dir, "vault.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o, err := db.AddOrder(ctx, vault.Order{Marketplace: vault.Temu, Number: "PO-211-æøå"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := blobs.Put(strings.NewReader("Kvittering PO-211: 129,00 NOK"))
	if err != nil {
		t.Fatal(err)
	}
	e := vault.Evidence{Kind: vault.EvidenceReceipt, Source: vault.SourceFile, FileName: "r.txt",
		Blob: &vault.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: "text/plain"}}
	if _, err := db.AddEvidence(ctx, []vault.Evidence{e}, vault.Links{Orders: []vault.OrderID{o}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Write(ctx, &buf, db, blobs, filepath.Join(dir, "tmp"), now); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
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
	_, err := Restore(bytes.NewReader(archiveOf(t, map[string]string{name: "not that"})), t.TempDir())
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
		for _, file := range m.Files {
			data, err := os.ReadFile(filepath.Join(dir, file.Path))
			sum := sha256.Sum256(data)
			if err != nil || int64(len(data)) != file.Size || hex.EncodeToString(sum[:]) != file.SHA256 {
				t.Fatalf("%s restored but not as its manifest says (%v)", file.Path, err)
			}
		}
	})
}
