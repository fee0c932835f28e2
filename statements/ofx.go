package statements

import (
	"bytes"
	"fmt"
	"strings"
)

// isOFX reports an OFX file: version 1 (SGML, a header of KEY:VALUE lines)
// or 2 (XML with an OFX processing instruction).
func isOFX(data []byte) bool {
	head := data[:min(len(data), 4096)]
	return bytes.Contains(head, []byte("OFXHEADER")) || bytes.Contains(bytes.ToUpper(head), []byte("<OFX>"))
}

// parseOFX reads the STMTTRN records of an OFX or QFX file (bank and
// credit card statements), with or without closing tags.
func parseOFX(data []byte) ([]Transaction, []RowError, error) {
	fields := ofxFields(string(data))
	var txs []Transaction
	var bad []RowError
	currency := ""
	var cur map[string]string
	orig := false // in an ORIGCURRENCY aggregate
	n := 0
	flush := func() {
		if cur == nil {
			return
		}
		n++
		t, err := ofxTransaction(cur, currency)
		if err != nil {
			bad = append(bad, RowError{Line: n, Err: fmt.Errorf("transaction %d: %w", n, err)})
		} else {
			t.Line = n
			txs = append(txs, t)
		}
		cur, orig = nil, false
	}
	for _, f := range fields {
		switch f.tag {
		case "CURDEF":
			currency = strings.ToUpper(f.value)
		case "STMTTRN":
			flush()
			cur = map[string]string{}
		case "/STMTTRN":
			flush()
		case "ORIGCURRENCY", "/ORIGCURRENCY":
			orig = f.tag == "ORIGCURRENCY"
		default:
			tag := f.tag
			if orig && tag == "CURSYM" {
				tag = "ORIGCURSYM" // the currency the amount was converted from
			}
			if cur != nil && f.value != "" {
				if _, seen := cur[tag]; !seen {
					cur[tag] = f.value
				}
			}
		}
	}
	flush()
	if n == 0 && currency == "" {
		return nil, nil, fmt.Errorf("%w: OFX without a statement", ErrFormat)
	}
	return txs, bad, nil
}

type ofxField struct{ tag, value string }

// ofxFields splits OFX into tags and the text after each, up to the next
// tag: "<TRNAMT>-459.00" in version 1, "<TRNAMT>-459.00</TRNAMT>" in 2.
func ofxFields(s string) []ofxField {
	var out []ofxField
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return out
		}
		s = s[i+1:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			return out
		}
		tag := strings.ToUpper(strings.TrimSpace(s[:j]))
		s = s[j+1:]
		k := strings.IndexByte(s, '<')
		if k < 0 {
			k = len(s)
		}
		out = append(out, ofxField{tag: tag, value: strings.TrimSpace(unescapeOFX(s[:k]))})
	}
}

func unescapeOFX(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}

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
