package backup

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"vault/evidence"
)

// ErrBadArchive wraps every reason an archive is refused.
var ErrBadArchive = errors.New("not a valid vault backup")

// Restore unpacks an archive written by Write into dir, which must be empty
// or not exist. Only the names Write uses are accepted (vault.db,
// blobs/xx/<sha256>, manifest.json), so no member can land outside dir; each
// blob must hash to its name, and every file must match the manifest. The
// caller then verifies the vault as a whole.
func Restore(r io.Reader, dir string) (Manifest, error) {
	if err := emptyDir(dir); err != nil {
		return Manifest{}, err
	}
	blobs := evidence.NewBlobs(dir)
	if err := blobs.Init(); err != nil {
		return Manifest{}, err
	}
	got := map[string]File{}
	var m *Manifest
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Manifest{}, fmt.Errorf("%w: %v", ErrBadArchive, err)
		}
		if hdr.Typeflag != tar.TypeReg {
			return Manifest{}, fmt.Errorf("%w: %q is not a regular file", ErrBadArchive, hdr.Name)
		}
		if err := fits(dir, hdr); err != nil {
			return Manifest{}, err
		}
		if sparse(hdr) {
			return Manifest{}, fmt.Errorf("%w: %q is a sparse file (backup writes none)", ErrBadArchive, hdr.Name)
		}
		if _, dup := got[hdr.Name]; dup || hdr.Name == "manifest.json" && m != nil {
			return Manifest{}, fmt.Errorf("%w: %q is in the archive twice", ErrBadArchive, hdr.Name)
		}
		switch name := hdr.Name; {
		case name == "manifest.json":
			if m, err = readManifest(tr); err != nil {
				return Manifest{}, err
			}
		case name == "vault.db":
			if got[name], err = writeDB(filepath.Join(dir, "vault.db"), tr); err != nil {
				return Manifest{}, err
			}
		case isBlobName(name):
			if got[name], err = putBlob(blobs, name, tr); err != nil {
				return Manifest{}, err
			}
		default:
			return Manifest{}, fmt.Errorf("%w: unexpected member %q", ErrBadArchive, name)
		}
	}
	if m == nil {
		return Manifest{}, fmt.Errorf("%w: no manifest (the archive is truncated?)", ErrBadArchive)
	}
	if _, ok := got["vault.db"]; !ok {
		return Manifest{}, fmt.Errorf("%w: no vault.db in it", ErrBadArchive)
	}
	return *m, checkManifest(*m, got)
}

// putBlob stores a blob member, or leaves out one that does not hash to its
// name (the manifest must say it was altered): its address would be wrong.
func putBlob(blobs *evidence.Blobs, name string, r io.Reader) (File, error) {
	st, err := blobs.Stage(r)
	if err != nil {
		return File{}, err
	}
	f := File{Path: name, Size: st.Size, SHA256: st.SHA256}
	if st.SHA256 != filepath.Base(name) {
		st.Discard()
		return f, nil
	}
	_, err = st.Commit()
	return f, err
}

// freeSpace is the bytes free to an unprivileged user on dir's file system;
// a variable so that a test can make a disk small.
var freeSpace = func(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// fits refuses a member that declares more bytes than the disk has free,
// before writing any of them: a small sparse or hostile archive can declare
// gigabytes (the manifest, which names the real sizes, comes last).
func fits(dir string, hdr *tar.Header) error {
	free, err := freeSpace(dir)
	if err != nil || hdr.Size <= free {
		return nil // a file system that does not say leaves the check to the write
	}
	return fmt.Errorf("%w: %s declares %d bytes, more than the %d free on the disk", ErrBadArchive, hdr.Name, hdr.Size, free)
}

// sparse reports a member stored sparse: a few bytes of archive that
// unpack to gigabytes of zeros (Go's reader gives them as regular files).
func sparse(hdr *tar.Header) bool {
	if hdr.Typeflag == tar.TypeGNUSparse {
		return true
	}
	for k := range hdr.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return false
}

func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o700)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: restore only into a new or empty directory", dir)
	}
	return os.Chmod(dir, 0o700)
}

func isBlobName(name string) bool {
	parts := strings.Split(name, "/")
	return len(parts) == 3 && parts[0] == "blobs" && evidence.ValidSum(parts[2]) && parts[1] == parts[2][:2]
}

func readManifest(r io.Reader) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(io.LimitReader(r, 64<<20))
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%w: manifest: %v", ErrBadArchive, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: manifest: more after its JSON object", ErrBadArchive)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("%w: format %q, this vault reads %q", ErrBadArchive, m.Format, Format)
	}
	return &m, nil
}

func writeDB(path string, r io.Reader) (File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return File{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return File{Path: "vault.db", Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, err
}

// checkManifest requires the files unpacked and the files listed to be the
// same, and a blob that does not hash to its name to be listed as altered.
func checkManifest(m Manifest, got map[string]File) error {
	altered := map[string]bool{}
	for _, x := range m.Missing {
		g, present := got[x.Path]
		ok := isBlobName(x.Path) && (x.Why == "missing" && !present ||
			x.Why == "altered" && present && g.SHA256 != filepath.Base(x.Path))
		if !ok || altered[x.Path] {
			return fmt.Errorf("%w: the manifest lists %s as %q, which the archive does not bear out", ErrBadArchive, x.Path, x.Why)
		}
		altered[x.Path] = x.Why == "altered"
	}
	for name, g := range got {
		if isBlobName(name) && g.SHA256 != filepath.Base(name) && !altered[name] {
			return fmt.Errorf("%w: %s does not hash to its name", ErrBadArchive, name)
		}
	}
	for _, f := range m.Files {
		g, ok := got[f.Path]
		switch {
		case !ok:
			return fmt.Errorf("%w: %s is listed in the manifest but missing", ErrBadArchive, f.Path)
		case g != f:
			return fmt.Errorf("%w: %s does not match the manifest (size or SHA-256)", ErrBadArchive, f.Path)
		}
		delete(got, f.Path)
	}
	for name := range got {
		return fmt.Errorf("%w: %s is not in the manifest", ErrBadArchive, name)
	}
	return nil
}
