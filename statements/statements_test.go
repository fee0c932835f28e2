package statements

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// summary is a transaction as a test states it.
func summary(tx Transaction) string {
	s := tx.Booked.String() + " " + tx.Amount.String()
	if tx.Amount.Minor < 0 {
		s = tx.Booked.String() + " -" + strings.TrimPrefix(tx.Amount.String(), "-")
	}
	if !tx.Original.IsZero() {
		s += " (" + tx.Original.String() + " at " + tx.Rate + ")"
	}
	if tx.Card != "" {
		s += " card " + tx.Card
	}
	return s + " | " + tx.Text
}

func TestCamt053(t *testing.T) {
	format, txs, bad, err := Parse(read(t, "camt053.xml"), Options{})
	if err != nil || format != "camt" || len(bad) != 0 {
		t.Fatalf("%s, %v, %v", format, bad, err)
	}
	var got []string
	for _, tx := range txs {
		got = append(got, summary(tx))
	}
	want := []string{
		"2026-09-03 -459.00 NOK card 4242 | ALIEXPRESS.COM / Varekjøp ALIEXPRESS.COM Luxembourg",
		"2026-09-07 -276.48 NOK (25.99 USD at 10.638) | AMZN Mktp US",
		"2026-09-28 459.00 NOK | Retur ALIEXPRESS.COM Blåbær",
		"2026-09-29 199.00 NOK | TEMU.COM / Refund PO-211-1", // a credit names who paid it: the debtor
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("transactions (-want +got):\n%s", d)
	}
	if txs[0].Key != "ref:NO26090300012" || !strings.HasPrefix(txs[2].Key, "h:") {
		t.Errorf("keys %q %q", txs[0].Key, txs[2].Key)
	}
}

func TestCSVColumns(t *testing.T) {
	opts := Options{Columns: map[string]int{"date": 1, "text": 2, "value": 3, "out": 4, "in": 5}, Decimal: ',', DateFormat: "02.01.2006", Currency: "NOK"}
	_, txs, bad, err := Parse(read(t, "generic.csv"), opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tx := range txs {
		got = append(got, summary(tx))
	}
	want := []string{
		"2026-09-03 -459.00 NOK | Varekjøp ALIEXPRESS.COM Luxembourg",
		"2026-09-07 -1276.48 NOK | AMZN Mktp US *RT4Y7 USD 25,99 Kurs 10,6380",
		"2026-09-28 199.00 NOK | Retur TEMU.COM Blåbær",
		"2026-09-29 -42.00 NOK | Kaffe",
		"2026-09-29 -42.00 NOK | Kaffe",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("transactions (-want +got):\n%s", d)
	}
	if len(bad) != 1 || bad[0].Line != 7 || !strings.Contains(bad[0].Error(), "31.13.2026") {
		t.Errorf("bad rows: %v", bad)
	}
	if txs[3].Key == txs[4].Key {
		t.Error("two equal coffees on one day got one key")
	}
	_, again, _, _ := Parse(read(t, "generic.csv"), opts)
	for i := range txs {
		if txs[i].Key != again[i].Key {
			t.Errorf("row %d: keys differ between two reads", i)
		}
	}
}

func TestNasty(t *testing.T) {
	opts := Options{Columns: map[string]int{"date": 1, "text": 2, "amount": 3}, Currency: "NOK"}
	for _, tt := range []struct {
		name, data string
		opts       Options
		wantErr    bool
		txs, bad   int
	}{
		{"empty", "", Options{}, true, 0, 0},
		{"not a statement", "hello", Options{}, true, 0, 0},
		{"xml, not camt", "<html><body/></html>", Options{}, true, 0, 0},
		{"truncated camt", string(read(t, "camt053.xml")[:900]), Options{}, true, 0, 0},
		{"billion laughs", `<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Document><BkToCstmrStmt><Stmt><Ntry>&b;</Ntry></Stmt></BkToCstmrStmt></Document>`, Options{}, true, 0, 0},
		{"latin-1 csv", "2026-09-03;Bl\xe5b\xe6r;-12,50\n", opts, false, 1, 0},
		{"emoji and CJK", "2026-09-03;订单 🙏;-12.50\n", opts, false, 1, 0},
		{"huge amount", "2026-09-03;x;-99999999999999999999\n", opts, false, 0, 1},
		{"bad quotes", "2026-09-03;\"x;-1\n2026-09-04;y;-2\n", opts, false, 0, 1},
		{"bom and CRLF", "\xef\xbb\xbfdate;text;amount\r\n2026-09-03;x;-1,00\r\n", opts, false, 1, 0},
		{"unknown column", "x", Options{Columns: map[string]int{"date": 1, "text": 2, "amount": 3, "evil": 4}}, true, 0, 0},
		{"DNB header only", `"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"` + "\r\n", Options{}, false, 0, 0},
		{"Nordea truncated row", "Bokføringsdato;Beløp;Avsender;Mottaker;Navn;Tittel;Valuta\n2026/09/10;-45", Options{}, false, 0, 1},
		{"SpareBank 1 emoji and CJK", "Dato;Beskrivelse;Rentedato;Inn;Ut;Til konto;Fra konto;\n\"03.09.2026\";\"订单 🙏 Blåbær\";;;\"-1,00\";;;\n", Options{}, false, 1, 0},
		{"PayPal header only", `"Date","Name","Type","Status","Currency","Gross","Transaction ID"`, Options{}, false, 0, 0},
		{"no currency", "2026-09-03;x;-1\n2026-09-04;x;-1\n", Options{Columns: opts.Columns}, false, 0, 2},
	} {
		_, txs, bad, err := Parse([]byte(tt.data), tt.opts)
		if (err != nil) != tt.wantErr || len(txs) != tt.txs || len(bad) != tt.bad {
			t.Errorf("%s: %d transactions, %d bad, err %v", tt.name, len(txs), len(bad), err)
		}
	}
}

func FuzzCamt(f *testing.F) {
	for _, seed := range camtSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, txs, _, err := Parse(data, Options{})
		if err == nil {
			for _, tx := range txs {
				if tx.Booked.IsZero() || tx.Amount.Currency == "" || tx.Key == "" {
					t.Fatalf("%+v", tx)
				}
			}
		}
	})
}

