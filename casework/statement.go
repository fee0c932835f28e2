package casework

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"vault"
	"vault/statements"
)

// StatementImport is what importing one statement file did.
type StatementImport struct {
	Path      string
	Format    string      // camt, csv
	Statement vault.Added // the file, as evidence
	Read      int         // lines read
	Added     int         // lines new to the vault
	Bad       []statements.RowError
	// Twins are new lines that another statement file has a line of the
	// same day, amount and card for: the same charge, perhaps, exported
	// twice in two formats (the bank's ids and texts differ between them).
	Twins [][2]vault.TransactionID
}

// maxStatement bounds a statement file read whole.
const maxStatement = 64 << 20

// ImportStatement reads a statement file and records it (as evidence) with
// its lines, in one transaction; lines an earlier statement holds are not
// added again. A file that is no statement, or none of whose lines can be
// read, stores nothing.
func (s *Service) ImportStatement(ctx context.Context, path string, opts statements.Options) (StatementImport, error) {
	out := StatementImport{Path: path}
	f, err := OpenRegular(path)
	if err != nil {
		return out, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxStatement+1))
	if err != nil {
		return out, err
	}
	if len(data) > maxStatement {
		return out, fmt.Errorf("%s: larger than %d MB", path, maxStatement>>20)
	}
	format, txs, bad, err := statements.Parse(data, opts)
	if err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	out.Format, out.Read, out.Bad = format, len(txs), bad
	if len(txs) == 0 && len(bad) > 0 {
		return out, unreadable(path, format, bad)
	}
	st, err := s.Blobs.Stage(bytes.NewReader(data))
	if err != nil {
		return out, err
	}
	e, _, err := s.commitStaged(st, path, int64(len(data)))
	if err != nil {
		return out, err
	}
	e.Kind = vault.EvidenceStatement
	res, err := s.DB.ImportStatement(ctx, e, txs)
	out.Statement, out.Added = res.Statement, res.Lines
	if err != nil || res.Lines == 0 {
		return out, err
	}
	out.Twins, err = s.DB.Twins(ctx, res.Statement.ID, res.First)
	return out, err
}

// unreadable is the error of a file none of whose lines could be read,
// with the first line's reason; a CSV read by its named columns says which
// options decide how its lines are read.
func unreadable(path, format string, bad []statements.RowError) error {
	what := fmt.Sprintf("none of its %d lines could be read", len(bad))
	if len(bad) == 1 {
		what = "its one line could not be read"
	}
	if format == "csv" {
		what += " (check --columns, --decimal, --date-format and --currency)"
	}
	return fmt.Errorf("%s: %s, so nothing was imported: %w", path, what, bad[0])
}
