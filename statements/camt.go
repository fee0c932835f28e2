package statements

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"vault/internal/money"
)

// A camt.053 (BkToCstmrStmt/Stmt) or camt.052 (BkToCstmrAcctRpt/Rpt) is
// read element by element, by name in any version's namespace (ISO 20022,
// camt.053.001.02 to .12): a statement's account currency (Acct>Ccy), then
// each entry (Ntry) decoded alone.
type camtReader struct {
	dec      *xml.Decoder
	depth    int    // of the element the decoder is in: the document's root is 1
	doc      string // BkToCstmrStmt or BkToCstmrAcctRpt, when in one
	inStmt   bool   // in a Stmt or Rpt of it
	found    bool   // a Stmt or Rpt seen
	currency string // the statement's account currency
	n        int    // entries read
}

type camtAccount struct {
	Currency string `xml:"Ccy"`
}

type camtAmount struct {
	Value    string `xml:",chardata"`
	Currency string `xml:"Ccy,attr"`
}

type camtEntry struct {
	Amount    camtAmount `xml:"Amt"`
	Direction string     `xml:"CdtDbtInd"`
	Status    camtStatus `xml:"Sts"`
	Booked    camtDate   `xml:"BookgDt"`
	ValueDate camtDate   `xml:"ValDt"`
	Ref       string     `xml:"AcctSvcrRef"`
	Info      string     `xml:"AddtlNtryInf"`
	Details   []camtTx   `xml:"NtryDtls>TxDtls"`
}

// camtStatus is BOOK, PDNG or INFO: the element's text (versions up to
// .08) or its Cd (later ones).
type camtStatus struct {
	Text string `xml:",chardata"`
	Code string `xml:"Cd"`
}

type camtDate struct {
	Date     string `xml:"Dt"`
	DateTime string `xml:"DtTm"`
}

type camtTx struct {
	Ref      string     `xml:"Refs>AcctSvcrRef"`
	Original camtAmount `xml:"AmtDtls>InstdAmt>Amt"`
	Rate     string     `xml:"AmtDtls>InstdAmt>CcyXchg>XchgRate"`
	Creditor string     `xml:"RltdPties>Cdtr>Nm"`     // who was paid (camt.053.001.02-.07)
	Creditr2 string     `xml:"RltdPties>Cdtr>Pty>Nm"` // (.08 and later)
	Debtor   string     `xml:"RltdPties>Dbtr>Nm"`     // who paid: a refund's merchant
	Debtor2  string     `xml:"RltdPties>Dbtr>Pty>Nm"`
	Text     []string   `xml:"RmtInf>Ustrd"`
	PAN      string     `xml:"CardTx>Card>PlainCardData>PAN"`
	Info     string     `xml:"AddtlTxInf"`
}

// newCamt reads the booked entries of every statement or report in a
// camt document; pending ones (Sts PDNG, INFO) are not yet transactions.
// The document ends with its root element: what follows is not read.
func newCamt(r io.Reader) func() (Transaction, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	c := &camtReader{dec: dec}
	return c.next
}

