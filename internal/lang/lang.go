// Package lang formats dates and amounts for the languages vault writes:
// English and Norwegian bokmål.
package lang

import (
	"fmt"
	"strings"
	"time"

	"vault/internal/date"
	"vault/internal/money"
)

// Lang is a language of the dossier and the letters.
type Lang string

// The languages vault writes.
const (
	EN Lang = "en"
	NB Lang = "nb"
)

// Parse reads "en" or "nb" ("no" is taken as bokmål).
func Parse(s string) (Lang, error) {
	switch s {
	case "en", "":
		return EN, nil
	case "nb", "no":
		return NB, nil
	}
	return "", fmt.Errorf("language %q: want en or nb", s)
}

// Day writes a calendar day: 2026-10-02 in English, 02.10.2026 in bokmål.
func (l Lang) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l == NB {
		return t.Format("02.01.2006")
	}
	return t.Format("2006-01-02")
}

// Date writes a recorded date: the day, and for an instant its time in loc.
func (l Lang) Date(v date.Value, loc *time.Location) string {
	switch {
	case v.IsZero():
		return ""
	case v.IsDay():
		return l.Day(v.Time())
	case l == NB && loc.String() == "Europe/Oslo":
		return v.Time().In(loc).Format("02.01.2006 kl. 15:04") // Norwegian time needs no zone
	case l == NB:
		return v.Time().In(loc).Format("02.01.2006 kl. 15:04 MST")
	}
	return v.Format(loc)
}

// Money writes an amount: "1234.50 NOK" in English (vault's canonical form),
// "1 234,50 kr" in bokmål (other currencies keep their code).
func (l Lang) Money(m money.Money) string {
	if m.IsZero() || l != NB {
		return m.String()
	}
	unit := m.Currency
	if unit == "NOK" {
		unit = "kr"
	}
	return money.FormatNumber(m, ',', "\u00a0") + "\u00a0" + unit
}

// Upper is s with its first letter upper-case: "chargeback" -> "Chargeback".
func Upper(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

// Dict holds the bokmål of vault's fixed texts, keyed by their English.
type Dict map[string]string

// In is s in language l: its bokmål when l is bokmål and it has one.
func (d Dict) In(l Lang, s string) string {
	if nb, ok := d[s]; ok && l == NB {
		return nb
	}
	return s
}

// Verbs lists the format verbs of s in order ("%s%d"): a translation of a
// format must have the same.
func Verbs(s string) string {
	var b strings.Builder
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			b.WriteString(s[i : i+2])
			i++
		}
	}
	return b.String()
}

// Cut writes s on one line of at most n runes, ending in "…" when it was
// cut: for table cells and titles.
func Cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
