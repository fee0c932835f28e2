// Package money holds amounts as integer minor units of an ISO 4217 currency
// and parses the ways people write them ("49,90 NOK", "$12.30", "1 234,50 kr").
package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Money is an amount in minor units (øre, cents) of Currency. It never uses floats.
type Money struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

// IsZero reports whether m is the zero value (no amount recorded).
func (m Money) IsZero() bool { return m.Currency == "" }

// String formats m canonically with a point as decimal separator: "49.90 NOK".
// It is the inverse of Parse.
func (m Money) String() string {
	if m.IsZero() {
		return ""
	}
	return FormatNumber(m, '.', "") + " " + m.Currency
}

// FormatNumber writes the amount of m without currency, with the given decimal
// separator and thousands separator (empty for none).
func FormatNumber(m Money, decimal rune, thousands string) string {
	digits := Decimals(m.Currency)
	minor := uint64(m.Minor)
	sign := ""
	if m.Minor < 0 {
		sign, minor = "-", -minor // as uint64, so that the smallest int64 has its digits too
	}
	s := strconv.FormatUint(minor, 10)
	if len(s) <= digits {
		s = strings.Repeat("0", digits-len(s)+1) + s
	}
	whole, frac := s[:len(s)-digits], s[len(s)-digits:]
	if thousands != "" {
		whole = group(whole, thousands)
	}
	if digits == 0 {
		return sign + whole
	}
	return sign + whole + string(decimal) + frac
}

func group(whole, sep string) string {
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maxMinor bounds the amounts Parse accepts: 10^15 minor units, ten
// trillion kroner. It does not make sums safe: 9,224 such amounts are more
// than an int64 holds, and a statement may have more lines than that. Sum
// amounts with Add or Sum, which say so instead of wrapping.
const maxMinor = 1e15

// ErrSyntax is wrapped by every error of Parse.
var ErrSyntax = errors.New("not an amount")

// Parse reads an amount with its currency: "49,90 NOK", "49.90 NOK", "NOK 49,90",
// "1 234,50 kr", "$12.30", "12.30 USD", "€5". The currency is required, as an ISO
// code or a symbol; the number of decimals must not exceed the currency's own
// ("12.345 USD" is refused). A sign is refused, and named in the error: "-5",
// "--5", "+5", "5-". Groups of thousands are checked, by spaces and
// apostrophes as by points and commas ("1.2345,00" and "1 2345,00" are
// refused), and so is an amount over ten trillion units.
func Parse(s string) (Money, error) {
	if !utf8.ValidString(s) {
		return Money{}, fmt.Errorf("%w: %q is not valid UTF-8", ErrSyntax, s)
	}
	if len(s) > 100 {
		return Money{}, fmt.Errorf("%w: too long (%d bytes)", ErrSyntax, len(s))
	}
	num, cur, err := split(strings.TrimSpace(s))
	if err != nil {
		return Money{}, err
	}
	minor, err := parseNumber(num, Decimals(cur))
	if err != nil {
		return Money{}, fmt.Errorf("%w: %q: %v", ErrSyntax, s, err)
	}
	return Money{Minor: minor, Currency: cur}, nil
}

// split separates the number from the currency written before or after it.
func split(s string) (num, cur string, err error) {
	if s == "" {
		return "", "", fmt.Errorf("%w: empty; write it like \"49,90 NOK\"", ErrSyntax)
	}
	start := strings.IndexFunc(s, isNumberRune)
	if start < 0 {
		return "", "", fmt.Errorf("%w: %q has no number", ErrSyntax, s)
	}
	end := start + strings.LastIndexFunc(s[start:], unicode.IsDigit) + 1
	num = s[start:end]
	before, after := strings.TrimSpace(s[:start]), strings.TrimSpace(s[end:])
	// A sign next to the number is refused by name: "--5" is not -5 with a
	// stray dash, and "NOK -5" is not a currency called "NOK -".
	if signs := len(before) - len(strings.TrimRight(before, signRunes)); signs > 0 || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		switch sign := before[len(before)-signs:]; {
		case utf8.RuneCountInString(sign) > 1:
			return "", "", fmt.Errorf("%w: %q: more than one sign (%q); write the amount without one", ErrSyntax, s, sign)
		case sign == "+":
			return "", "", fmt.Errorf("%w: %q: write the amount without a sign", ErrSyntax, s)
		}
		return "", "", fmt.Errorf("%w: %q: negative amounts are not accepted", ErrSyntax, s)
	}
	if strings.IndexAny(after, signRunes) == 0 {
		return "", "", fmt.Errorf("%w: %q: a sign after the number; write the amount without one", ErrSyntax, s)
	}
	switch {
	case before != "" && after != "":
		return "", "", fmt.Errorf("%w: %q: write the currency once, before or after the number", ErrSyntax, s)
	case before == "" && after == "":
		return "", "", fmt.Errorf("%w: %q has no currency; add one, e.g. \"%s NOK\"", ErrSyntax, s, num)
	}
	cur, ok := Currency(before + after)
	if !ok {
		return "", "", fmt.Errorf("%w: %q: unknown currency %q (use an ISO 4217 code such as NOK, EUR, USD)", ErrSyntax, s, before+after)
	}
	return num, cur, nil
}

