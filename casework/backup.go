package casework

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

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
// result as a whole; on failure it removes what it wrote, so there is a
// verified vault or nothing.
func Restore(ctx context.Context, in io.Reader, dir string, now func() time.Time, loc *time.Location) (err error) {
	_, statErr := os.Stat(dir)
	defer func() {
		if err != nil && errors.Is(statErr, os.ErrNotExist) {
			os.RemoveAll(dir)
		}
	}()
	if _, err := backup.Restore(in, dir); err != nil {
		return err
	}
	s, err := Open(ctx, dir, now, loc)
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.Verify(ctx, nil)
	if err != nil {
		return err
	}
	if !r.OK {
		return &NotVerifiedError{Report: r}
	}
	return nil
}
