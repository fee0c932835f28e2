package statements

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// repeated is a file made as it is read: head, then body n times, then
// tail. A test reads a big statement through it without holding it.
type repeated struct {
	head, body, tail string
	n                int64
}

func (r repeated) size() int64 {
	return int64(len(r.head)) + r.n*int64(len(r.body)) + int64(len(r.tail))
}

func (r repeated) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		at := off + int64(n)
		switch body := at - int64(len(r.head)); {
		case at >= r.size():
			return n, io.EOF
		case body < 0:
			n += copy(p[n:], r.head[at:])
		case body < r.n*int64(len(r.body)):
			n += copy(p[n:], r.body[body%int64(len(r.body)):])
		default:
			n += copy(p[n:], r.tail[body-r.n*int64(len(r.body)):])
		}
	}
	return n, nil
}

func (r repeated) reader() io.ReadSeeker { return io.NewSectionReader(r, 0, r.size()) }

// heapBytes is the heap's live and not yet collected objects.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestReaderBounded: a statement is read in memory bounded by a line, not
// by the file: a million empty camt.053 entries (7 MB; the 63 MB file of
// #31, item 3, took 12 GB read whole), 100,000 entries and 300,000 CSV
// rows. Not with -short.
func TestReaderBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 35 MB of statements")
	}
	camtHead := `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Ccy>NOK</Ccy></Acct>`
	for _, tc := range []struct {
		name      string
		file      repeated
		txs, bad  int
		heapLimit uint64
	}{
		{"empty entries", repeated{camtHead, "<Ntry/>", "</Stmt></BkToCstmrStmt></Document>", 1_000_000}, 0, 1_000_000, 32 << 20},
		{"camt entries", repeated{camtHead, `<Ntry><Amt>459.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-09-03</Dt></BookgDt></Ntry>`,
			"</Stmt></BkToCstmrStmt></Document>", 100_000}, 100_000, 0, 32 << 20},
		// Equal rows: one kind, counted (a file of distinct rows keeps 16
		// bytes a row for the counts: BenchmarkReaderCSV).
		{"DNB rows", repeated{`"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"` + "\n",
			`"03.09.2026";"Varekjøp ALIEXPRESS.COM";"";"459.00";""` + "\n", "", 300_000}, 300_000, 0, 48 << 20},
	} {
		start := time.Now()
		r, err := NewReader(tc.file.reader(), Options{})
		if err != nil {
			t.Fatal(tc.name, err)
		}
		base, most := heapBytes(), uint64(0)
		txs, bad := 0, 0
		for i := 0; ; i++ {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			var row RowError
			switch {
			case errors.As(err, &row):
				bad++
			case err != nil:
				t.Fatal(tc.name, err)
			default:
				txs++
			}
			if i%20_000 == 0 {
				most = max(most, heapBytes()-min(base, heapBytes()))
			}
		}
		t.Logf("%s: %v, heap grew by %d KB at most", tc.name, time.Since(start), most>>10)
		if txs != tc.txs || bad != tc.bad || most > tc.heapLimit {
			t.Errorf("%s (%d MB): %d lines, %d unreadable, heap grew by %d MB at most; want %d, %d, under %d MB",
				tc.name, tc.file.size()>>20, txs, bad, most>>20, tc.txs, tc.bad, tc.heapLimit>>20)
		}
	}
}

// TestReaderBreaksOff: XML that breaks off is read up to the break, which
// is the file's error, said with its line; the reader stays at it.
func TestReaderBreaksOff(t *testing.T) {
	data := read(t, "camt053.xml")
	cut := bytes.Index(data, []byte("<Amt Ccy=\"NOK\">199.00"))
	r, err := NewReader(bytes.NewReader(data[:cut]), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		tx, err := r.Read()
		if err != nil {
			if err == io.EOF || !strings.HasPrefix(err.Error(), "camt: line 42: ") {
				t.Errorf("the break: %v", err)
			}
			if _, again := r.Read(); again != err {
				t.Errorf("read after the break: %v", again)
			}
			break
		}
		got = append(got, summary(tx))
	}
	if len(got) != 3 {
		t.Errorf("before the break: %q", got)
	}
	if _, _, _, err := Parse(data[:cut], Options{}); err == nil {
		t.Error("Parse of a document that breaks off: no error")
	}
}

// TestReaderAfterRoot: what follows the document's root element is not
// read, as decoding the document whole did not read it.
func TestReaderAfterRoot(t *testing.T) {
	data := append(read(t, "camt053.xml"), "<junk><Ntry/>"...)
	if _, txs, bad, err := Parse(data, Options{}); err != nil || len(txs) != 4 || len(bad) != 0 {
		t.Errorf("%d lines, %v, %v", len(txs), bad, err)
	}
}