func isNumberRune(r rune) bool { return r >= '0' && r <= '9' }

// signRunes are the signs refused next to a number: hyphen-minus, the
// minus sign, plus.
const signRunes = "-−+"

// parseNumber reads digits with optional thousands separators (space, no-break
// space, thin space, apostrophe, or the separator that is not the decimal one)
// and returns minor units for a currency with the given decimals.
func parseNumber(num string, decimals int) (int64, error) {
	if err := spaceGroups(num); err != nil {
		return 0, err
	}
	num = strings.Map(dropSpace, num)
	whole, frac, err := splitDecimal(num, decimals)
	if err != nil {
		return 0, err
	}
	if len(frac) > decimals {
		if decimals == 0 {
			return 0, fmt.Errorf("the currency has no decimals")
		}
		return 0, fmt.Errorf("%d decimals, but the currency has %d", len(frac), decimals)
	}
	digits := whole + frac + strings.Repeat("0", decimals-len(frac))
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("unexpected %q", r)
		}
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > maxMinor {
		return 0, fmt.Errorf("too large")
	}
	return n, nil
}

func dropSpace(r rune) rune {
	if isSpaceGroup(r) {
		return -1
	}
	return r
}

// isSpaceGroup reports whether r is a thousands separator that is never a
// decimal one: a space (plain, no-break, narrow no-break, thin) or an
// apostrophe.
func isSpaceGroup(r rune) bool {
	switch r {
	case ' ', '\u00a0', '\u202f', '\u2009', '\'', '’':
		return true
	}
	return false
}

// spaceGroups checks the groups that spaces and apostrophes make, as
// ungroup checks those of points and commas: "1 234,50" and "1'234.50",
// not "1 2345,00" or "12 34". The first group has one to three digits,
// each other exactly three; only the last may go on to a decimal part.
func spaceGroups(num string) error {
	first := strings.IndexFunc(num, isSpaceGroup)
	if first < 0 {
		return nil
	}
	var groups []string
	start := 0
	for i, r := range num {
		if isSpaceGroup(r) {
			groups, start = append(groups, num[start:i]), i+utf8.RuneLen(r)
		}
	}
	groups = append(groups, num[start:])
	for i, g := range groups {
		digits := len(g) - len(strings.TrimLeft(g, "0123456789"))
		rest := g[digits:]
		ok := digits == 3 || i == 0 && digits >= 1 && digits < 3
		if i < len(groups)-1 {
			ok = ok && rest == ""
		} else {
			ok = ok && (rest == "" || rest[0] == '.' || rest[0] == ',')
		}
		if !ok {
			sep, _ := utf8.DecodeRuneInString(num[first:])
			return fmt.Errorf("misplaced %q", sep)
		}
	}
	return nil
}

// splitDecimal decides which separator, if any, is the decimal one.
// With both ',' and '.', the last one is decimal. With one kind only, a single
// occurrence is decimal unless the currency has no decimals and three digits
// follow (then it groups thousands); repeated occurrences group thousands.
func splitDecimal(num string, decimals int) (whole, frac string, err error) {
	last := strings.LastIndexAny(num, ".,")
	if last < 0 {
		return num, "", nil
	}
	sep := num[last]
	other := byte(',')
	if sep == ',' {
		other = '.'
	}
	switch {
	case strings.IndexByte(num, other) >= 0:
		whole, frac = num[:last], num[last+1:]
		return ungroup(whole, other, frac)
	case strings.Count(num, string(sep)) > 1,
		decimals == 0 && len(num)-last-1 == 3:
		whole, _, err = ungroup(num, sep, "")
		return whole, "", err
	}
	return num[:last], num[last+1:], checkDigits(num[:last], num[last+1:])
}

// ungroup removes thousands separators, checking groups of three digits.
func ungroup(whole string, sep byte, frac string) (string, string, error) {
	parts := strings.Split(whole, string(sep))
	for i, p := range parts {
		if p == "" || (i > 0 && len(p) != 3) || (i == 0 && len(p) > 3 && len(parts) > 1) {
			return "", "", fmt.Errorf("misplaced %q", sep)
		}
	}
	if strings.ContainsAny(frac, ".,") {
		return "", "", fmt.Errorf("misplaced separator")
	}
	return strings.Join(parts, ""), frac, nil
}

func checkDigits(whole, frac string) error {
	if whole == "" || frac == "" {
		return fmt.Errorf("a digit is missing around the decimal separator")
	}
	return nil
}
