package money

import "testing"

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		for _, s := range []string{"49,90 NOK", "$12.30", "1 234,50 kr", "EUR 1.234,56", "¥1500"} {
			if _, err := Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
