package money

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"49,90 NOK", Money{4990, "NOK"}},
		{"49.90 NOK", Money{4990, "NOK"}},
		{"NOK 49,90", Money{4990, "NOK"}},
		{"1 234,50 kr", Money{123450, "NOK"}},
		{"1\u00a0234,50\u00a0kr", Money{123450, "NOK"}},
		{"1\u202f234,50 kr", Money{123450, "NOK"}},
		{"$12.30", Money{1230, "USD"}},
		{"12.30 USD", Money{1230, "USD"}},
		{"12.30 usd", Money{1230, "USD"}},
		{"€5", Money{500, "EUR"}},
		{"49,9 NOK", Money{4990, "NOK"}},
		{"49,- ", Money{4900, "NOK"}},
		{"1,234.50 USD", Money{123450, "USD"}},
		{"1.234,50 EUR", Money{123450, "EUR"}},
		{"1.234.567,89 EUR", Money{123456789, "EUR"}},
		{"1,234,567 USD", Money{123456700, "USD"}},
		{"1'234.50 CHF", Money{123450, "CHF"}},
		{"1,234 JPY", Money{1234, "JPY"}},
		{"¥1500", Money{1500, "JPY"}},
		{"CN¥ 88.20", Money{8820, "CNY"}},
		{"12.345 KWD", Money{12345, "KWD"}},
		{"0 NOK", Money{0, "NOK"}},
		{"  7 zł ", Money{700, "PLN"}},
		{"9999999999999,99 NOK", Money{999999999999999, "NOK"}},
		{"10000000000000 NOK", Money{maxMinor, "NOK"}},
		{"1 234 567,89 NOK", Money{123456789, "NOK"}},
		{"12 345.67 USD", Money{1234567, "USD"}},
		{"1'234'567 CHF", Money{123456700, "CHF"}},
		{"1 234 JPY", Money{1234, "JPY"}},
		{"NOK 1 234", Money{123400, "NOK"}},
		{"1 234,-", Money{123400, "NOK"}},
		{"12,30 元", Money{1230, "CNY"}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{
		"", "   ", "NOK", "49,90", "12.345 USD", "1,234 USD", "1.5 JPY", "-5 NOK", "−5 NOK",
		"5 NKO", "5 💶", "NOK 5 NOK", "1,2,3 USD", "1.234.5 EUR", "12..30 USD", "1,23,456.00 USD",
		"12a30 NOK", "99999999999999999999 NOK", "1e5 USD", "\xff\xfe5 NOK", "5 元元",
		strings.Repeat("9", 200) + " NOK", "１２ NOK", "五 CNY", "æøå NOK", "../5 NOK",
		// #31, items 7 and 9: two signs, one over the limit, misplaced groups.
		"--5 NOK", "--5", "−−5 NOK", "-−5 NOK", "+5 NOK", "++5 NOK", "NOK -5", "NOK --5", "5- NOK", "5 -NOK",
		"10000000000000.01 NOK", "10000000000001 NOK", "9223372036854775807 NOK", "92233720368547758.08 NOK",
		"1.2345,00 EUR", "1,2345.00 USD", "1 2345,00 NOK", "12 34 NOK", "1 23,50 NOK", "1234 567 NOK",
		"1  234 NOK", "1 234 ,50 NOK", "49, 90 NOK", "1,5 234 NOK", "1.23 4,00 EUR", "1'2345.00 CHF",
		"1 234.567,89 EUR", "5 😀 NOK", "😀5 NOK", "5 NOK 😀", "５ NOK", "NOK 五百", "1 234 五 NOK", "å5 NOK", "5 øre",
	} {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want error", in, got)
		} else if !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) error %v does not wrap ErrSyntax", in, err)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{Money{4990, "NOK"}, "49.90 NOK"},
		{Money{5, "NOK"}, "0.05 NOK"},
		{Money{1500, "JPY"}, "1500 JPY"},
		{Money{12345, "KWD"}, "12.345 KWD"},
		{Money{}, ""},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.m, got, tt.want)
		}
	}
	if got := FormatNumber(Money{123450, "NOK"}, ',', " "); got != "1 234,50" {
		t.Errorf("FormatNumber nb = %q", got)
	}
	if got := FormatNumber(Money{123456789, "USD"}, '.', ","); got != "1,234,567.89" {
		t.Errorf("FormatNumber en = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"49,90 NOK", "$12.30", "1 234,50 kr", "1.234,50 EUR", "12.345 USD", "", "¥1500", "49,-",
		"--5 NOK", "+5 NOK", "NOK -5", "10000000000000.01 NOK", "9999999999999,99 NOK", strings.Repeat("9", 99) + " NOK",
		"1.2345,00 EUR", "1 2345,00 NOK", "1 234 567,89 NOK", "1'234.50 CHF", "5 😀", "😀 5 NOK", "１２ NOK", "五 CNY",
		"12,30 元", "æøå 5 NOK", "5 NOK æøå", "1\u00a0234,50\u202fkr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Parse(s)
		if err != nil {
			return
		}
		if m.Minor < 0 || m.Minor > maxMinor {
			t.Fatalf("Parse(%q) = %v: out of range", s, m)
		}
		if strings.ContainsAny(s, "-−+") && !strings.Contains(s, ",-") {
			t.Fatalf("Parse(%q) = %v: a sign was read past", s, m)
		}
		back, err := Parse(m.String())
		if err != nil || back != m {
			t.Fatalf("round trip of %q: %v -> %q -> %v, %v", s, m, m.String(), back, err)
		}
	})
}

// TestParseSaysWhy: a refused sign or group is named, so that "--5" reads
// as what it is, not as a currency nobody wrote (#31, item 7).
func TestParseSaysWhy(t *testing.T) {
	for in, want := range map[string]string{
		"--5 NOK":               `more than one sign ("--")`,
		"−−5 NOK":               `more than one sign ("−−")`,
		"NOK --5":               `more than one sign ("--")`,
		"-5 NOK":                "negative amounts are not accepted",
		"NOK -5":                "negative amounts are not accepted",
		"+5 NOK":                "write the amount without a sign",
		"5- NOK":                "a sign after the number",
		"10000000000000.01 NOK": "too large",
		"1.2345,00 EUR":         `misplaced '.'`,
		"1 2345,00 NOK":         `misplaced ' '`,
		"1\u00a02345 NOK":       `misplaced '\u00a0'`,
	} {
		_, err := Parse(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error %v; want it to say %q", in, err, want)
		}
	}
}
