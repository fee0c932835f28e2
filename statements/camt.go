package statements

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strings"

	"vault/internal/money"
)

// The parts of camt.053 (BkToCstmrStmt/Stmt) and camt.052
// (BkToCstmrAcctRpt/Rpt) a transaction needs, by element name in any
// version's namespace (ISO 20022, camt.053.001.02 to .12).
type camtDoc struct {
	Statements []camtStmt `xml:"BkToCstmrStmt>Stmt"`
	Reports    []camtStmt `xml:"BkToCstmrAcctRpt>Rpt"`
}

type camtStmt struct {
	Currency string      `xml:"Acct>Ccy"`
	Entries  []camtEntry `xml:"Ntry"`
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

// parseCamt reads the booked entries of every statement or report in a
// camt document; pending ones (Sts PDNG, INFO) are not yet transactions.
func parseCamt(data []byte) ([]Transaction, []RowError, error) {
	var doc camtDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		var syn *xml.SyntaxError
		if errors.As(err, &syn) {
			return nil, nil, fmt.Errorf("camt: line %d: %s", syn.Line, syn.Msg)
		}
		return nil, nil, fmt.Errorf("camt: %w", err)
	}
	stmts := append(doc.Statements, doc.Reports...)
	if len(stmts) == 0 {
		return nil, nil, fmt.Errorf("%w: XML without BkToCstmrStmt or BkToCstmrAcctRpt", ErrFormat)
	}
	var txs []Transaction
	var bad []RowError
	n := 0
	for _, s := range stmts {
		for _, e := range s.Entries {
			n++
			status := strings.ToUpper(strings.TrimSpace(e.Status.Text + e.Status.Code))
			if status == "PDNG" || status == "INFO" {
				continue
			}
			t, err := camtTransaction(e, s.Currency)
			if err != nil {
				bad = append(bad, RowError{Line: n, Err: fmt.Errorf("entry %d: %w", n, err)})
				continue
			}
			t.Line = n
			txs = append(txs, t)
		}
	}
	return txs, bad, nil
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