func FuzzCSV(f *testing.F) {
	generic := read(f, "generic.csv")
	f.Add(generic)
	f.Add([]byte{})
	f.Add(generic[:len(generic)/2])
	f.Add([]byte(strings.Repeat("03.09.2026;Kaffe;42,00;\n", 5000)))
	f.Add([]byte("03.09.2026;\"" + strings.Repeat("never closed ", 10000)))
	for _, text := range nastyTexts {
		f.Add([]byte("03.09.2026;" + text + ";;459,00;\n"))
		f.Add([]byte("03.09.2026;" + text + ";;459,00;459,00\n"))
	}
	opts := Options{Columns: map[string]int{"date": 1, "text": 2, "out": 4, "in": 5}, Decimal: ',', Currency: "NOK"}
	f.Fuzz(func(t *testing.T, data []byte) {
		format, txs, _, err := Parse(data, opts)
		if err != nil && format == "csv" { // a CSV never fails whole: its rows do
			t.Fatal(err)
		}
		for _, tx := range txs {
			if tx.Booked.IsZero() || tx.Key == "" || !cardDigits(tx.Card) {
				t.Fatalf("%+v", tx)
			}
		}
	})
}

// nastyTexts are statement texts for the fuzz tests' seeds: empty, huge,
// emoji, CJK, Norwegian letters, masked cards among them.
var nastyTexts = []string{"", " ", "*7731 02.09 NOK 459.00 ALIEXPRESS.COM", "VISA 4242", "Visa ****4242 Blåbær æøå ÆØÅ",
	"XXXX XXXX XXXX 7731", "订单 🙏 *4242 支付宝", "🙂🙂🙂 VISA 🙂 4242", "\u202e*4242", strings.Repeat("æøå *1234 ", 5000),
	strings.Repeat("X", 100000) + "4242", strings.Repeat("订单", 30000)}

