// Package backup writes a vault into one tar archive (a consistent database
// snapshot, the files its records refer to, and a manifest) and restores it.
package backup

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"vault/evidence"
	"vault/store"
)

// Format names the archive layout, written in the manifest.
const Format = "vault-backup 1"

// Manifest describes an archive; it is its last member, manifest.json.
type Manifest struct {
	Format    string    `json:"format"`
	Created   time.Time `json:"created"`
	Schema    int       `json:"schema"`
	AuditHead string    `json:"audit_head"`
	// AuditEntries is the head's entry number (0 in archives made before it was recorded).
	AuditEntries int64  `json:"audit_entries,omitempty"`
	Files        []File `json:"files"`
	// Missing are the files records refer to that the vault could not give
	// whole when it was backed up.
	Missing []Missing `json:"missing,omitempty"`
}

// Missing is a stored file a record refers to that is not in the archive as
// it should be: gone from the vault (Why "missing"), or there with other
// bytes (Why "altered": archived as found, under its name, and not
// restored). A restored vault lacks it and its verify says so, as the
// vault's did.
type Missing struct {
	Path   string `json:"path"`
	Record string `json:"record"`
	Why    string `json:"why"`
}

// File is one member of the archive.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// snapshotName is a new name in dir for a snapshot (VACUUM INTO wants a
// path that does not exist), with a lock file beside it that this process
// holds until unlock: a backup killed meanwhile leaves a lock nobody
// holds, and the next backup removes it with its snapshot (86 MB each
// were left for --repair to find an hour later). A name from the clock
// alone collided when two backups ran with one VAULT_NOW.
func snapshotName(dir string) (snap string, unlock func(), err error) {
	removeStale(dir)
	lock, err := os.CreateTemp(dir, "snapshot-*.lock")
	if err != nil {
		return "", nil, err
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		os.Remove(lock.Name())
		return "", nil, err
	}
	snap = strings.TrimSuffix(lock.Name(), ".lock") + ".db"
	return snap, func() {
		os.Remove(snap)
		os.Remove(lock.Name())
		lock.Close()
	}, nil
}

// removeStale removes the snapshots of backups that were killed: those
// whose lock no process holds.
func removeStale(dir string) {
	locks, _ := filepath.Glob(filepath.Join(dir, "snapshot-*.lock"))
	for _, name := range locks {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			os.Remove(strings.TrimSuffix(name, ".lock") + ".db")
			os.Remove(name)
		}
		f.Close()
	}
}

// Write writes the vault as a tar archive to w: vault.db (a snapshot taken in
// tmpDir, consistent even while other processes write), every blob the
// snapshot's records refer to, then manifest.json. A blob that is missing
// or altered does not stop it: the manifest lists it (Missing), and the
// caller says so.
func Write(ctx context.Context, w io.Writer, db *store.DB, blobs *evidence.Blobs, tmpDir string, now time.Time) (Manifest, error) {
	snap, unlock, err := snapshotName(tmpDir)
	if err != nil {
		return Manifest{}, err
	}
	defer unlock()
	if err := db.Snapshot(ctx, snap); err != nil {
		return Manifest{}, err
	}
	info, err := store.ReadSnapshot(ctx, snap)
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: Format, Created: now.UTC(), Schema: info.Schema, AuditHead: info.Head, AuditEntries: info.Entries, Files: []File{}}
	tw := tar.NewWriter(w)
	f, err := addFile(tw, "vault.db", snap, now)
	if err != nil {
		return m, err
	}
	m.Files = append(m.Files, f)
	seen := map[string]bool{}
	for _, b := range info.Blobs {
		if seen[b.SHA256] {
			continue
		}
		seen[b.SHA256] = true
		if err := ctx.Err(); err != nil {
			return m, err
		}
		name := "blobs/" + b.SHA256[:2] + "/" + b.SHA256
		f, err := addFile(tw, name, blobs.Path(b.SHA256), now)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			m.Missing = append(m.Missing, Missing{Path: name, Record: b.Record, Why: "missing"})
			continue
		case err != nil:
			return m, fmt.Errorf("%s: %w", b.Record, err)
		case f.SHA256 != b.SHA256:
			m.Missing = append(m.Missing, Missing{Path: name, Record: b.Record, Why: "altered"})
		}
		m.Files = append(m.Files, f)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, err
	}
	if err := tw.WriteHeader(&tar.Header{Name: "manifest.json", Mode: 0o600, Size: int64(len(data)), ModTime: now, Format: tar.FormatPAX}); err != nil {
		return m, err
	}
	if _, err := tw.Write(data); err != nil {
		return m, err
	}
	return m, tw.Close()
}

// addFile streams a regular file into the archive, hashing it on the way.
// A link or anything else in its place is fs.ErrNotExist: what a link
// points to is not the vault's file (and a FIFO would block).
func addFile(tw *tar.Writer, name, path string, now time.Time) (File, error) {
	src, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ELOOP) {
		err = fs.ErrNotExist
	}
	if err != nil {
		return File{}, err
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return File{}, err
	}
	if !st.Mode().IsRegular() {
		return File{}, fs.ErrNotExist
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: now, Format: tar.FormatPAX}); err != nil {
		return File{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h), src)
	if err != nil {
		return File{}, err
	}
	return File{Path: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
