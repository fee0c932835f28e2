// Package migrations holds the vault's schema as numbered, forward-only SQL
// files (0001_init.sql, 0002_...), embedded in the binary. The store applies
// them in order, each in one transaction, and records the count in
// PRAGMA user_version.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

//go:embed *.sql
var files embed.FS

// Migration is one schema step; Version n is the n-th file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// All returns the migrations in order. It fails if the files are not numbered
// 1, 2, 3 ... without gaps, so a missing file cannot skip a step silently.
func All() ([]Migration, error) {
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		return nil, err
	}
	var all []Migration
	for i, name := range names {
		n, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil || n != i+1 {
			return nil, fmt.Errorf("migration %s: want number %04d", name, i+1)
		}
		sql, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		all = append(all, Migration{Version: n, Name: strings.TrimSuffix(path.Base(name), ".sql"), SQL: string(sql)})
	}
	return all, nil
}
