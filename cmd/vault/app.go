package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"vault/evidence"
	"vault/store"
)

// app is what every command shares: the streams, the environment, the clock
// and the vault, opened on first use.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	loc            *time.Location

	vaultFlag string
	v         *vault
}

// vault is an open vault directory: its database and its blobs.
type vault struct {
	dir   string
	db    *store.DB
	blobs *evidence.Blobs
}

const dbName = "vault.db"

// dir is the vault directory: --vault, else $VAULT_DIR, else the XDG data dir.
func (a *app) dir() (string, error) {
	if a.vaultFlag != "" {
		return filepath.Abs(a.vaultFlag)
	}
	if d := a.getenv("VAULT_DIR"); d != "" {
		return filepath.Abs(d)
	}
	if d := a.getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "vault"), nil
	}
	home := a.getenv("HOME")
	if home == "" {
		return "", errors.New("cannot find the vault: set --vault, VAULT_DIR or HOME")
	}
	return filepath.Join(home, ".local", "share", "vault"), nil
}

// open opens the vault once per command, applying pending migrations.
func (a *app) open(ctx context.Context) (*vault, error) {
	if a.v != nil {
		return a.v, nil
	}
	dir, err := a.dir()
	if err != nil {
		return nil, err
	}
	if err := checkOwnership(dir); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, filepath.Join(dir, dbName))
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, fmt.Errorf("no vault at %s (run 'vault init')", dir)
	}
	if err != nil {
		return nil, err
	}
	db.Now = a.now
	a.v = &vault{dir: dir, db: db, blobs: evidence.NewBlobs(dir)}
	return a.v, nil
}

// create makes a new vault at dir: the directory (0700), blobs/, tmp/ and the
// database (0600).
func (a *app) create(ctx context.Context, dir string) (*vault, error) {
	if _, err := os.Stat(filepath.Join(dir, dbName)); err == nil {
		return nil, fmt.Errorf("a vault already exists at %s", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	blobs := evidence.NewBlobs(dir)
	if err := blobs.Init(); err != nil {
		return nil, fmt.Errorf("create vault: %w", err)
	}
	db, err := store.Create(ctx, filepath.Join(dir, dbName))
	if err != nil {
		return nil, err
	}
	db.Now = a.now
	a.v = &vault{dir: dir, db: db, blobs: blobs}
	return a.v, nil
}

// checkOwnership refuses a vault directory that others could write to or
// that another user owns: whoever can write it can alter the evidence.
func checkOwnership(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return nil // a missing vault is reported by the caller
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

func (a *app) close() {
	if a.v != nil {
		a.v.db.Close()
		a.v = nil
	}
}
