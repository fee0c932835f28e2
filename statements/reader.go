package statements

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/fnv"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A Reader reads a statement line by line: what it holds at once is one
// line (a camt.053 entry, an OFX STMTTRN, a CSV row) and a count per
// distinct line for the keys, never the file. A 63 MB file of 9.4
// million empty entries read whole took 12 GB.
type Reader struct {
	format string
	next   func() (Transaction, error)
	keys   keyer
	err    error // the file's own error, or io.EOF, once met
}

// NewReader finds the format of the statement r holds from its start and
// returns a Reader of its lines. It reads r more than once (a CSV's
// encoding and PayPal's date order are decided from the whole file), so r
// must be at the file's start; it is left anywhere.
func NewReader(r io.ReadSeeker, opts Options) (*Reader, error) {
	format, next, err := open(r, opts)
	if err != nil {
		return nil, err
	}
	return &Reader{format: format, next: next}, nil
}

// Format names the statement's format: camt, ofx, csv, or "csv: " and
// the bank whose export it is.
func (r *Reader) Format() string { return r.format }

// Read returns the next line. A line that cannot be read is a RowError
// (the lines after it are read on); io.EOF ends the file; any other error
// is the file's (XML that breaks off, a disk that fails) and ends it.
func (r *Reader) Read() (Transaction, error) {
	if r.err != nil {
		return Transaction{}, r.err
	}
	t, err := r.next()
	if err != nil {
		if _, row := err.(RowError); !row {
			r.err = err
		}
		return Transaction{}, err
	}
	r.keys.key(&t)
	// After the key: a line recorded before its card was read from its
	// text keeps its key, so importing its file again adds nothing.
	if t.Card == "" {
		_, t.Card = CardIn(t.Text)
	}
	return t, nil
}

// open detects the format and returns its name and its reader of lines.
func open(r io.ReadSeeker, opts Options) (string, func() (Transaction, error), error) {
	start, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return "", nil, err
	}
	head := make([]byte, 4096)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", nil, err
	}
	head = head[:n]
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		head, start = head[3:], start+3
	}
	from := func() (io.Reader, error) {
		_, err := r.Seek(start, io.SeekStart)
		return bufio.NewReaderSize(r, 64<<10), err
	}
	if isOFX(head) {
		in, err := from()
		return "ofx", newOFX(in), err
	}
	in, err := from()
	if err != nil {
		return "", nil, err
	}
	if c, err := firstNonSpace(in); err != nil {
		return "", nil, err
	} else if c == '<' {
		in, err := from()
		return "camt", newCamt(in), err
	}
	// A CSV that is not UTF-8 is read as Windows-1252 (Latin-1 with the
	// euro sign): Norwegian banks' older exports are.
	in, err = from()
	if err != nil {
		return "", nil, err
	}
	utf8Valid, err := validUTF8(in)
	if err != nil {
		return "", nil, err
	}
	text := func() (io.Reader, error) {
		in, err := from()
		if !utf8Valid {
			in = charmap.Windows1252.NewDecoder().Reader(in)
		}
		return in, err
	}
	if opts.Columns != nil {
		if err := checkColumns(opts.Columns); err != nil {
			return "csv", nil, err
		}
		next, err := newCSV(text, opts)
		return "csv", next, err
	}
	name, known, err := detectBank(text, opts.DateFormat)
	if name == "" && err == nil {
		return "", nil, ErrFormat
	}
	format := "csv: " + name
	if err != nil {
		return format, nil, err
	}
	known.DateFormat = cmp.Or(opts.DateFormat, known.DateFormat)
	known.Currency = cmp.Or(opts.Currency, known.Currency)
	next, err := newCSV(text, known)
	return format, next, err
}

// firstNonSpace is the first rune of r that is not white space; 0 for
// none. (An invalid byte is no space.)
func firstNonSpace(r io.Reader) (rune, error) {
	br := bufio.NewReader(r)
	for {
		c, _, err := br.ReadRune()
		if err == io.EOF {
			return 0, nil
		}
		if err != nil || !unicode.IsSpace(c) {
			return c, err
		}
	}
}

// validUTF8 reports whether all of r is UTF-8, reading it in pieces.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	kept := 0 // the bytes of a rune the last piece cut in two
	for {
		n, err := r.Read(buf[kept:])
		n += kept
		if err == io.EOF {
			return utf8.Valid(buf[:n]), nil
		}
		if err != nil {
			return false, err
		}
		whole := n
		for i := n - 1; i >= 0 && i >= n-utf8.UTFMax; i-- {
			if utf8.RuneStart(buf[i]) {
				if !utf8.FullRune(buf[i:n]) {
					whole = i
				}
				break
			}
		}
		if !utf8.Valid(buf[:whole]) {
			return false, nil
		}
		kept = copy(buf, buf[whole:n])
	}
}

// A keyer gives each line its key: the bank's id when it has one, else its
// date, amount, text and card with the count of identical ones before it
// in the file (two equal coffees on one day are two). The counts are kept
// by a 64-bit hash of what keys a line, not the text itself: 16 bytes a
// distinct line. Two different lines whose hashes collide (odds about one
// in 10^7 in a file of a million lines) count as one kind; the second is
// then keyed as the next of its kind, which is as stable from read to read.
type keyer struct {
	seen map[uint64]uint32
}

func (k *keyer) key(t *Transaction) {
	if t.BankRef != "" {
		t.Key = "ref:" + t.BankRef
		return
	}
	if k.seen == nil {
		k.seen = map[uint64]uint32{}
	}
	base := t.Booked.String() + "|" + strconv.FormatInt(t.Amount.Minor, 10) + "|" + t.Amount.Currency + "|" + squeeze(t.Text) + "|" + t.Card
	h := fnv.New64a()
	h.Write([]byte(base))
	kind := h.Sum64()
	n := k.seen[kind]
	k.seen[kind]++
	sum := sha256.Sum256([]byte(base + "|" + strconv.Itoa(int(n))))
	t.Key = "h:" + hex.EncodeToString(sum[:16])
}

// keyed keys the transactions of one file, in its order.
func keyed(txs []Transaction) {
	var k keyer
	for i := range txs {
		k.key(&txs[i])
	}
}