// cardDigits: a line's card is none or four ASCII digits.
func cardDigits(card string) bool {
	return card == "" || len(card) == 4 && strings.Trim(card, "0123456789") == ""
}

// TestCardFromText: a line whose file has no card column gets the card its
// text names, and keeps the key it had before cards were read from texts.
func TestCardFromText(t *testing.T) {
	data := "Dato;Forklaring;Ut;Inn\n" +
		"03.09.2026;*7731 02.09 NOK 459.00 ALIEXPRESS.COM Kurs: 1.0000;459,00;\n" +
		"04.09.2026;VISA 4242 TEMU.COM;99,00;\n" +
		"05.09.2026;Visa ****4242 Blåbær 订单 🙏;12,00;\n" +
		"06.09.2026;Visa 100023 Nok 276.48 AMZN Mktp US Kurs 1063.80;276,48;\n"
	opts := Options{Columns: map[string]int{"date": 1, "text": 2, "out": 3, "in": 4}, Decimal: ',', DateFormat: "02.01.2006", Currency: "NOK"}
	_, txs, bad, err := Parse([]byte(data), opts)
	if err != nil || len(bad) > 0 || len(txs) != 4 {
		t.Fatalf("%v %v %v", txs, bad, err)
	}
	var got []string
	for _, tx := range txs {
		got = append(got, tx.Card)
	}
	if d := cmp.Diff([]string{"7731", "4242", "4242", ""}, got); d != "" {
		t.Errorf("cards (-want +got):\n%s", d)
	}
	before := slices.Clone(txs)
	for i := range before {
		before[i].Card = ""
	}
	keyed(before)
	for i := range txs {
		if txs[i].Key != before[i].Key {
			t.Errorf("line %d: key %s, want %s as before", i+1, txs[i].Key, before[i].Key)
		}
	}
}

func TestOFX(t *testing.T) {
	format, txs, bad, err := Parse(read(t, "bank.ofx"), Options{})
	if err != nil || format != "ofx" {
		t.Fatalf("%s %v", format, err)
	}
	var got []string
	for _, tx := range txs {
		got = append(got, summary(tx))
	}
	want := []string{
		"2026-09-03 -459.00 NOK | ALIEXPRESS.COM / Varekjop & frakt",
		"2026-09-07 -276.48 NOK | AMZN Mktp US",
		"2026-09-28 199.00 NOK | TEMU.COM",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("transactions (-want +got):\n%s", d)
	}
	if len(bad) != 1 || !strings.Contains(bad[0].Error(), "transaction 4") || txs[0].Key != "ref:OFX-1" {
		t.Errorf("bad %v, key %q", bad, txs[0].Key)
	}
}

func FuzzOFX(f *testing.F) {
	for _, seed := range ofxSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, txs, _, _ := Parse(data, Options{})
		for _, tx := range txs {
			if tx.Booked.IsZero() || tx.Amount.Currency == "" || tx.Key == "" {
				t.Fatalf("%+v", tx)
			}
		}
	})
}

