package casework

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"vault"
	"vault/internal/testpoint"
	"vault/statements"
	"vault/store"
)

// StatementImport is what importing one statement file did.
type StatementImport struct {
	Path      string
	Format    string      // camt, ofx, csv, "csv: DNB" ...
	Statement vault.Added // the file, as evidence
	Read      int         // lines read
	Added     int         // lines new to the vault
	// Bad are the first MaxBad of the lines that could not be read;
	// Unreadable counts them all.
	Bad        []statements.RowError
	Unreadable int
	// Twins are new lines that another statement file has a line of the
	// same day, amount and card for: the same charge, perhaps, exported
	// twice in two formats (the bank's ids and texts differ between them).
	Twins [][2]vault.TransactionID
}

// MaxBad is how many unreadable lines an import keeps to tell: a file of
// 9.4 million empty entries has as many, and one reason repeated.
const MaxBad = 20

// bad notes an unreadable line.
func (out *StatementImport) bad(row statements.RowError) {
	if out.Unreadable++; len(out.Bad) < MaxBad {
		out.Bad = append(out.Bad, row)
	}
}

// maxStatement bounds a statement file.
const maxStatement = 64 << 20

// A batch of lines is recorded when it holds as many lines as the last
// one's recording says (from minBatch to maxBatch) or is lineBatchTime
// old: between two batches another command gets the write lock, and an
// interrupted import keeps what it read. The write lock is held for a
// batch's recording, which grows with the vault's lines (each line's key
// lands anywhere in their index): a batch is doubled while its recording
// takes less than a quarter of a second and halved when it takes more than
// half, whatever the machine. (20,000 lines recorded in 0.3 to 0.7 s at the
// end of a million, where 5,000 at a time took twice as long in all.)
const (
	minBatch, firstBatch, maxBatch = 1000, 5000, 50000
	lineBatchTime                  = time.Second
	fastBatch, slowBatch           = 250 * time.Millisecond, 500 * time.Millisecond
)

// ImportStatement reads a statement file a line at a time and records it
// (as evidence) with its lines, in batches (store.LineImport); lines an
// earlier statement holds are not added again. A file that is no
// statement, or none of whose lines can be read, stores nothing: the file
// is read up to its first readable line before it is stored. Then the
// stored copy is read, so the lines recorded are those of the bytes kept.
// A file that breaks off after that (XML cut short) keeps the lines before
// the break, and the error says so. When ctx ends, the lines read so far
// are recorded and the error wraps ctx's.
func (s *Service) ImportStatement(ctx context.Context, path string, opts statements.Options) (StatementImport, error) {
	out := StatementImport{Path: path}
	f, err := OpenRegular(path)
	if err != nil {
		return out, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return out, err
	}
	if info.Size() > maxStatement {
		return out, fmt.Errorf("%s: larger than %d MB", path, maxStatement>>20)
	}
	size := info.Size()
	probe, err := statements.NewReader(io.NewSectionReader(f, 0, size), opts)
	if err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	out.Format = probe.Format()
	for readable := false; !readable; {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		_, err := probe.Read()
		var row statements.RowError
		switch {
		case errors.As(err, &row):
			out.bad(row)
		case err == io.EOF:
			if out.Unreadable > 0 {
				return out, unreadable(path, out)
			}
			readable = true // a statement without lines: a month without payments
		case err != nil:
			return out, fmt.Errorf("%s: %w", path, err)
		default:
			readable = true
		}
	}
	st, err := s.Blobs.Stage(io.NewSectionReader(f, 0, size))
	if err != nil {
		return out, err
	}
	e, _, err := s.commitStaged(st, path, size)
	if err != nil {
		return out, err
	}
	e.Kind = vault.EvidenceStatement
	stored, err := s.Blobs.Open(e.Blob.SHA256)
	if err != nil {
		return out, err
	}
	defer stored.Close()
	r, err := statements.NewReader(stored, opts)
	if err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	out.Bad, out.Unreadable = nil, 0
	res, err := recordLines(ctx, s.DB.NewLineImport(e), r, &out)
	if err != nil || res.Lines == 0 {
		return out, err
	}
	out.Twins, err = s.DB.Twins(ctx, res.Statement.ID, res.First)
	return out, err
}

// recordLines reads the lines of r and records them in batches, the file
// with the first (even when it has none); what it recorded is in out.
func recordLines(ctx context.Context, li *store.LineImport, r *statements.Reader, out *StatementImport) (store.Imported, error) {
	var res store.Imported
	size := firstBatch
	batch := make([]vault.Transaction, 0, size)
	var since time.Time // when the batch's first line came
	begun := false
	flush := func() error {
		// The lines read are recorded also when ctx has ended: an
		// interrupted import keeps them.
		start := time.Now()
		r, err := li.Add(context.WithoutCancel(ctx), batch)
		if err != nil {
			return fmt.Errorf("%s: %w", out.Path, err)
		}
		switch took := time.Since(start); {
		case took < fastBatch && len(batch) >= size:
			size = min(2*size, maxBatch)
		case took > slowBatch:
			size = max(size/2, minBatch)
		}
		res, begun = r, true
		out.Statement, out.Added = r.Statement, r.Lines
		batch = batch[:0]
		testpoint.Reach("statement.batch") // a batch committed: the write lock is free
		return nil
	}
	for {
		if len(batch) >= size || len(batch) > 0 && time.Since(since) >= lineBatchTime {
			if err := flush(); err != nil {
				return res, err
			}
		}
		if ctx.Err() != nil {
			if len(batch) > 0 {
				if err := flush(); err != nil {
					return res, err
				}
			}
			return res, fmt.Errorf("%s: %w", out.Path, ctx.Err())
		}
		t, err := r.Read()
		var row statements.RowError
		switch {
		case errors.As(err, &row):
			out.bad(row)
			continue
		case err == io.EOF:
			if len(batch) > 0 || !begun {
				return res, flush()
			}
			return res, nil
		case err != nil:
			// The file breaks off: what was read before the break is kept.
			if len(batch) > 0 || !begun {
				if ferr := flush(); ferr != nil {
					return res, ferr
				}
			}
			return res, fmt.Errorf("%s: %w; what was read before it is recorded (%s, %d new)", out.Path, err, lines(out.Read), out.Added)
		}
		if len(batch) == 0 {
			since = time.Now()
		}
		out.Read++
		batch = append(batch, t)
	}
}

// lines is "1 line", "12 lines".
func lines(n int) string {
	if n == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", n)
}

// unreadable is the error of a file none of whose lines could be read,
// with the first line's reason; a CSV read by its named columns says which
// options decide how its lines are read.
func unreadable(path string, out StatementImport) error {
	what := fmt.Sprintf("none of its %d lines could be read", out.Unreadable)
	if out.Unreadable == 1 {
		what = "its one line could not be read"
	}
	if out.Format == "csv" {
		what += " (check --columns, --decimal, --date-format and --currency)"
	}
	return fmt.Errorf("%s: %s, so nothing was imported: %w", path, what, out.Bad[0])
}
