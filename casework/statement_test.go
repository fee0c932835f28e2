package casework

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vault/internal/testpoint"
	"vault/statements"
)

// dnbRows is a DNB export of n distinct rows, the first bad ones a date no
// calendar has.
func dnbRows(n, bad int) []byte {
	var b strings.Builder
	b.WriteString(`"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"` + "\n")
	for i := range n {
		date := fmt.Sprintf("%02d.%02d.2026", 1+i%28, 1+i%12)
		if i < bad {
			date = "31.13.2026"
		}
		fmt.Fprintf(&b, "%q;\"Varekjøp ALIEXPRESS.COM %d\";\"\";\"%d.%02d\";\"\"\n", date, i, 10+i%5000, i%100)
	}
	return []byte(b.String())
}

// verified fails t unless the vault verifies, with no stray files.
func verified(t *testing.T, s *Service) {
	t.Helper()
	r, err := s.Verify(context.Background(), nil)
	if err != nil || !r.OK || len(r.Temp)+len(r.Orphans) != 0 {
		t.Fatalf("verify: %+v %v", r, err)
	}
}

// TestImportStatementBatches: a statement bigger than a batch is recorded
// in several, each sealed; the vault verifies, and the same file again
// adds nothing (#31, item 3).
func TestImportStatementBatches(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	path := writeInput(t, t.TempDir(), "big.csv", dnbRows(12000, 0))
	res, err := s.ImportStatement(ctx, path, statements.Options{})
	if err != nil || res.Read != 12000 || res.Added != 12000 || res.Unreadable != 0 || res.Format != "csv: DNB" {
		t.Fatalf("%+v %v", res, err)
	}
	log, err := s.DB.Audit(ctx, "LINES-"+fmt.Sprint(int64(res.Statement.ID)))
	if err != nil || len(log) < 2 {
		t.Errorf("the lines' seals: %d entries, %v; want one a batch", len(log), err)
	}
	verified(t, s)
	again, err := s.ImportStatement(ctx, path, statements.Options{})
	if err != nil || again.Read != 12000 || again.Added != 0 || again.Statement.ID != res.Statement.ID {
		t.Fatalf("again: %+v %v", again, err)
	}
}

// TestImportStatementUnreadable: a file none of whose lines can be read
// stores nothing, not even a staged copy, and says how many lines it had;
// the first MaxBad of them are kept to tell (#31, item 3).
func TestImportStatementUnreadable(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	path := writeInput(t, t.TempDir(), "bad.csv", dnbRows(30, 30))
	res, err := s.ImportStatement(ctx, path, statements.Options{})
	if err == nil || !strings.Contains(err.Error(), "none of its 30 lines could be read") || len(res.Bad) != MaxBad || res.Unreadable != 30 {
		t.Fatalf("%d bad kept of %d, %v", len(res.Bad), res.Unreadable, err)
	}
	for _, dir := range []string{"blobs", "tmp"} {
		var files []string
		filepath.WalkDir(filepath.Join(s.Dir, dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		if len(files) > 0 {
			t.Errorf("%s holds %q", dir, files)
		}
	}
	// Unreadable lines before the first readable one, and after: the file
	// is imported, its first MaxBad unreadable lines told, all counted.
	path = writeInput(t, t.TempDir(), "some.csv", append(dnbRows(25, 25), dnbRows(3, 0)[len("\"Dato\";\"Forklaring\";\"Rentedato\";\"Ut fra konto\";\"Inn på konto\"\n"):]...))
	if res, err = s.ImportStatement(ctx, path, statements.Options{}); err != nil || res.Added != 3 || len(res.Bad) != MaxBad || res.Unreadable != 25 {
		t.Fatalf("%+v %v", res, err)
	}
	verified(t, s)
}

// TestImportStatementInterrupted: a context that ends between two batches
// ends the import there; the lines recorded stay, sealed, and the same
// import again adds the rest.
func TestImportStatementInterrupted(t *testing.T) {
	s := testVault(t)
	path := writeInput(t, t.TempDir(), "big.csv", dnbRows(12000, 0))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	testpoint.SetHook(func(name string) {
		if name == "statement.batch" {
			cancel()
		}
	})
	defer testpoint.SetHook(nil)
	res, err := s.ImportStatement(ctx, path, statements.Options{})
	testpoint.SetHook(nil)
	if !errors.Is(err, context.Canceled) || res.Added == 0 || res.Added >= 12000 || res.Added != res.Read {
		t.Fatalf("%+v %v", res, err)
	}
	verified(t, s)
	rest, err := s.ImportStatement(context.Background(), path, statements.Options{})
	if err != nil || rest.Added != 12000-res.Added {
		t.Fatalf("the rest: %+v %v", rest, err)
	}
	verified(t, s)
}
