// Package statements reads bank and card statements into transactions:
// ISO 20022 camt.053 and camt.052 (encoding/xml), OFX/QFX (versions 1 and
// 2), the CSV exports of Norwegian banks and PayPal known by their headers
// (banks.go, paypal.go; docs/statements.md has the sources), and any CSV
// whose columns are named (--columns). A file is read as a stream, a line
// at a time (Reader); a row that cannot be read is reported with its line
// and the rest are read.
package statements

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

// Transaction is a statement line: vault.Transaction, as read.
type Transaction = vault.Transaction

// RowError is a line that could not be read.
type RowError struct {
	Line int
	Err  error
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Options read a CSV that is not self-describing.
type Options struct {
	Columns    map[string]int // date, text, amount, out, in, currency, card, ref (1-based)
	Decimal    rune           // ',' or '.'; 0: either (the last separator)
	DateFormat string         // Go layout, e.g. 02.01.2006; "": common ones
	Currency   string         // the account's currency when the file has none
	Comma      rune           // the field separator; 0: detected (; , or tab)
	// For a bank's own export (see banks.go): the header's row, and the
	// rows that are no transaction.
	after int
	skip  func(rec []string) bool
}

// ErrFormat is a file in none of the formats read.
var ErrFormat = errors.New("not a statement this vault reads (camt.053/camt.052 XML, OFX/QFX, the CSV of DNB, Nordea, SpareBank 1, Sbanken or PayPal, or another CSV with --columns)")

// maxSize bounds a statement file.
const maxSize = 64 << 20

// Parse reads a statement held in memory: its format's name, the
// transactions, and the rows that could not be read (see Reader).
func Parse(data []byte, opts Options) (string, []Transaction, []RowError, error) {
	if len(data) > maxSize {
		return "", nil, nil, fmt.Errorf("larger than %d MB", maxSize>>20)
	}
	format, next, err := open(bytes.NewReader(data), opts)
	if err != nil {
		return format, nil, nil, err
	}
	r := &Reader{format: format, next: next}
	var txs []Transaction
	var bad []RowError
	for {
		t, err := r.Read()
		var row RowError
		switch {
		case err == io.EOF:
			return format, txs, bad, nil
		case errors.As(err, &row):
			bad = append(bad, row)
		case err != nil:
			return format, nil, nil, err
		default:
			txs = append(txs, t)
		}
	}
}

// spaces are the thousands separators an amount may have.
var spaces = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "")

// squeeze is s with its runs of white space made one space, trimmed, as
// strings.Fields and Join make it; without their copies when s is so already.
func squeeze(s string) string {
	prev := true // a space at the start would be leading
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (prev || r != ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = space
	}
	if prev && s != "" {
		return s[:len(s)-1]
	}
	return s
}

// signed reads an amount with an optional sign ("-349,00", "349.00-",
// "(12.30)") in a currency, with decimal as the decimal separator (0:
// whichever comes last).
func signed(s, currency string, decimal rune) (money.Money, error) {
	s = strings.TrimSpace(s)
	value := s
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "−"):
		neg, s = true, strings.TrimPrefix(s, "−")
	case strings.HasSuffix(s, "-"):
		neg, s = true, strings.TrimSuffix(s, "-")
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		neg, s = true, s[1:len(s)-1]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	// One sign: "--5" is no -5.00 (money.Parse refuses it too, but the
	// sign is taken off here first).
	if t := strings.TrimSpace(s); strings.ContainsAny(firstLast(t), "-−+()") {
		return money.Money{}, fmt.Errorf("amount %q has more than one sign", clip(value))
	}
	s = spaces.Replace(s) // 1 234,50
	if (decimal == ',' || decimal == '.') && !grouped(s, decimal) {
		decimal = 0 // "459,00" in a layout of points: the mark the value itself shows, not 45900
	}
	switch decimal {
	case ',':
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	case '.':
		s = strings.ReplaceAll(s, ",", "")
	}
	m, err := money.Parse(strings.TrimSpace(s) + " " + currency)
	if err != nil {
		return money.Money{}, err
	}
	if neg {
		m.Minor = -m.Minor
	}
	return m, nil
}

// firstLast is the first and the last rune of s.
func firstLast(s string) string {
	if s == "" {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return string([]rune{first, last})
}

// grouped reports whether the separator that is not the decimal mark is
// a thousands separator in s: each followed by three digits, then the next
// one, the decimal mark or the end ("1,276.48" with a decimal point; not
// "459,00", where the comma is a decimal comma).
func grouped(s string, decimal rune) bool {
	sep := ","
	if decimal == ',' {
		sep = "."
	}
	parts := strings.Split(s, sep)
	for _, p := range parts[1:] {
		if len(p) < 3 || strings.Trim(p[:3], "0123456789") != "" || len(p) > 3 && p[3] >= '0' && p[3] <= '9' {
			return false
		}
	}
	return true
}

// layouts are the date forms banks write when no --date-format is given.
var layouts = []string{"2006-01-02", "02.01.2006", "2006/01/02", "02/01/2006", "2.1.2006", "20060102", "2006-01-02T15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00"}

// day reads a date (a day; a time's day).
func day(s, layout string) (date.Value, error) {
	s = strings.TrimSpace(s)
	try := layouts
	if layout != "" {
		try = []string{layout}
	}
	for _, l := range try {
		if t, err := time.Parse(l, s); err == nil && t.Year() >= 1970 && t.Year() <= 2200 {
			return date.Day(t), nil
		}
	}
	return date.Value{}, fmt.Errorf("date %q not understood", clip(s))
}

// clip is a file's value short enough to quote in a message: a field of
// megabytes is said by its start.
func clip(s string) string {
	const most = 40
	n := 0
	for i := range s {
		if n == most {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