// TestBankExports: each bank's own export is known by its header, read
// with its separator, decimal mark, date form and encoding; pending rows,
// balance lines, PayPal's memo rows and its conversions within PayPal are
// not transactions.
func TestBankExports(t *testing.T) {
	for _, c := range []struct {
		file, format string
		want         []string
	}{
		{"dnb.csv", "csv: DNB", []string{
			"2026-09-03 -459.00 NOK | Varekjøp ALIEXPRESS.COM Luxembourg Dato 02.09 kl. 21.14",
			"2026-09-05 -276.48 NOK | Visa 100023 Nok 276.48 AMZN Mktp US Kurs 1063.80",
			"2026-09-28 199.00 NOK | Retur Blåbær-kjøp TEMU.COM"}},
		{"nordea.csv", "csv: Nordea", []string{
			"2026-09-12 -1234.50 NOK | ELKJØP NETTBUTIKK",
			"2026-09-10 -459.00 NOK | ALIEXPRESS.COM",
			"2026-09-09 150.00 NOK | Vipps Blåbær"}},
		{"sparebank1.csv", "csv: SpareBank 1", []string{
			"2026-09-03 -459.00 NOK | ALIEXPRESS.COM",
			"2026-09-05 100.00 NOK | Vipps Mottakelse Blåbær",
			"2026-09-06 -1099.90 NOK | TEMU.COM DUBLIN"}},
		{"sbanken.csv", "csv: Sbanken", []string{
			"2026-09-03 -459.00 NOK | 02.09 ALIEXPRESS.COM",
			"2026-09-28 199.00 NOK | Retur TEMU.COM Blåbær"}},
		{"sbanken2.csv", "csv: Sbanken", []string{
			"2026-09-03 -459.00 NOK | 02.09 ALIEXPRESS.COM",
			"2026-09-28 199.00 NOK | Retur TEMU.COM Blåbær"}},
		{"paypal.csv", "csv: PayPal", []string{
			"2026-09-14 -45.00 USD | eBay Inc. / USB-C hub, 7 ports",
			"2026-10-02 -1250.00 NOK | Blåbær Design AS",
			"2026-10-05 45.00 USD | eBay Inc."}},
		{"paypal_de.csv", "csv: PayPal", []string{
			"2026-09-14 -1045.00 EUR | eBay Inc."}},
	} {
		format, txs, bad, err := Parse(read(t, c.file), Options{})
		if err != nil || len(bad) > 0 {
			t.Errorf("%s: %v %v", c.file, bad, err)
			continue
		}
		var got []string
		for _, tx := range txs {
			got = append(got, summary(tx))
		}
		if format != c.format {
			t.Errorf("%s: format %q, want %q", c.file, format, c.format)
		}
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", c.file, d)
		}
	}
}

// TestPayPalDateOrder: PayPal writes d/m/y or m/d/y by country; the file
// decides, and a file where every date reads both ways is refused with
// what to give.
func TestPayPalDateOrder(t *testing.T) {
	head := `"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID","Balance Impact"` + "\n"
	us := head + `"09/14/2026","10:00:00","PDT","eBay Inc.","Express Checkout Payment","Completed","USD","-45.00","0.00","-45.00","A1","Debit"` + "\n"
	_, txs, _, err := Parse([]byte(us), Options{})
	if err != nil || len(txs) != 1 || txs[0].Booked.String() != "2026-09-14" {
		t.Errorf("month first: %v %v", txs, err)
	}
	both := head + `"09/10/2026","10:00:00","PDT","eBay Inc.","Express Checkout Payment","Completed","USD","-45.00","0.00","-45.00","A1","Debit"` + "\n"
	if _, _, _, err := Parse([]byte(both), Options{}); err == nil || !strings.Contains(err.Error(), "--date-format") {
		t.Errorf("ambiguous dates: %v", err)
	}
	_, txs, _, err = Parse([]byte(both), Options{DateFormat: "2/1/2006"})
	if err != nil || len(txs) != 1 || txs[0].Booked.String() != "2026-10-09" {
		t.Errorf("ambiguous dates with --date-format: %v %v", txs, err)
	}
}

// FuzzBankCSV: no input panics the banks' header detection, and what it
// reads is whole transactions.
func FuzzBankCSV(f *testing.F) {
	for _, name := range []string{"dnb.csv", "nordea.csv", "sparebank1.csv", "sbanken.csv", "sbanken2.csv", "paypal.csv", "paypal_de.csv"} {
		data := read(f, name)
		f.Add(data)
		f.Add(data[:len(data)*2/3])
	}
	f.Add([]byte{})
	f.Add([]byte("\xef\xbb\xbf"))
	for _, text := range nastyTexts {
		f.Add([]byte(`"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"` + "\n" + `"03.09.2026";"` + text + `";"03.09.2026";459.00;""` + "\n"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, txs, _, _ := Parse(data, Options{})
		for _, tx := range txs {
			if tx.Booked.IsZero() || tx.Amount.Currency == "" || tx.Key == "" || !cardDigits(tx.Card) {
				t.Fatalf("%+v", tx)
			}
		}
	})
}

// FuzzSqueeze: squeeze is strings.Fields joined by one space, for any text.
func FuzzSqueeze(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a ", " a", "a  b", "a\tb", "Varekjøp ALIEXPRESS.COM", "æ\u00a0ø", "支付宝 ", "a\u3000b",
		"x\xff y", "\u0085", "🙂 🙂", strings.Repeat("ab ", 1000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squeeze(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("squeeze(%q) = %q; want %q", s, got, want)
		}
	})
}