func (c *camtReader) next() (Transaction, error) {
	for {
		tok, err := c.dec.Token()
		if err == io.EOF {
			return c.end()
		}
		if err != nil {
			return Transaction{}, camtError(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			c.depth++
			name := el.Name.Local
			switch {
			case c.depth == 2:
				c.doc = name
			case c.depth == 3:
				c.inStmt = c.doc == "BkToCstmrStmt" && name == "Stmt" || c.doc == "BkToCstmrAcctRpt" && name == "Rpt"
				if c.inStmt {
					c.found, c.currency = true, ""
				}
			case c.depth == 4 && c.inStmt && name == "Acct":
				acct := camtAccount{Currency: c.currency}
				err := c.dec.DecodeElement(&acct, &el)
				c.depth--
				if err != nil {
					return Transaction{}, camtError(err)
				}
				c.currency = acct.Currency
			case c.depth == 4 && c.inStmt && name == "Ntry":
				var e camtEntry
				err := c.dec.DecodeElement(&e, &el)
				c.depth--
				if err != nil {
					return Transaction{}, camtError(err)
				}
				c.n++
				status := strings.ToUpper(strings.TrimSpace(e.Status.Text + e.Status.Code))
				if status == "PDNG" || status == "INFO" {
					continue
				}
				t, err := camtTransaction(e, c.currency)
				if err != nil {
					return Transaction{}, RowError{Line: c.n, Err: fmt.Errorf("entry %d: %w", c.n, err)}
				}
				t.Line = c.n
				return t, nil
			}
		case xml.EndElement:
			c.depth--
			switch c.depth {
			case 0:
				return c.end()
			case 1:
				c.doc = ""
			case 2:
				c.inStmt = false
			}
		}
	}
}

// end is the end of the document: EOF, or the error of XML that holds no
// statement.
func (c *camtReader) end() (Transaction, error) {
	if !c.found {
		return Transaction{}, fmt.Errorf("%w: XML without BkToCstmrStmt or BkToCstmrAcctRpt", ErrFormat)
	}
	return Transaction{}, io.EOF
}

// camtError is XML that cannot be read on, with its line.
func camtError(err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("camt: line %d: %s", syn.Line, syn.Msg)
	}
	return fmt.Errorf("camt: %w", err)
}

func camtTransaction(e camtEntry, accountCurrency string) (Transaction, error) {
	var t Transaction
	cur := strings.TrimSpace(e.Amount.Currency)
	if cur == "" {
		cur = accountCurrency
	}
	amount, err := money.Parse(strings.TrimSpace(e.Amount.Value) + " " + cur)
	if err != nil {
		return t, err
	}
	switch strings.TrimSpace(e.Direction) {
	case "DBIT":
		amount.Minor = -amount.Minor
	case "CRDT":
	default:
		return t, fmt.Errorf("CdtDbtInd %q is neither CRDT nor DBIT", e.Direction)
	}
	t.Amount = amount
	booked := firstOf(e.Booked.Date, e.Booked.DateTime)
	if t.Booked, err = day(booked, ""); err != nil {
		return t, err
	}
	if v := firstOf(e.ValueDate.Date, e.ValueDate.DateTime); v != "" {
		t.Value, _ = day(v, "")
	}
	t.BankRef = strings.TrimSpace(e.Ref)
	var texts []string
	if len(e.Details) > 0 {
		d := e.Details[0]
		t.BankRef = firstOf(t.BankRef, d.Ref)
		party := firstOf(d.Creditor, d.Creditr2)
		if amount.Minor > 0 {
			party = firstOf(d.Debtor, d.Debtor2, party)
		}
		texts = append(texts, party)
		texts = append(texts, d.Text...)
		texts = append(texts, d.Info)
		if d.Original.Value != "" && d.Original.Currency != "" && d.Original.Currency != amount.Currency {
			if t.Original, err = money.Parse(strings.TrimSpace(d.Original.Value) + " " + d.Original.Currency); err != nil {
				return t, fmt.Errorf("original amount: %w", err)
			}
			t.Rate = strings.TrimSpace(d.Rate)
		}
		t.Card = LastDigits(d.PAN)
	}
	texts = append(texts, e.Info)
	t.Text = joinText(texts)
	return t, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// joinText joins the distinct non-empty texts with " / ".
func joinText(ss []string) string {
	var out []string
	for _, s := range ss {
		s = squeeze(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, " / ")
}

// LastDigits are the last four digits of a (masked) card number.
func LastDigits(pan string) string {
	var digits []rune
	for _, r := range pan {
		if r >= '0' && r <= '9' {
			digits = append(digits, r)
		}
	}
	if len(digits) < 4 {
		return ""
	}
	return string(digits[len(digits)-4:])
}
