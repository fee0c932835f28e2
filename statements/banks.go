package statements

import (
	"cmp"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
)

// A bank is the CSV its online bank exports, known by its header row. The
// headers are those that open-source importers of real exports read (see
// docs/statements.md for the sources); a bank whose export is not here
// (Handelsbanken) is read with --columns.
type bank struct {
	name   string
	header []string // the first column names, lower case; more may follow
	opts   Options
	// skip is a row that is no transaction: a pending one, a balance line.
	skip func(rec []string) bool
}

func pendingDate(rec []string) bool {
	return len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "Reservert")
}

func balanceLine(rec []string) bool {
	for _, f := range rec {
		if f = strings.ToUpper(strings.TrimSpace(f)); strings.HasPrefix(f, "UTGÅENDE SALDO") || strings.HasPrefix(f, "INNGÅENDE SALDO") {
			return true
		}
	}
	return false
}

var banks = []bank{
	{name: "DNB", header: []string{"dato", "forklaring", "rentedato", "ut fra konto", "inn på konto"},
		opts: Options{Columns: map[string]int{"date": 1, "text": 2, "value": 3, "out": 4, "in": 5}, Decimal: '.', DateFormat: "02.01.2006", Currency: "NOK"},
		skip: func(rec []string) bool { return len(rec) > 1 && strings.Contains(rec[1], "Reservert transaksjon") }},
	{name: "Nordea", header: []string{"bokføringsdato", "beløp", "avsender", "mottaker", "navn", "tittel", "valuta"},
		opts: Options{Columns: map[string]int{"date": 1, "amount": 2, "text": 6, "currency": 7}, Decimal: ',', DateFormat: "2006/01/02"},
		skip: pendingDate},
	{name: "SpareBank 1", header: []string{"dato", "beskrivelse", "rentedato", "inn", "ut", "til konto", "fra konto"},
		opts: Options{Columns: map[string]int{"date": 1, "text": 2, "value": 3, "in": 4, "out": 5}, Decimal: ',', DateFormat: "02.01.2006", Currency: "NOK"}},
	{name: "Sbanken", header: []string{"bokføringsdato", "rentedato", "arkivreferanse", "motkonto", "type", "tekst", "ut fra konto", "inn på konto"},
		opts: Options{Columns: map[string]int{"date": 1, "value": 2, "ref": 3, "text": 6, "out": 7, "in": 8}, Decimal: ',', DateFormat: "2006-01-02", Currency: "NOK"},
		skip: balanceLine},
	{name: "Sbanken", header: []string{"bokføringsdato", "rentedato", "arkivreferanse", "type", "tekst", "ut fra konto", "inn på konto"},
		opts: Options{Columns: map[string]int{"date": 1, "value": 2, "ref": 3, "text": 5, "out": 6, "in": 7}, Decimal: '.', DateFormat: "2006-01-02", Currency: "NOK"},
		skip: balanceLine},
}

// headerRows is how far into a file its header row is looked for: Sbanken
// puts the closing balance and a blank line first.
const headerRows = 5

// detectBank finds a known bank's header in the first rows of a CSV: the
// bank ("" for none) and its options, with the header's row to start
// after. text gives the file from its start, decoded to UTF-8. A date
// format the user gave is used; PayPal's d/m or m/d is otherwise decided
// from the file (read to its end).
func detectBank(text func() (io.Reader, error), dateFormat string) (string, Options, error) {
	in, err := text()
	if err != nil {
		return "", Options{}, err
	}
	comma, err := separator(in)
	if err != nil {
		return "", Options{}, err
	}
	if in, err = text(); err != nil {
		return "", Options{}, err
	}
	r := csv.NewReader(in)
	r.Comma = comma
	r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = -1, true, true
	for row := 1; row <= headerRows; row++ {
		rec, err := r.Read()
		if err != nil {
			break
		}
		names := headerNames(rec)
		for _, b := range banks {
			if len(names) >= len(b.header) && slices.Equal(names[:len(b.header)], b.header) {
				opts := b.opts
				opts.Comma, opts.after, opts.skip = r.Comma, row, b.skip
				return b.name, opts, nil
			}
		}
		if opts, ok := paypalColumns(names); ok {
			opts.Comma, opts.after = r.Comma, row
			opts.DateFormat = cmp.Or(dateFormat, opts.DateFormat)
			if opts.DateFormat == "" {
				if opts.DateFormat = slashOrder(r, opts.Columns["date"]); opts.DateFormat == "" {
					return "PayPal", opts, errors.New("PayPal: every date reads both day first and month first; say which with --date-format 2/1/2006 (day first) or 1/2/2006")
				}
			}
			return "PayPal", opts, nil
		}
	}
	return "", Options{}, nil
}

// headerNames are a row's fields as header names: trimmed, lower case,
// without the BOM and the empty fields a trailing separator leaves.
func headerNames(rec []string) []string {
	names := make([]string, len(rec))
	for i, f := range rec {
		names[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff")))
	}
	for len(names) > 0 && names[len(names)-1] == "" {
		names = names[:len(names)-1]
	}
	return names
}
