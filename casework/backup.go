package casework

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"vault"
	"vault/backup"
)

// Backup writes the vault as one archive to w: a consistent snapshot of the
// database (taken in tmp/, while other commands may write), every file its
// records refer to, and the manifest.
func (s *Service) Backup(ctx context.Context, w io.Writer) (backup.Manifest, error) {
	return backup.Write(ctx, w, s.DB, s.Blobs, filepath.Join(s.Dir, "tmp"), s.Now())
}

// NotVerifiedError is a restored vault that does not verify; it was removed.
type NotVerifiedError struct{ Report VerifyReport }

func (e *NotVerifiedError) Error() string { return "the restored vault does not verify" }

// Restore unpacks an archive into dir (new or empty) and verifies the
// result as a whole. It is unpacked beside dir first (restoring(dir)) and
// renamed into place only once it verifies, so an interrupted or failed
// restore never leaves a half vault where the vault belongs; a leftover of
// a killed one is recognised and refused, with the fix. It returns the
// files the restored vault lacks that the archive's manifest says the vault
// lacked when it was backed up (see backup.Missing): the caller must say so.
func Restore(ctx context.Context, in io.Reader, dir string, now func() time.Time, loc *time.Location) (lacking []Lacking, err error) {
	if dir, err = filepath.Abs(dir); err != nil { // "." and "x/" name their directory too
		return nil, err
	}
	stage := restoring(dir)
	if _, err := os.Lstat(stage); err == nil {
		return nil, fmt.Errorf("%s is left from a restore that was interrupted; remove it (rm -r %s) and restore again", stage, stage)
	}
	entries, err := os.ReadDir(dir)
	exists := err == nil
	switch {
	case exists && len(entries) > 0:
		return nil, fmt.Errorf("%s is not empty: restore only into a new or empty directory", dir)
	case !exists && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case !exists:
		if err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o700); err != nil {
			return nil, err
		}
	}
	// Made here, not found: a link put in its place is not followed.
	if err := os.Mkdir(stage, 0o700); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(stage)
		}
	}()
	m, err := backup.Restore(in, stage)
	if err != nil {
		return nil, err
	}
	if lacking, err = verifyRestored(ctx, stage, m, now, loc); err != nil {
		return nil, err
	}
	if exists {
		if err := os.Remove(dir); err != nil { // empty: checked above
			return nil, err
		}
	}
	if err := os.Rename(stage, dir); err != nil {
		return nil, err
	}
	return lacking, syncParent(dir)
}

// restoring is where a restore into dir is unpacked: beside it, on the same
// file system, so that the last step is a rename.
func restoring(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".restoring")
}

// verifyRestored opens the unpacked vault (migrating it) and verifies it,
// and its audit log against the head the manifest recorded: a database
// swapped for another, or one whose log was reset, does not hold it. It
// returns the files the vault lacks that the manifest declared.
func verifyRestored(ctx context.Context, dir string, m backup.Manifest, now func() time.Time, loc *time.Location) ([]Lacking, error) {
	s, err := Open(ctx, dir, now, loc)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	// An archive holds no anchor file: the restored log is checked against
	// the manifest's head instead, and its anchor starts from it.
	if _, _, err := s.DB.RewriteAnchor(ctx); err != nil {
		return nil, err
	}
	r, err := s.Verify(ctx, nil)
	if err != nil {
		return nil, err
	}
	if m.AuditHead != r.Head || (m.AuditEntries != 0 && m.AuditEntries != int64(r.Audit)) {
		r.Problems = append(r.Problems, vault.Problem{Record: "audit", File: "manifest.json", What: fmt.Sprintf(
			"the manifest records audit head %s (entry %d), the restored log ends at %s (entry %d)",
			m.AuditHead, m.AuditEntries, r.Head, r.Audit)})
	}
	r, lacking := allowMissing(r, m.Missing)
	if !r.OK {
		return nil, &NotVerifiedError{Report: r}
	}
	return lacking, nil
}

// Lacking is a file a restored vault lacks, as verify names it, that the
// archive's manifest says the vault lacked when it was backed up.
type Lacking struct {
	Record, File string
	Why          string // what the manifest says: missing, altered
}

// allowMissing takes out of a restored vault's report the files the
// manifest says were missing or altered when it was backed up, and returns
// them: the restore is as good as the vault was, and the caller says what
// it lacks. Every other problem stays.
func allowMissing(r VerifyReport, missing []backup.Missing) (VerifyReport, []Lacking) {
	why := map[string]string{}
	for _, x := range missing {
		why[x.Path] = x.Why
	}
	var lacking []Lacking
	kept := r.Problems[:0:0]
	for _, p := range r.Problems {
		if w := why[p.File]; w != "" && p.What == fileMissing {
			lacking = append(lacking, Lacking{Record: p.Record, File: p.File, Why: w})
		} else {
			kept = append(kept, p)
		}
	}
	r.Problems, r.OK = kept, len(kept) == 0
	return r, lacking
}

// syncParent makes the rename of dir durable.
func syncParent(dir string) error {
	d, err := os.Open(filepath.Dir(filepath.Clean(dir)))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
