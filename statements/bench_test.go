package statements

import (
	"fmt"
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
