package statements

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"vault/internal/money"
)

// ColumnNames are the columns --columns may name.
var ColumnNames = []string{"date", "value", "text", "detail", "amount", "out", "in", "currency", "card", "ref"}

// A csvReader reads rows by the columns named in its options: a date, a
// text, and an amount (signed) or out and in (each unsigned, one of them
// filled). A first row whose date does not read as one is a header.
type csvReader struct {
	r    *csv.Reader
	opts Options
	row  int
}

// newCSV reads the CSV text gives, from its start; the separator is the
// options' or the one the first line with text has most of.
func newCSV(text func() (io.Reader, error), opts Options) (func() (Transaction, error), error) {
	comma := opts.Comma
	if comma == 0 {
		in, err := text()
		if err != nil {
			return nil, err
		}
		if comma, err = separator(in); err != nil {
			return nil, err
		}
	}
	in, err := text()
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(in)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	c := &csvReader{r: r, opts: opts}
	return c.next, nil
}

func (c *csvReader) next() (Transaction, error) {
	for {
		c.row++
		rec, err := c.r.Read()
		if errors.Is(err, io.EOF) {
			return Transaction{}, io.EOF
		}
		var syntax *csv.ParseError
		if err != nil && !errors.As(err, &syntax) {
			return Transaction{}, err // the file, not a row
		}
		line, _ := c.r.FieldPos(0)
		if err != nil {
			return Transaction{}, RowError{Line: line, Err: err}
		}
		if c.row <= c.opts.after || blank(rec) || c.opts.skip != nil && c.opts.skip(rec) {
			continue
		}
		t, err := csvTransaction(rec, c.opts)
		if err != nil {
			if c.row == 1 && c.opts.after == 0 && isHeader(rec, c.opts) {
				continue
			}
			return Transaction{}, RowError{Line: line, Err: err}
		}
		t.Line = line
		return t, nil
	}
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

// separator is the one of ; , and tab that the first line with text has
// most of (the first of them on a tie), read from r rune by rune.
func separator(r io.Reader) (rune, error) {
	in := bufio.NewReader(r)
	seps := []rune{';', ',', '\t'}
	var count [3]int
	filled := false
	best := func() rune {
		c, n := seps[0], -1
		for i, k := range count {
			if k > n {
				c, n = seps[i], k
			}
		}
		return c
	}
	for {
		c, _, err := in.ReadRune()
		if err == io.EOF && !filled {
			return seps[0], nil
		}
		if err == io.EOF || err == nil && c == '\n' && filled {
			return best(), nil
		}
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			count = [3]int{}
		case ';':
			count[0]++
		case ',':
			count[1]++
		case '\t':
			count[2]++
		}
		filled = filled || !unicode.IsSpace(c)
	}
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
