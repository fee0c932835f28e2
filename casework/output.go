package casework

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CheckOutput refuses a path to write (a dossier, a backup, a letter, a
// calendar) that lies inside the vault's directory, after resolving
// symbolic links: 'export --pdf VAULT/vault.db' would replace the
// database, '--out VAULT/blobs/..' a piece of evidence.
func (s *Service) CheckOutput(paths ...string) error {
	vaultDir, err := resolved(s.Dir)
	if err != nil {
		return err
	}
	for _, p := range paths {
		if p == "" || p == "-" {
			continue
		}
		out, err := resolved(p)
		if err != nil {
			return err
		}
		if rel, err := filepath.Rel(vaultDir, out); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("%s is inside the vault (%s): write it somewhere else", p, s.Dir)
		}
	}
	return nil
}

// resolved is path made absolute with its symbolic links resolved, as far
// as it exists (a file to be written does not yet).
func resolved(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		} else if !os.IsNotExist(err) {
			return "", err
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}
