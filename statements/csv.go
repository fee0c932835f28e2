package statements

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"vault/internal/money"
)

// ColumnNames are the columns --columns may name.
var ColumnNames = []string{"date", "value", "text", "detail", "amount", "out", "in", "currency", "card", "ref"}

// parseCSV reads rows by the columns named in opts: a date, a text, and an
// amount (signed) or out and in (each unsigned, one of them filled). A
// first row whose date does not read as one is a header.
func parseCSV(data []byte, opts Options) ([]Transaction, []RowError, error) {
	if err := checkColumns(opts.Columns); err != nil {
		return nil, nil, err
	}
	data = utf8Text(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = opts.Comma
	if r.Comma == 0 {
		r.Comma = separator(firstFilled(data))
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	txs := make([]Transaction, 0, bytes.Count(data, []byte("\n"))+1)
	var bad []RowError
	for row := 1; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			bad = append(bad, RowError{Line: line, Err: err})
			continue
		}
		if row <= opts.after || blank(rec) || opts.skip != nil && opts.skip(rec) {
			continue
		}
		t, err := csvTransaction(rec, opts)
		if err != nil {
			if row == 1 && opts.after == 0 && isHeader(rec, opts) {
				continue
			}
			bad = append(bad, RowError{Line: line, Err: err})
			continue
		}
		t.Line = line
		txs = append(txs, t)
	}
	return txs, bad, nil
}

// isHeader reports a first row whose date column is no date: the names.
func isHeader(rec []string, opts Options) bool {
	n := opts.Columns["date"]
	if n > len(rec) {
		return true
	}
	_, err := day(rec[n-1], opts.DateFormat)
	return err != nil
}

func checkColumns(cols map[string]int) error {
	for name, n := range cols {
		if !slices.Contains(ColumnNames, name) {
			return fmt.Errorf("--columns: unknown column %q (known: %s)", name, strings.Join(ColumnNames, ", "))
		}
		if n < 1 || n > 1000 {
			return fmt.Errorf("--columns: %s=%d: columns count from 1", name, n)
		}
	}
	_, amount := cols["amount"]
	_, out := cols["out"]
	_, in := cols["in"]
	if cols["date"] == 0 || cols["text"] == 0 || (!amount && !out && !in) {
		return errors.New("--columns needs date, text, and amount (or out and in), like date=1,text=3,amount=5")
	}
	return nil
}

// separator is the one of ; , and tab a line has most of.
func separator(first []byte) rune {
	best, n := ';', -1
	for _, c := range []rune{';', ',', '\t'} {
		if k := bytes.Count(first, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func csvTransaction(rec []string, opts Options) (Transaction, error) {
	field := func(name string) string {
		if n := opts.Columns[name]; n > 0 && n <= len(rec) {
			return strings.TrimSpace(rec[n-1])
		}
		return ""
	}
	var t Transaction
	var err error
	if t.Booked, err = day(field("date"), opts.DateFormat); err != nil {
		return t, err
	}
	if v := field("value"); v != "" {
		t.Value, _ = day(v, opts.DateFormat)
	}
	cur := strings.ToUpper(firstOf(field("currency"), opts.Currency))
	if cur == "" {
		return t, errors.New("no currency: give --currency NOK (or a currency column)")
	}
	if t.Amount, err = csvAmount(field, cur, opts.Decimal); err != nil {
		return t, err
	}
	t.Text = joinText([]string{field("text"), field("detail")})
	t.Card = LastDigits(field("card"))
	t.BankRef = field("ref")
	return t, nil
}

// csvAmount is the amount column, signed, or the out or the in column:
// one of them filled, a 0 in the other being as good as empty. A row with
// both is unreadable: which one the bank meant is not guessed.
func csvAmount(field func(string) string, cur string, decimal rune) (money.Money, error) {
	if s := field("amount"); s != "" {
		return signed(s, cur, decimal)
	}
	outText, inText := field("out"), field("in")
	if outText == "" && inText == "" {
		return money.Money{}, errors.New("no amount")
	}
	var out, in money.Money
	var err error
	if outText != "" {
		if out, err = signed(outText, cur, decimal); err != nil {
			return out, err
		}
		if out.Minor > 0 {
			out.Minor = -out.Minor
		}
	}
	if inText != "" {
		if in, err = signed(inText, cur, decimal); err != nil {
			return in, err
		}
	}
	switch {
	case out.Minor != 0 && in.Minor != 0:
		return money.Money{}, fmt.Errorf("both out (%s) and in (%s) are filled: a line is one or the other", clip(outText), clip(inText))
	case out.Minor != 0 || inText == "":
		return out, nil
	}
	return in, nil
}