// wholeCamt reads a camt document as the vault read it before it read
// statements as a stream (decoded whole, #31 item 3): the oracle of
// FuzzCamtStream.
func wholeCamt(data []byte) ([]string, error) {
	var doc struct {
		Statements []struct {
			Currency string      `xml:"Acct>Ccy"`
			Entries  []camtEntry `xml:"Ntry"`
		} `xml:"BkToCstmrStmt>Stmt"`
		Reports []struct {
			Currency string      `xml:"Acct>Ccy"`
			Entries  []camtEntry `xml:"Ntry"`
		} `xml:"BkToCstmrAcctRpt>Rpt"`
	}
	dec := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if len(doc.Statements)+len(doc.Reports) == 0 {
		return nil, ErrFormat
	}
	var out []string
	n := 0
	read := func(currency string, entries []camtEntry) {
		for _, e := range entries {
			n++
			status := strings.ToUpper(strings.TrimSpace(e.Status.Text + e.Status.Code))
			if status == "PDNG" || status == "INFO" {
				continue
			}
			t, err := camtTransaction(e, currency)
			if err != nil {
				out = append(out, fmt.Sprintf("%d: unreadable", n))
				continue
			}
			if t.Card == "" {
				_, t.Card = CardIn(t.Text)
			}
			out = append(out, fmt.Sprintf("%d: %s %s", n, summary(t), t.BankRef))
		}
	}
	for _, s := range doc.Statements {
		read(s.Currency, s.Entries)
	}
	for _, s := range doc.Reports {
		read(s.Currency, s.Entries)
	}
	return out, nil
}

// FuzzCamtStream: the camt reader reads what decoding the document whole
// read, line for line; a document that fails whole fails as a stream.
func FuzzCamtStream(f *testing.F) {
	for _, seed := range camtSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if isOFX(data) || !bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), []byte("<")) {
			return
		}
		want, wantErr := wholeCamt(data)
		r, err := NewReader(bytes.NewReader(data), Options{})
		var got []string
		for err == nil {
			var tx Transaction
			tx, err = r.Read()
			var row RowError
			switch {
			case errors.As(err, &row):
				got, err = append(got, fmt.Sprintf("%d: unreadable", row.Line)), nil
			case err == nil:
				if tx.Key == "" {
					t.Fatalf("no key: %+v", tx)
				}
				got = append(got, fmt.Sprintf("%d: %s %s", tx.Line, summary(tx), tx.BankRef))
			}
		}
		if err == io.EOF {
			err = nil
		}
		if (wantErr != nil) != (err != nil) {
			t.Fatalf("whole: %v; as a stream: %v", wantErr, err)
		}
		if d := cmp.Diff(want, got); wantErr == nil && d != "" {
			t.Fatalf("lines (-whole +stream):\n%s", d)
		}
	})
}

// camtSeeds are camt documents for the fuzz tests: the sample, nothing,
// the sample cut short, entries with nasty texts, many empty entries, a
// huge text, a report (camt.052).
func camtSeeds(t testing.TB) [][]byte {
	sample := read(t, "camt053.xml")
	head := `<?xml version="1.0"?><Document><BkToCstmrStmt><Stmt><Acct><Ccy>NOK</Ccy></Acct>`
	tail := `</Stmt></BkToCstmrStmt></Document>`
	entry := func(text string) string {
		var esc strings.Builder
		xml.EscapeText(&esc, []byte(text))
		return `<Ntry><Amt>12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-09-03</Dt></BookgDt><AddtlNtryInf>` + esc.String() + `</AddtlNtryInf></Ntry>`
	}
	seeds := [][]byte{sample, nil, []byte(" "), sample[:len(sample)/2], sample[:len(sample)-20],
		[]byte(head + strings.Repeat("<Ntry/>", 1000) + tail),
		[]byte(strings.Replace(string(sample), "BkToCstmrStmt>", "BkToCstmrAcctRpt>", 2)),
		[]byte(strings.ReplaceAll(strings.ReplaceAll(string(sample), "<Stmt>", "<Rpt>"), "</Stmt>", "</Rpt>")),
	}
	var nasty strings.Builder
	for _, text := range nastyTexts {
		nasty.WriteString(entry(text))
	}
	seeds = append(seeds, []byte(head+nasty.String()+tail), []byte(head+entry(strings.Repeat("订单 🙏 Blåbær ", 20000))+tail))
	return seeds
}

// ofxSeeds are OFX files for the fuzz test: the sample, nothing, the
// sample cut short, lines with nasty names, many lines, a tag never closed.
func ofxSeeds(t testing.TB) [][]byte {
	sample := read(t, "bank.ofx")
	head := "OFXHEADER:100\n\n<OFX><CURDEF>NOK\n"
	line := func(i int, name string) string {
		return fmt.Sprintf("<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260903<TRNAMT>-%d.00<FITID>F%d<NAME>%s</STMTTRN>\n", i+1, i, name)
	}
	var nasty, many strings.Builder
	for i, text := range nastyTexts {
		nasty.WriteString(line(i, strings.ReplaceAll(text, "<", "&lt;")))
	}
	for i := range 2000 {
		many.WriteString(line(i, "TEMU.COM"))
	}
	return [][]byte{sample, nil, []byte("OFXHEADER"), sample[:len(sample)/2], sample[:len(sample)-3],
		[]byte(head + nasty.String()), []byte(head + many.String()), []byte(head + "<STMTTRN" + strings.Repeat("X", 100000))}
}
