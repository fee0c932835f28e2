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
	for _, s := range []string{"49,90 NOK", "$12.30", "1 234,50 kr", "1.234,50 EUR", "12.345 USD", "", "¥1500", "49,-"} {
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
		back, err := Parse(m.String())
		if err != nil || back != m {
			t.Fatalf("round trip of %q: %v -> %q -> %v, %v", s, m, m.String(), back, err)
		}
	})
}
