package statements

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// BenchmarkParseCSV reads a 10,000-line statement as bench/statement.sh
// writes it: comma decimals, Norwegian text, named columns.
func BenchmarkParseCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Dato;Forklaring;Ut;Inn\n")
	for i := 1; i <= 10000; i++ {
		d := fmt.Sprintf("%02d.%02d.2026", 1+i%28, 1+i%12)
		if i%10 == 0 {
			fmt.Fprintf(&sb, "%s;Retur TEMU.COM %d;;%d,%02d\n", d, i, 100+i%900, i%100)
		} else {
			fmt.Fprintf(&sb, "%s;Varekjøp ALIEXPRESS.COM Luxembourg %d;%d,%02d;\n", d, i, 10+i%2000, i%100)
		}
	}
	data := []byte(sb.String())
	opts := Options{Columns: map[string]int{"date": 1, "text": 2, "out": 3, "in": 4}, Decimal: ',', DateFormat: "02.01.2006", Currency: "NOK"}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, txs, bad, err := Parse(data, opts)
		if err != nil || len(txs) != 10000 || len(bad) > 0 {
			b.Fatal(err, len(txs), bad)
		}
	}
}

// BenchmarkReaderCSV reads 200,000 distinct DNB rows as a stream and
// reports how far the heap grew: the counts of the keys, 16 bytes a row,
// and a row.
func BenchmarkReaderCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"` + "\n")
	for i := range 200_000 {
		fmt.Fprintf(&sb, "\"%02d.%02d.2026\";\"Varekjøp ALIEXPRESS.COM %d\";\"\";\"%d.%02d\";\"\"\n", 1+i%28, 1+i%12, i, 10+i%5000, i%100)
	}
	benchReader(b, sb.String(), 200_000)
}

// BenchmarkReaderCamt reads 100,000 camt.053 entries as a stream.
func BenchmarkReaderCamt(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0"?><Document><BkToCstmrStmt><Stmt><Acct><Ccy>NOK</Ccy></Acct>`)
	for i := range 100_000 {
		fmt.Fprintf(&sb, "<Ntry><Amt>%d.%02d</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-%02d-%02d</Dt></BookgDt></Ntry>\n", 10+i%5000, i%100, 1+i%12, 1+i%28)
	}
	sb.WriteString(`</Stmt></BkToCstmrStmt></Document>`)
	benchReader(b, sb.String(), 100_000)
}

func benchReader(b *testing.B, data string, lines int) {
	b.SetBytes(int64(len(data)))
	grew := uint64(0)
	for b.Loop() {
		r, err := NewReader(strings.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		base := heapBytes()
		n := 0
		for ; ; n++ {
			if _, err := r.Read(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			if n%10_000 == 0 {
				grew = max(grew, heapBytes()-min(base, heapBytes()))
			}
		}
		if n != lines {
			b.Fatalf("%d lines, want %d", n, lines)
		}
	}
	b.ReportMetric(float64(grew)/(1<<20), "heap-MB")
}
