package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"time"

	"vault/casework"
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
	svc       *casework.Service
}

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
func (a *app) open(ctx context.Context) (*casework.Service, error) {
	if a.svc != nil {
		return a.svc, nil
	}
	dir, err := a.dir()
	if err != nil {
		return nil, err
	}
	a.svc, err = casework.Open(ctx, dir, a.now, a.loc)
	return a.svc, err
}

// create makes a new vault at dir and keeps it open.
func (a *app) create(ctx context.Context, dir string) (*casework.Service, error) {
	svc, err := casework.Create(ctx, dir, a.now, a.loc)
	if err == nil {
		a.svc = svc
	}
	return svc, err
}

func (a *app) close() {
	if a.svc != nil {
		a.svc.Close()
		a.svc = nil
	}
}
