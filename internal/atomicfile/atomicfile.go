// Package atomicfile writes a file so that it holds either its old content
// or the whole new one, never a part: a temp file beside it, synced, renamed.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"vault/internal/testpoint"
)

// Write writes a file through write into a temp file beside path, syncs it
// and renames it over path. The file is 0600: what vault writes (dossiers,
// backups) holds personal data. A symbolic link or a directory at path is
// refused, never replaced or written through.
func Write(path string, write func(io.Writer) error) (err error) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("%s is a symbolic link; not replacing it (write to the file it points to by its own name)", path)
	} else if err == nil && info.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	pending.Store(tmp.Name(), true)
	defer func() {
		pending.Delete(tmp.Name())
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	testpoint.Reach("file.written") // the temp file whole, not yet renamed
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// pending are the temp files being written, by name.
var pending sync.Map

// RemovePending removes the temp files of writes still under way, for a
// process about to exit in the middle of one: the file at each path keeps
// its old content (or stays absent), and no temp file is left beside it.
func RemovePending() {
	pending.Range(func(name, _ any) bool {
		os.Remove(name.(string))
		return true
	})
}
