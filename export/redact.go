package export

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// cardLike finds runs of 13 to 19 digits, optionally grouped by single
// spaces or dashes, as card numbers are written.
var cardLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b\d(?:[ -]?\d){12,18}\b`) })

// RedactCards masks card numbers in printed text to their last four digits
// ("4111 1111 1111 1111" -> "•••• •••• •••• 1111"), keeping the grouping. A
// run is a card number only when it passes the Luhn check and starts like a
// card scheme's number; runs in keep (the dossier's own order and tracking
// numbers, which may pass Luhn by chance) are never masked.
func RedactCards(s string, keep map[string]bool) string {
	return cardLike().ReplaceAllStringFunc(s, func(m string) string {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(m)
		if keep[m] || keep[digits] || !luhn(digits) || !cardPrefix(digits) {
			return m
		}
		return maskDigits(m, 4)
	})
}

// maskDigits replaces every digit of s but the last n with "•", keeping the
// rest (spaces, dashes) as written.
func maskDigits(s string, n int) string {
	total := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			total++
		}
	}
	seen := 0
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			if seen++; seen <= total-n {
				return '•'
			}
		}
		return r
	}, s)
}

// Redact masks card numbers (and, with contacts, email addresses and phone
// numbers) in every text the dossier prints, never in the original files,
// which the manifest identifies unaltered; the manifest says so.
func (d *Dossier) Redact(contacts bool) {
	keep := map[string]bool{d.Case.Reference: true}
	for _, o := range d.Orders {
		keep[o.Number] = true
		for _, t := range o.Tracking {
			keep[t] = true
		}
	}
	r := func(s *string) {
		*s = RedactCards(*s, keep)
		if contacts {
			*s = RedactContacts(*s, keep)
		}
	}
	r(&d.Case.Title)
	r(&d.Summary)
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
		x := &d.Exhibits[i]
		for _, s := range []*string{&x.Note, &x.Title, &x.Body, &x.From, &x.To} {
			r(s)
		}
	}
	d.mask = func(s string) string { r(&s); return s }
	d.Events = slices.Clone(d.Events)
	for i := range d.Events {
		r(&d.Events[i].Text)
		r(&d.Events[i].Note)
	}
	d.Entries = slices.Clone(d.Entries)
	for i := range d.Entries {
		e := &d.Entries[i]
		r(&e.What)
		e.args = slices.Clone(e.args)
		for j, a := range e.args {
			switch v := a.(type) {
			case string: // the records' own text; Words are vault's
				r(&v)
				e.args[j] = v
			case event: // the buyer's words in it
				r(&v.Text)
				r(&v.Note)
				e.args[j] = v
			}
		}
	}
	r(&d.Statement)
	d.Redacted, d.RedactedContacts = true, contacts
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

// emailLike and phoneLike find email addresses and phone numbers: 8 to 15
// digits, optionally after a +, grouped by single spaces only ("+47 22 33 44
// 55", "912 34 567"), so that dates (2026-10-02, 02.10.2026) are not taken.
var (
	emailLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`) })
	phoneLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:\+|\b)\d(?: ?\d)*\b`) }) // whole runs: 8-15 digits checked below
)

// RedactContacts masks email addresses ("s•••@example.com": the first
// character and the domain stay, so the receiver still sees who the
// marketplace or the bank was) and phone numbers (all but the last two
// digits) in printed text. Runs in keep are never masked.
func RedactContacts(s string, keep map[string]bool) string {
	s = emailLike().ReplaceAllStringFunc(s, func(m string) string {
		local, domain, _ := strings.Cut(m, "@")
		if keep[m] || len(local) == 0 {
			return m
		}
		first, _ := utf8.DecodeRuneInString(local)
		return string(first) + "•••@" + domain
	})
	return phoneLike().ReplaceAllStringFunc(s, func(m string) string {
		digits := strings.NewReplacer(" ", "", "+", "").Replace(m)
		// A whole run is a phone number or not: matching part of a longer run
		// would leave the rest to be masked on a second pass.
		if keep[m] || keep[digits] || len(digits) < 8 || len(digits) > 15 {
			return m
		}
		return maskDigits(m, 2)
	})
}
