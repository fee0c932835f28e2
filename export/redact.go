package export

import (
	"regexp"
	"slices"
	"strings"
)

// cardLike finds runs of 13 to 19 digits, optionally grouped by single
// spaces or dashes, as card numbers are written.
var cardLike = regexp.MustCompile(`\b\d(?:[ -]?\d){12,18}\b`)

// RedactCards masks card numbers in printed text to their last four digits
// ("4111 1111 1111 1111" -> "•••• •••• •••• 1111"), keeping the grouping. A
// run is a card number only when it passes the Luhn check and starts like a
// card scheme's number; runs in keep (the dossier's own order and tracking
// numbers, which may pass Luhn by chance) are never masked.
func RedactCards(s string, keep map[string]bool) string {
	return cardLike.ReplaceAllStringFunc(s, func(m string) string {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(m)
		if keep[m] || keep[digits] || !luhn(digits) || !cardPrefix(digits) {
			return m
		}
		seen, total := 0, len(digits)
		var b strings.Builder
		for _, r := range m {
			if r >= '0' && r <= '9' {
				seen++
				if seen <= total-4 {
					b.WriteRune('•')
					continue
				}
			}
			b.WriteRune(r)
		}
		return b.String()
	})
}

// Redact masks card numbers in every text the dossier prints (never in the
// original files, which the manifest identifies unaltered) and notes it.
func (d *Dossier) Redact() {
	keep := map[string]bool{d.Case.Reference: true}
	for _, o := range d.Orders {
		keep[o.Number] = true
		for _, t := range o.Tracking {
			keep[t] = true
		}
	}
	r := func(s *string) { *s = RedactCards(*s, keep) }
	r(&d.Case.Title)
	r(&d.Case.Receiver)
	d.Orders = slices.Clone(d.Orders)
	for i := range d.Orders {
		o := &d.Orders[i]
		r(&o.Seller)
		r(&o.Payment)
		r(&o.Note)
		o.Items = slices.Clone(o.Items)
		for j := range o.Items {
			r(&o.Items[j])
		}
	}
	d.Messages = slices.Clone(d.Messages)
	for i := range d.Messages {
		m := &d.Messages[i]
		r(&m.Title)
		r(&m.Body)
		r(&m.From)
		r(&m.To)
	}
	d.Exhibits = slices.Clone(d.Exhibits)
	for i := range d.Exhibits {
		r(&d.Exhibits[i].Note)
	}
	d.Events = slices.Clone(d.Events)
	for i := range d.Events {
		r(&d.Events[i].Text)
	}
	d.Entries = slices.Clone(d.Entries)
	for i := range d.Entries {
		r(&d.Entries[i].What)
	}
	r(&d.Statement)
	d.Redacted = true
}

// luhn reports whether a string of digits passes the Luhn checksum.
func luhn(digits string) bool {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// cardPrefix reports whether the number starts like a card of a major
// scheme: Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, Discover
// 6011/64-65, JCB 3528-3589, Diners 36/38, UnionPay 62, Maestro 50/56-58/6.
func cardPrefix(d string) bool {
	two, four := d[:2], d[:4]
	switch {
	case d[0] == '4', two >= "51" && two <= "55", four >= "2221" && four <= "2720",
		two == "34", two == "37", two == "36", two == "38", four >= "3528" && four <= "3589",
		four == "6011", two == "64", two == "65", two == "62", two == "50", two >= "56" && two <= "58", d[0] == '6':
		return true
	}
	return false
}
