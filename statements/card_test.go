package statements

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCardIn: the card's last digits, and its scheme, as statements' texts
// write them; numbers that are no card are left alone.
func TestCardIn(t *testing.T) {
	for _, tt := range []struct{ text, brand, last4 string }{
		{"*7731 02.09 NOK 459.00 ALIEXPRESS.COM Kurs: 1.0000", "", "7731"},
		{"VISA 4242", "Visa", "4242"},
		{"Varekjøp VISA 4242 TEMU.COM", "Visa", "4242"},
		{"XXXX XXXX XXXX 7731", "", "7731"},
		{"xxxx-xxxx-xxxx-7731 ALIEXPRESS", "", "7731"},
		{"Visa ****4242", "Visa", "4242"},
		{"Mastercard **** **** **** 7731", "Mastercard", "7731"},
		{"AMEX 1005", "American Express", "1005"},
		{"Debit Mastercard: 7731", "Mastercard", "7731"},
		{"492500******7731", "", "7731"},
		{"4925 00** **** 7731 AMZN Mktp US", "", "7731"},
		{"xxxxxxxxxxxx4242", "", "4242"},
		{"Kjøp ••••4242 Blåbær", "", "4242"},
		{"Fax *7731", "", "7731"},
		{"订单 🙏 *4242 支付宝", "", "4242"},
		{"Blåbær VISA\u00a04242", "Visa", "4242"},
		{"visa 4242", "Visa", "4242"},
		// No card: a reference, an amount, a date, a word, a merchant's code.
		{"Visa 100023 Nok 276.48 AMZN Mktp US Kurs 1063.80", "", ""},
		{"AMZN Mktp US *RT4Y7 USD 25,99", "", ""},
		{"AMZN Mktp US*2K41", "", ""},
		{"PAYPAL *EBAY", "", ""},
		{"*7731AB", "", ""},
		{"*4242.50", "", ""},
		{"VISA 2026-09-03", "", ""},
		{"*12345", "", ""},
		{"Box 1234", "", ""},
		{"BOXXXX 1234", "", ""},
		{"ADVISA 4242", "", ""},
		{"VIſA 4242", "", ""},
		{"Ref 1234 5678", "", ""},
		{"REMA 1000 GRUNERLOKKA", "", ""},
		{"", "", ""},
		{"4242", "", ""},
		{"*", "", ""},
		{"\xff*4242", "", ""}, // glued to a byte that is no text
		{"\xff *4242", "", "4242"},
		{"Ref 1234 *7731", "", "7731"},
	} {
		brand, last4 := CardIn(tt.text)
		if brand != tt.brand || last4 != tt.last4 {
			t.Errorf("CardIn(%q) = %q, %q; want %q, %q", tt.text, brand, last4, tt.brand, tt.last4)
		}
	}
}

// FuzzCardIn: for any text, the card read is four ASCII digits found in
// it, and a scheme only with them.
func FuzzCardIn(f *testing.F) {
	for _, s := range []string{"", "*7731", "VISA 4242", "XXXX XXXX XXXX 7731", "Visa ****4242", "æøå ÆØÅ *4242",
		"订单 🙏 VISA 4242", "🙂🙂🙂", "\xff\xfe*4242", strings.Repeat("X", 1000) + "4242", strings.Repeat("*1234", 10000),
		strings.Repeat("VISA ", 1000) + "4242", strings.Repeat("9", 100000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		brand, last4 := CardIn(s)
		switch {
		case last4 == "" && brand != "":
			t.Fatalf("CardIn(%q): scheme %q without digits", s, brand)
		case last4 != "" && (len(last4) != 4 || strings.Trim(last4, "0123456789") != "" || !strings.Contains(s, last4)):
			t.Fatalf("CardIn(%q): %q", s, last4)
		case !utf8.ValidString(brand):
			t.Fatalf("CardIn(%q): scheme %q", s, brand)
		}
	})
}

// BenchmarkCardInHuge: a huge text of masks and digits is read in time
// linear in its length.
func BenchmarkCardInHuge(b *testing.B) {
	s := "A" + strings.Repeat("•1234", 200000) // no card: the mask is glued to a letter
	for b.Loop() {
		CardIn(s)
	}
}
