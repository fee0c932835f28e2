package lang

import (
	"testing"
	"time"

	"vault/internal/date"
	"vault/internal/money"
)

func TestFormat(t *testing.T) {
	m := money.Money{Minor: 123450, Currency: "NOK"}
	if got := NB.Money(m); got != "1\u00a0234,50\u00a0kr" {
		t.Errorf("nb money %q", got)
	}
	if got := EN.Money(m); got != "1234.50 NOK" {
		t.Errorf("en money %q", got)
	}
	if got := NB.Money(money.Money{Minor: 5, Currency: "EUR"}); got != "0,05\u00a0EUR" {
		t.Errorf("nb EUR %q", got)
	}
	if got := NB.Money(money.Money{Minor: 1500, Currency: "JPY"}); got != "1\u00a0500\u00a0JPY" {
		t.Errorf("nb JPY %q", got)
	}
	d, _ := date.Parse("2026-10-02", time.UTC)
	if NB.Date(d, time.UTC) != "02.10.2026" || EN.Date(d, time.UTC) != "2026-10-02" {
		t.Errorf("day: %q %q", NB.Date(d, time.UTC), EN.Date(d, time.UTC))
	}
	i, _ := date.Parse("2026-10-02T12:30:00Z", time.UTC)
	oslo, _ := time.LoadLocation("Europe/Oslo")
	if got := NB.Date(i, oslo); got != "02.10.2026 kl. 14:30" {
		t.Errorf("nb instant %q", got)
	}
	if got := NB.Date(i, time.UTC); got != "02.10.2026 kl. 12:30 UTC" {
		t.Errorf("nb instant outside Norwegian time: %q, want the zone named", got)
	}
	for _, s := range []string{"", "en", "nb", "no"} {
		if _, err := Parse(s); err != nil {
			t.Error(err)
		}
	}
	for _, s := range []string{"de", "NB", "nn", "æøå"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestVerbs(t *testing.T) {
	for in, want := range map[string]string{"": "", "%s order %s": "%s%s", "%d (%.0f %% of orders)": "%d%.%%", "100%": "", "æøå %v": "%v"} {
		if got := Verbs(in); got != want {
			t.Errorf("Verbs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDict(t *testing.T) {
	d := Dict{"Orders": "Ordrer"}
	if d.In(NB, "Orders") != "Ordrer" || d.In(EN, "Orders") != "Orders" || d.In(NB, "Total") != "Total" {
		t.Errorf("%q %q %q", d.In(NB, "Orders"), d.In(EN, "Orders"), d.In(NB, "Total"))
	}
}

func TestUpper(t *testing.T) {
	for in, want := range map[string]string{"": "", "chargeback": "Chargeback", "ørepropper": "Ørepropper", "æ": "Æ", "1 order": "1 order", "tvist": "Tvist"} {
		if got := Upper(in); got != want {
			t.Errorf("Upper(%q) = %q, want %q", in, got, want)
		}
	}
}
