package casework

import (
	"strings"
	"unicode"

	"vault"
)

// Suggestion is an order that a piece of evidence seems to belong to, and why.
type Suggestion struct {
	Order vault.OrderID `json:"order"`
	Why   string        `json:"why"` // "order number 8123456789012345", "tracking LP00123456789CN", "seller Shenzhen Gadget Store"
	sure  bool          // by a number: enough to file it (--auto-link)
}

// minNumber is the shortest order or tracking number matched: shorter
// ones (a "12" in a price) match by chance.
const minNumber = 6

// Suggest names the orders whose number, tracking number or seller occurs
// in text (the words read off a picture, a file name): by number first.
// OCR's usual confusions in numbers (O for 0, l or I for 1) and the spaces
// it puts into long numbers are forgiven.
func Suggest(text string, orders []vault.Order) []Suggestion {
	if text == "" {
		return nil
	}
	squeezed := squeeze(text)
	folded := strings.ToLower(text)
	var sure, weak []Suggestion
	for _, o := range orders {
		if n := squeeze(o.Number); len(n) >= minNumber && strings.Contains(squeezed, n) {
			sure = append(sure, Suggestion{Order: o.ID, Why: "order number " + o.Number, sure: true})
			continue
		}
		if t, ok := trackingIn(squeezed, o.Tracking); ok {
			sure = append(sure, Suggestion{Order: o.ID, Why: "tracking " + t, sure: true})
			continue
		}
		if s := strings.TrimSpace(o.Seller); len([]rune(s)) >= 4 && strings.Contains(folded, strings.ToLower(s)) {
			weak = append(weak, Suggestion{Order: o.ID, Why: "seller " + s})
		}
	}
	return append(sure, weak...)
}

// Sure is the one order a suggestion list names by number, if exactly one.
func Sure(ss []Suggestion) (vault.OrderID, bool) {
	var id vault.OrderID
	n := 0
	for _, s := range ss {
		if s.sure {
			id, n = s.Order, n+1
		}
	}
	if n != 1 {
		return 0, false
	}
	return id, true
}

func trackingIn(squeezed string, tracking []string) (string, bool) {
	for _, t := range tracking {
		if n := squeeze(t); len(n) >= minNumber && strings.Contains(squeezed, n) {
			return t, true
		}
	}
	return "", false
}

// squeeze keeps letters and digits, upper-cased, with the look-alikes OCR
// confuses in numbers read as digits where a digit neighbours them.
func squeeze(s string) string {
	rs := []rune{}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '|' {
			rs = append(rs, unicode.ToUpper(r))
		}
	}
	for i, r := range rs {
		if d, ok := lookalike[r]; ok && (digitAt(rs, i-1) || digitAt(rs, i+1)) {
			rs[i] = d
		}
	}
	return string(rs)
}

var lookalike = map[rune]rune{'O': '0', 'I': '1', 'L': '1', '|': '1'}

func digitAt(rs []rune, i int) bool {
	return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9'
}
