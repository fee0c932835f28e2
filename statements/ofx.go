package statements

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// isOFX reports an OFX file: version 1 (SGML, a header of KEY:VALUE lines)
// or 2 (XML with an OFX processing instruction).
func isOFX(data []byte) bool {
	head := data[:min(len(data), 4096)]
	return bytes.Contains(head, []byte("OFXHEADER")) || bytes.Contains(bytes.ToUpper(head), []byte("<OFX>"))
}

// An ofxReader reads the STMTTRN records of an OFX or QFX file (bank and
// credit card statements), with or without closing tags, field by field.
type ofxReader struct {
	in       *bufio.Reader
	started  bool              // past the text before the first tag
	currency string            // CURDEF
	cur      map[string]string // the STMTTRN being read, nil between them
	orig     bool              // in its ORIGCURRENCY aggregate
	n        int               // STMTTRNs read
}

func newOFX(r io.Reader) func() (Transaction, error) {
	o := &ofxReader{in: bufio.NewReaderSize(r, 64<<10)}
	return o.next
}

func (o *ofxReader) next() (Transaction, error) {
	for {
		f, err := o.field()
		if err == io.EOF {
			if t, err, ok := o.flush(); ok {
				return t, err
			}
			if o.n == 0 && o.currency == "" {
				return Transaction{}, fmt.Errorf("%w: OFX without a statement", ErrFormat)
			}
			return Transaction{}, io.EOF
		}
		if err != nil {
			return Transaction{}, err
		}
		switch f.tag {
		case "CURDEF":
			o.currency = strings.ToUpper(f.value)
		case "STMTTRN":
			t, err, ok := o.flush()
			o.cur = map[string]string{}
			if ok {
				return t, err
			}
		case "/STMTTRN":
			if t, err, ok := o.flush(); ok {
				return t, err
			}
		case "ORIGCURRENCY", "/ORIGCURRENCY":
			o.orig = f.tag == "ORIGCURRENCY"
		default:
			tag := f.tag
			if o.orig && tag == "CURSYM" {
				tag = "ORIGCURSYM" // the currency the amount was converted from
			}
			if o.cur != nil && f.value != "" {
				if _, seen := o.cur[tag]; !seen {
					o.cur[tag] = f.value
				}
			}
		}
	}
}

// flush ends the STMTTRN being read: its transaction or its row error, and
// whether there was one.
func (o *ofxReader) flush() (Transaction, error, bool) {
	if o.cur == nil {
		return Transaction{}, nil, false
	}
	f := o.cur
	o.cur, o.orig = nil, false
	o.n++
	t, err := ofxTransaction(f, o.currency)
	if err != nil {
		return Transaction{}, RowError{Line: o.n, Err: fmt.Errorf("transaction %d: %w", o.n, err)}, true
	}
	t.Line = o.n
	return t, nil, true
}

type ofxField struct{ tag, value string }

// maxTag bounds what is kept of a tag's name: OFX's are short, so a longer
// one is no tag the reader knows, whatever its length.
const maxTag = 256

// field reads a tag and the text after it, up to the next tag:
// "<TRNAMT>-459.00" in version 1, "<TRNAMT>-459.00</TRNAMT>" in 2 (then
// "</TRNAMT>" is a field of its own, without text). A tag the file ends in
// is none.
func (o *ofxReader) field() (ofxField, error) {
	if !o.started {
		if err := o.skipTo('<'); err != nil {
			return ofxField{}, err
		}
		o.started = true
	}
	var tag []byte
	for {
		chunk, err := o.in.ReadSlice('>')
		if len(tag) < maxTag {
			tag = append(tag, chunk[:min(len(chunk), maxTag-len(tag))]...)
		}
		if err == nil {
			break
		}
		if err != bufio.ErrBufferFull {
			return ofxField{}, err // the tag is not closed: not a tag
		}
	}
	tag = bytes.TrimSuffix(tag, []byte(">"))
	value, err := o.in.ReadString('<')
	if err != nil && err != io.EOF {
		return ofxField{}, err
	}
	value = strings.TrimSuffix(value, "<")
	return ofxField{tag: strings.ToUpper(strings.TrimSpace(string(tag))), value: strings.TrimSpace(unescapeOFX(value))}, nil
}

// skipTo reads past the next c, holding none of what it skips.
func (o *ofxReader) skipTo(c byte) error {
	for {
		_, err := o.in.ReadSlice(c)
		if err != bufio.ErrBufferFull {
			return err
		}
	}
}

var ofxEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'")

func unescapeOFX(s string) string { return ofxEntities.Replace(s) }

func ofxTransaction(f map[string]string, currency string) (Transaction, error) {
	var t Transaction
	posted := f["DTPOSTED"]
	if len(posted) < 8 {
		return t, fmt.Errorf("DTPOSTED %q is no date", posted)
	}
	var err error
	if t.Booked, err = day(posted[:8], "20060102"); err != nil {
		return t, err
	}
	if u := f["DTUSER"]; len(u) >= 8 {
		t.Value, _ = day(u[:8], "20060102")
	}
	// A line's own CURRENCY says its amount is in that currency; an
	// ORIGCURRENCY says it was converted from that one into CURDEF.
	cur := strings.ToUpper(firstOf(f["CURSYM"], currency))
	if cur == "" {
		return t, fmt.Errorf("no currency (CURDEF)")
	}
	if t.Amount, err = signed(f["TRNAMT"], cur, '.'); err != nil {
		return t, err
	}
	t.Rate = f["CURRATE"] // the rate the bank converted at
	t.Text = joinText([]string{f["NAME"], f["PAYEE"], f["MEMO"]})
	t.BankRef = f["FITID"]
	return t, nil
}
