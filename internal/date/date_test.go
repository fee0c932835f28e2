package date

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	tests := []struct {
		in, want string
		day      bool
	}{
		{"2026-10-02", "2026-10-02", true},
		{"02.10.2026", "2026-10-02", true},
		{"2.10.2026", "2026-10-02", true},
		{" 2024-02-29 ", "2024-02-29", true},
		{"2026-10-02T14:30:00+02:00", "2026-10-02T12:30:00Z", false},
		{"2026-10-02T14:30:00Z", "2026-10-02T14:30:00Z", false},
		{"2026-10-02 14:30", "2026-10-02T12:30:00Z", false},
		{"02.10.2026 14:30", "2026-10-02T12:30:00Z", false},
		{"2026-01-15 08:00", "2026-01-15T07:00:00Z", false},
		{"02.10.2026 kl. 10:00", "2026-10-02T08:00:00Z", false},
		{"02.10.2026 kl 10:00", "2026-10-02T08:00:00Z", false},
		{"2.10.2026 kl. 10.00", "2026-10-02T08:00:00Z", false},
		{"02.10.2026 10:00", "2026-10-02T08:00:00Z", false},
		{"02.10.2026 10:00:30", "2026-10-02T08:00:30Z", false},
		{"2.10.26", "2026-10-02", true},
		{"02.10.26", "2026-10-02", true},
		{"2.10.26 10:00", "2026-10-02T08:00:00Z", false},
		{"29.2.24", "2024-02-29", true},
		{"2026-03-29 02:30", "2026-03-29T01:30:00Z", false}, // the hour that does not exist in Oslo: Go moves it on
		{"1. august 2026", "2026-08-01", true},
		{"1. aug. 2026", "2026-08-01", true},
		{"Aug 1, 2026", "2026-08-01", true},
		{"1 August 2026", "2026-08-01", true},
		{"August 1, 2026", "2026-08-01", true},
		{"31. desember 2026", "2026-12-31", true},
		{"29. februar 2028", "2028-02-29", true},
		{"3. okt. 2026", "2026-10-03", true},
		{"17. MAI 2026", "2026-05-17", true},
		{"Sept 9 2026", "2026-09-09", true},
		{"1.august 2026", "2026-08-01", true},
		{"  02. mars   2026 ", "2026-03-02", true},
	}
	for _, tt := range tests {
		v, err := Parse(tt.in, oslo)
		if err != nil || v.String() != tt.want || v.IsDay() != tt.day {
			t.Errorf("Parse(%q) = %q day=%v, %v; want %q day=%v", tt.in, v, v.IsDay(), err, tt.want, tt.day)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{
		"", " ", "2026-02-30", "2025-02-29", "31.04.2026", "2026-13-01", "10/02/2026", "yesterday",
		"2026-10-02T25:00:00Z", "1900-01-01", "9999-01-01", "２０２６-10-02", "2026-10-02\x00",
		"\xff\xfe", "2026‐10‐02", "🗓 2026-10-02", "../2026-10-02", strings.Repeat("2026-", 50),
		"2.10.69", "29.2.25", "02.10.2026 kl.", "02.10.2026 kl. 25:00", "kl. 10:00", "02.10.2026 klokka ti",
		"2.10", "10:00", "02.10.2026 10.00", "02/10/26", "æøå.10.26",
		"1/8/2026", "30. februar 2026", "29. februar 2027", "1. augustus 2026", "august 2026", "1. august 26", "1. august 1900",
		"32. mai 2026", "0. mai 2026", "1. mai 2026 kl. 10:00", "mai 1 2026 extra", "1. ２月 2026", "-1. mai 2026",
		"1. august 02026", "août 1, 2026", "1. august. 2026. 10", "mai mai 2026",
	} {
		if v, err := Parse(in, time.UTC); err == nil {
			t.Errorf("Parse(%q) = %v, want error", in, v)
		} else if !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q): %v does not wrap ErrSyntax", in, err)
		}
	}
}

func TestStoredRoundTrip(t *testing.T) {
	for _, v := range []Value{{}, Day(time.Date(2024, 2, 29, 23, 0, 0, 0, time.UTC)), Instant(time.Date(2026, 10, 2, 12, 30, 5, 999, time.UTC))} {
		back, err := Stored(v.String())
		if err != nil || back != v {
			t.Errorf("Stored(%q) = %v, %v; want %v", v.String(), back, err, v)
		}
		text, _ := v.MarshalText()
		var u Value
		if err := u.UnmarshalText(text); err != nil || u != v {
			t.Errorf("text round trip of %v: %v, %v", v, u, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-10-02", "02.10.2026", "2026-10-02T14:30:00+02:00", "2026-10-02 14:30", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s, time.UTC)
		if err != nil {
			return
		}
		back, err := Stored(v.String())
		if err != nil || back != v {
			t.Fatalf("Parse(%q) = %v; stored round trip gives %v, %v", s, v, back, err)
		}
	})
}