// TestSignedMarks: a value that shows the other decimal mark than its
// layout says is read by its own mark, never as a hundred times itself
// (DNB's layout has points; a file with "459,00" read 45900.00 NOK).
func TestSignedMarks(t *testing.T) {
	for _, tt := range []struct {
		in      string
		decimal rune
		want    int64 // minor units; 0 for an error
	}{
		{"459.00", '.', 45900}, {"459,00", '.', 45900}, {"-459,00", '.', -45900},
		{"1,276.48", '.', 127648}, {"1.276,48", '.', 127648}, {"1,234,567.00", '.', 123456700},
		{"459,00", ',', 45900}, {"459.00", ',', 45900}, {"1.276,48", ',', 127648}, {"1,276.48", ',', 127648},
		{"1 276,48", ',', 127648}, {"1,276", '.', 127600}, {"1.276", ',', 127600},
		{"42", '.', 4200}, {"(12,30)", '.', -1230}, {"12,30-", '.', -1230},
		{"1,2345", '.', 0}, {"4,59,00", '.', 0}, {"", '.', 0}, {"12,3,4", ',', 0},
		{"--5", '.', 0}, {"−-5", '.', 0}, {"-5-", '.', 0}, {"+-5", '.', 0}, {"-(5)", '.', 0}, {"(-5)", '.', 0}, {"- 5", '.', -500}, {"−5", '.', -500},
	} {
		m, err := signed(tt.in, "NOK", tt.decimal)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("%q with %q: %v, want an error", tt.in, tt.decimal, m)
			}
			continue
		}
		if err != nil || m.Minor != tt.want {
			t.Errorf("%q with %q: %v %v, want %d", tt.in, tt.decimal, m, err, tt.want)
		}
	}
}

// TestCamtNotBooked: an entry whose status is PDNG or INFO (camt.053's
// notice of a coming entry) is no transaction, in either form of Sts:
// its text (.02 to .08) or its Cd (later versions), in any case (#31,
// item 9).
func TestCamtNotBooked(t *testing.T) {
	entry := func(sts string) string {
		return `<Ntry><Amt Ccy="NOK">99.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>` + sts +
			`<BookgDt><Dt>2026-09-30</Dt></BookgDt><AddtlNtryInf>TEMU.COM</AddtlNtryInf></Ntry>`
	}
	doc := `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>` +
		`<Acct><Ccy>NOK</Ccy></Acct>` + entry(`<Sts>BOOK</Sts>`) + entry(`<Sts>INFO</Sts>`) + entry(`<Sts> info </Sts>`) +
		entry(`<Sts><Cd>INFO</Cd></Sts>`) + entry(`<Sts>PDNG</Sts>`) + entry(`<Sts><Cd>PDNG</Cd></Sts>`) + entry(`<Sts><Cd>BOOK</Cd></Sts>`) +
		`</Stmt></BkToCstmrStmt></Document>`
	_, txs, bad, err := Parse([]byte(doc), Options{})
	if err != nil || len(bad) > 0 {
		t.Fatal(bad, err)
	}
	var lines []int
	for _, tx := range txs {
		lines = append(lines, tx.Line)
	}
	if d := cmp.Diff([]int{1, 7}, lines); d != "" {
		t.Errorf("booked entries (-want +got):\n%s", d)
	}
}

