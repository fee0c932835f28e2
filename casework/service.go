// Package casework is the work behind the vault's commands, between the CLI
// and the packages that do each part: opening a vault, attaching files,
// importing mail, the deadlines and a case's timeline, the dispute warning,
// the dossier's assembly, the letters' inputs, verify, repair, backup and
// restore. A Service holds one open vault with its clock and zone; it
// prints nothing and asks nothing: progress and results come back as values
// and callbacks, and the CLI decides what the user sees.
package casework

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"vault/evidence"
	"vault/store"
)

// Service is one open vault: its database, its blobs, the clock and the
// zone in which days are counted.
type Service struct {
	Dir   string
	DB    *store.DB
	Blobs *evidence.Blobs
	Now   func() time.Time
	Loc   *time.Location
}

// DBName is the database's file name in a vault directory.
const DBName = "vault.db"

// NoVaultError is a directory that holds no vault.
type NoVaultError struct{ Dir string }

func (e *NoVaultError) Error() string { return "no vault at " + e.Dir }

// Open opens the vault in dir, applying pending migrations. now is the
// clock of its records; loc the zone of its days.
func Open(ctx context.Context, dir string, now func() time.Time, loc *time.Location) (*Service, error) {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%s is not a vault directory: it is a file", dir)
	}
	if err := checkOwnership(dir); err != nil {
		return nil, err
	}
	if err := checkParts(dir); err != nil {
		return nil, err
	}
	db, err := store.OpenAt(ctx, filepath.Join(dir, DBName), now)
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, &NoVaultError{Dir: dir}
	}
	if err != nil {
		return nil, err
	}
	return newService(dir, db, now, loc), nil
}

// Create makes a new vault at dir, which must be new or empty: the
// directory (0700), blobs/, tmp/ and the database (0600).
func Create(ctx context.Context, dir string, now func() time.Time, loc *time.Location) (*Service, error) {
	if _, err := os.Stat(filepath.Join(dir, DBName)); err == nil {
		return nil, fmt.Errorf("a vault already exists at %s", dir)
	} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
		return nil, err
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%s is a file: a vault is a directory", dir)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty (%s ...): a vault takes a directory of its own; give --vault a new or empty one",
			dir, entries[0].Name())
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	if err := evidence.NewBlobs(dir).Init(); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	db, err := store.CreateAt(ctx, filepath.Join(dir, DBName), now)
	if err != nil {
		return nil, err
	}
	return newService(dir, db, now, loc), nil
}

func newService(dir string, db *store.DB, now func() time.Time, loc *time.Location) *Service {
	blobs := evidence.NewBlobs(dir)
	db.Now, db.By, db.Loc, db.Stored = now, whoever(), loc, blobs.Has
	return &Service{Dir: dir, DB: db, Blobs: blobs, Now: now, Loc: loc}
}

// Close closes the database.
func (s *Service) Close() error { return s.DB.Close() }

// checkOwnership refuses a vault directory that others could write to or
// that another user owns: whoever can write it can alter the evidence.
func checkOwnership(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return nil // a missing vault is reported when its database is not found
	}
	if info.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("refusing %s: it is writable by others (mode %04o), so anyone on this machine could "+
			"alter the evidence; fix it with: chmod 700 %s", dir, info.Mode().Perm(), dir)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("refusing %s: it belongs to user %d, not to you (%d); a vault must be your own", dir, st.Uid, os.Getuid())
	}
	return nil
}

// checkParts holds the database, blobs/ and tmp/ to what the directory is
// held to: each in the vault (not a symbolic link out of it: attach would
// write there), yours, and writable by you alone.
func checkParts(dir string) error {
	for _, part := range []struct {
		name string
		dir  bool
		fix  string
	}{{DBName, false, "chmod 600"}, {store.AnchorPath(DBName), false, "chmod 600"}, {"blobs", true, "chmod 700"}, {"tmp", true, "chmod 700"}} {
		path := filepath.Join(dir, part.name)
		info, err := os.Lstat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // a missing database is no vault; blobs/ and tmp/ are made when needed
		case err != nil:
			return err
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("refusing %s: %s is a symbolic link, so the vault's files would be kept outside it; "+
				"put the real %s in the vault directory", dir, part.name, part.name)
		case info.IsDir() != part.dir:
			return fmt.Errorf("refusing %s: %s is not what a vault has there", dir, part.name)
		case info.Mode().Perm()&0o022 != 0:
			return fmt.Errorf("refusing %s: %s is writable by others (mode %04o), so anyone on this machine could "+
				"alter the evidence; fix it with: %s %s", dir, part.name, info.Mode().Perm(), part.fix, path)
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
			return fmt.Errorf("refusing %s: %s belongs to user %d, not to you (%d)", dir, part.name, st.Uid, os.Getuid())
		}
	}
	return nil
}

// rel names a file of the vault relative to the vault directory.
func (s *Service) rel(path string) string {
	if rel, err := filepath.Rel(s.Dir, path); err == nil {
		return rel
	}
	return path
}

// Progress hears how far long work has come: done of total bytes (or items).
type Progress func(done, total int64)

// report calls p when it is set.
func (p Progress) report(done, total int64) {
	if p != nil {
		p(done, total)
	}
}
