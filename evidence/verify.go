package evidence

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"time"
)

// Inventory is what lies in the blob store's directories.
type Inventory struct {
	Blobs map[string]int64 // SHA-256 named by the file -> size, for files that are well named
	Stray []string         // files in blobs/ that are not named like a blob (paths)
	Temp  []TempFile       // leftovers of interrupted writes in tmp/
}

// TempFile is a file in tmp/ with its age.
type TempFile struct {
	Path string
	Age  time.Duration
}

// Inventory lists blobs/ and tmp/.
func (b *Blobs) Inventory() (Inventory, error) {
	inv := Inventory{Blobs: map[string]int64{}}
	err := filepath.WalkDir(b.blobDir(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if name := d.Name(); ValidSum(name) && path == b.Path(name) && d.Type().IsRegular() {
			inv.Blobs[name] = info.Size()
		} else {
			inv.Stray = append(inv.Stray, path)
		}
		return nil
	})
	if err != nil {
		return inv, err
	}
	temps, err := os.ReadDir(b.tmpDir())
	for _, t := range temps {
		if info, err := t.Info(); err == nil {
			inv.Temp = append(inv.Temp, TempFile{filepath.Join(b.tmpDir(), t.Name()), time.Since(info.ModTime())})
		}
	}
	return inv, err
}

// Rehash reads every blob again, on all cores, and returns those whose
// content no longer matches their name, with the reason. done is called
// with the bytes of each blob read (for progress); it may be nil.
func (b *Blobs) Rehash(blobs map[string]int64, done func(int64)) map[string]error {
	jobs := make(chan string)
	var mu sync.Mutex
	bad := map[string]error{}
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sum := range jobs {
				err := b.Check(sum, blobs[sum])
				mu.Lock()
				if err != nil {
					bad[sum] = err
				}
				if done != nil {
					done(blobs[sum])
				}
				mu.Unlock()
			}
		}()
	}
	for sum := range blobs {
		jobs <- sum
	}
	close(jobs)
	wg.Wait()
	return bad
}

// Remove deletes a blob or temp file of the store (for repairs). It does
// not chmod first: removing needs the directory's permission, not the
// file's, and a chmod of a symbolic link placed in tmp/ changed what it
// pointed to, outside the vault (#18, item 15).
func (b *Blobs) Remove(path string) error { return os.Remove(path) }

// RemoveOrphan removes a stored file no record needed when it was last
// older than age, unless it has been used since: an attach of the same
// content touches it (Commit) and then adds its record. The file is first
// renamed out of blobs/, so an attach after that stores its own copy; its
// age is read after the rename, so a touch before it is seen and the file
// put back. false when the file stays.
func (b *Blobs) RemoveOrphan(path string, age time.Duration) (bool, error) {
	aside := b.Aside(filepath.Base(path))
	if err := os.Rename(path, aside); err != nil {
		return false, err
	}
	if info, err := os.Stat(aside); err != nil || time.Since(info.ModTime()) <= age {
		return false, os.Rename(aside, path)
	}
	return true, b.Remove(aside)
}

// Aside is where RemoveOrphan moves the blob of sum before it reads its
// age. A repair killed there leaves it in tmp/ under this name, and an
// attach that had just reused the blob leaves a record without its file:
// PutBack moves it back.
func (b *Blobs) Aside(sum string) string { return filepath.Join(b.tmpDir(), "orphan-"+sum) }

// PutBack stores again the blob of sum that an interrupted RemoveOrphan
// left in tmp/, through Put (fsync, rename), when its bytes still match
// sum and size (checked before and while it is stored); then it removes
// the copy in tmp/. A link there is not followed.
func (b *Blobs) PutBack(sum string, size int64) error {
	aside := b.Aside(sum)
	f, err := os.OpenFile(aside, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", aside)
	}
	altered := fmt.Errorf("%s: %w", aside, ErrAltered)
	if st, err := copyHashed(io.Discard, io.LimitReader(f, size+1)); err != nil || st.SHA256 != sum || st.Size != size {
		return cmp.Or(err, altered) // before Put: an altered copy leaves no new blob
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	st, err := b.Put(io.LimitReader(f, size+1))
	if err == nil && (st.SHA256 != sum || st.Size != size) {
		err = altered // changed since the check
	}
	if err != nil {
		return err
	}
	return os.Remove(aside)
}
