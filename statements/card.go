package statements

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// brands are the card schemes a statement's text may name before a card's
// last digits, longest first where one begins another, with the name shown.
var brands = []struct{ word, name string }{
	{"VISA ELECTRON", "Visa"}, {"VISA DEBIT", "Visa"}, {"VISA", "Visa"},
	{"DEBIT MASTERCARD", "Mastercard"}, {"MASTERCARD DEBIT", "Mastercard"}, {"MASTERCARD", "Mastercard"}, {"MASTER CARD", "Mastercard"},
	{"MAESTRO", "Maestro"}, {"AMERICAN EXPRESS", "American Express"}, {"AMEX", "American Express"},
	{"DINERS CLUB", "Diners Club"}, {"DINERS", "Diners Club"}, {"DISCOVER", "Discover"}, {"JCB", "JCB"},
	{"UNIONPAY", "UnionPay"}, {"BANKAXEPT", "BankAxept"},
}

// maskBack bounds how far before the digits a mask may begin: "XXXX XXXX
// XXXX " is 15 bytes, "4925 00** **** " 15; the bound keeps a huge text's
// reading linear.
const maskBack = 40

// CardIn reads a card's last four digits from a statement's text, and the
// scheme when the text names it just before them: "*7731", "VISA 4242",
// "XXXX XXXX XXXX 7731", "Visa ****4242", "492500******7731". Four digits
// count only when masked (a star, a bullet, or four X's before them) or
// named by a scheme, and only when they stand alone: not inside a longer
// number, a date (2026-09), an amount (4242.50) or a word (*7731AB). The
// first such number in the text is the card's; "" when there is none.
func CardIn(text string) (brand, last4 string) {
	for i := 0; i+4 <= len(text); i++ {
		if !digits4(text, i) {
			continue
		}
		if i > 0 && isDigit(text[i-1]) {
			continue
		}
		if !standsAlone(text[i+4:]) {
			i += 3 // the next candidate starts after these digits
			continue
		}
		if b, ok := namedOrMasked(text[:i]); ok {
			return b, text[i : i+4]
		}
	}
	return "", ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digits4(s string, i int) bool {
	return isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3])
}

// standsAlone reports whether what follows four digits ends them: the end,
// or neither a letter nor a digit, nor a mark that goes on into digits
// (4242.50, 2026-09-03, 12:30, 09/28).
func standsAlone(rest string) bool {
	if rest == "" {
		return true
	}
	r, size := utf8.DecodeRuneInString(rest)
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '*' {
		return false
	}
	switch r {
	case '.', ',', ':', '/', '-':
		return len(rest) == size || !isDigit(rest[size])
	}
	return true
}

// namedOrMasked reads what comes before four digits: a scheme's name
// (separators between), or a mask, perhaps after a scheme's name. A mask
// is the words just before the digits made of stars, bullets, X's and
// digits ("XXXX XXXX XXXX ", "492500******", "*"), with a star or a bullet
// or four X's among them; a word glued to them ("US*7731") is no mask. It
// returns the scheme's name, if any.
func namedOrMasked(before string) (string, bool) {
	if b := brandAtEnd(strings.TrimRightFunc(before, isSeparator)); b != "" {
		return b, true
	}
	start, stars, xs := len(before), 0, 0
	for pos := len(before); pos > 0 && len(before)-pos < maskBack; {
		word := pos // the word that ends at pos, back to a separator
		ws, wx := 0, 0
		for word > 0 && len(before)-word <= maskBack {
			r, size := utf8.DecodeLastRuneInString(before[:word])
			if isSeparator(r) {
				break
			}
			switch {
			case r == '*' || r == '•' || r == '●' || r == '∗':
				ws++
			case r == 'x' || r == 'X':
				wx++
			case r < '0' || r > '9':
				word = -1 // a letter or a sign: the mask, if any, ends here
			}
			if word < 0 {
				break
			}
			word -= size
		}
		if word < 0 || len(before)-word > maskBack {
			break
		}
		start, stars, xs = word, stars+ws, xs+wx
		pos = len(strings.TrimRightFunc(before[:word], isSeparator))
	}
	if stars == 0 && xs < 4 {
		return "", false
	}
	return brandAtEnd(strings.TrimRightFunc(before[:start], isSeparator)), true
}

// isSeparator is what may stand between a scheme's name, a mask and the
// digits: spaces, a dash, a colon, a number sign.
func isSeparator(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\t' || r == '-' || r == ':' || r == '#'
}

// brandAtEnd is the scheme whose name s ends with, as a whole word.
func brandAtEnd(s string) string {
	for _, b := range brands {
		n := len(s) - len(b.word)
		if n < 0 || !asciiFold(s[n:], b.word) {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:n]); n == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return b.name
		}
	}
	return ""
}

// asciiFold compares s with an upper-case ASCII word, ignoring the case of
// ASCII letters only (no Unicode folding: "VIſA" is no VISA).
func asciiFold(s, upper string) bool {
	if len(s) != len(upper) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}