// TestOFXCurrency: a line's own currency (its CURRENCY aggregate's CURSYM)
// is its amount's, not the statement's CURDEF; a line converted from
// another currency (ORIGCURRENCY) is in CURDEF, at the bank's rate (#31,
// item 9).
func TestOFXCurrency(t *testing.T) {
	for _, sgml := range []bool{true, false} {
		end := func(tag string) string {
			if sgml {
				return ""
			}
			return "</" + tag + ">"
		}
		stmttrn := func(id, amount, inner string) string {
			return "<STMTTRN><TRNTYPE>DEBIT" + end("TRNTYPE") + "<DTPOSTED>20260907" + end("DTPOSTED") + "<TRNAMT>" + amount + end("TRNAMT") +
				"<FITID>" + id + end("FITID") + "<NAME>AMZN Mktp US" + end("NAME") + inner + "</STMTTRN>\n"
		}
		data := "OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD" + end("CURDEF") + "\n<BANKTRANLIST>\n" +
			stmttrn("1", "-276.48", "<CURRENCY><CURRATE>0.094"+end("CURRATE")+"<CURSYM>NOK"+end("CURSYM")+"</CURRENCY>") +
			stmttrn("2", "-25.99", "<ORIGCURRENCY><CURRATE>10.638"+end("CURRATE")+"<CURSYM>NOK"+end("CURSYM")+"</ORIGCURRENCY>") +
			stmttrn("3", "-1.00", "") +
			"</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"
		_, txs, bad, err := Parse([]byte(data), Options{})
		if err != nil || len(bad) > 0 {
			t.Fatal(bad, err)
		}
		var got []string
		for _, tx := range txs {
			got = append(got, tx.Amount.String()+" at "+tx.Rate)
		}
		want := []string{"-276.48 NOK at 0.094", "-25.99 USD at 10.638", "-1.00 USD at "}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("sgml %v (-want +got):\n%s", sgml, d)
		}
	}
}

// TestCSVOutAndIn: a row with both an out and an in amount is no line
// the reader can guess: it is unreadable, saying which row and why; a 0
// in the column not used is the empty one (#31, item 7).
func TestCSVOutAndIn(t *testing.T) {
	data := "Dato;Forklaring;Ut;Inn\n" +
		"03.09.2026;Narvesen;5,00;5,00\n" +
		"04.09.2026;Retur TEMU.COM;0,00;199,00\n" +
		"05.09.2026;Kaffe;42,00;0,00\n" +
		"06.09.2026;Null;0,00;0,00\n"
	opts := Options{Columns: map[string]int{"date": 1, "text": 2, "out": 3, "in": 4}, Decimal: ',', DateFormat: "02.01.2006", Currency: "NOK"}
	_, txs, bad, err := Parse([]byte(data), opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tx := range txs {
		got = append(got, summary(tx))
	}
	want := []string{"2026-09-04 199.00 NOK | Retur TEMU.COM", "2026-09-05 -42.00 NOK | Kaffe", "2026-09-06 0.00 NOK | Null"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("transactions (-want +got):\n%s", d)
	}
	if len(bad) != 1 || bad[0].Line != 2 || !strings.Contains(bad[0].Error(), "both") {
		t.Errorf("bad rows: %v", bad)
	}
}

// TestLongValueQuoted: a row's reason quotes its value by its start, not a
// megabyte of it.
func TestLongValueQuoted(t *testing.T) {
	opts := Options{Columns: map[string]int{"date": 1, "text": 2, "out": 3, "in": 4}, Currency: "NOK"}
	huge := strings.Repeat("9", 1<<20)
	for _, row := range []string{huge + ";x;1;\n", "03.09.2026;x;" + huge + ";" + huge + "\n", "03.09.2026;x;" + strings.Repeat("æ", 50) + "1;" + "2\n"} {
		_, _, bad, err := Parse([]byte("Dato;Tekst;Ut;Inn\n"+row), opts)
		if err != nil || len(bad) != 1 || len(bad[0].Error()) > 300 {
			t.Errorf("%.60s...: %d bad, %.300v, %v", row, len(bad), bad, err)
		}
	}
}
