package letters

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
	"vault/store"
)

// view is what the templates see: the facts, with the sums and choices made.
type view struct {
	Facts
	Case         store.Case
	Orders       []store.Order
	Marketplaces string
	Sellers      string
	Numbers      string
	Amount       money.Money
	Delivered    bool // every order delivered
	Wrote        int  // messages and emails the buyer sent
	FirstWrote   date.Value
	Replies      int
	Norway, EU   bool
	AnswerBy     time.Time
}

func newView(f Facts, l lang.Lang) view {
	v := view{Facts: f, Case: f.File.Case, Orders: f.File.Orders, Amount: f.File.Case.Amount, Delivered: len(f.File.Orders) > 0,
		AnswerBy: f.Today.AddDate(0, 0, 14)}
	var markets, sellers, numbers []string
	for _, o := range f.File.Orders {
		markets = appendNew(markets, o.Marketplace)
		if o.Seller != "" {
			sellers = appendNew(sellers, o.Seller)
		}
		numbers = append(numbers, o.Number)
		v.Delivered = v.Delivered && !o.Delivered.IsZero()
		v.Norway = v.Norway || o.Total.Currency == "NOK"
		v.EU = v.EU || o.Total.Currency == "EUR"
		if v.Amount.IsZero() {
			v.Amount = o.Total
		}
	}
	v.Marketplaces, v.Sellers, v.Numbers = strings.Join(markets, ", "), strings.Join(sellers, ", "), strings.Join(numbers, ", ")
	for _, e := range f.File.Evidence {
		if e.Parent != 0 || (e.Kind != "message" && e.Kind != "email") {
			continue
		}
		if e.Party != "me" {
			v.Replies++
			continue
		}
		v.Wrote++
		if v.FirstWrote.IsZero() || e.OccurredAt.Time().Before(v.FirstWrote.Time()) {
			v.FirstWrote = e.OccurredAt
		}
	}
	if v.Claimant == "" {
		v.Claimant = map[lang.Lang]string{lang.EN: "[your name]", lang.NB: "[ditt navn]"}[l]
	}
	return v
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}

// title capitalises a marketplace's stored name: "aliexpress" -> "Aliexpress";
// the known ones are spelled as their owners spell them.
func title(s string) string {
	var out []string
	for _, name := range strings.Split(s, ", ") {
		if known, ok := names[name]; ok {
			name = known
		} else if r, size := utf8.DecodeRuneInString(name); size > 0 {
			name = string(unicode.ToUpper(r)) + name[size:]
		}
		out = append(out, name)
	}
	return strings.Join(out, ", ")
}

var names = map[string]string{"aliexpress": "AliExpress", "temu": "Temu", "amazon": "Amazon", "ebay": "eBay"}

// times writes how often: "once", "twice", "3 times"; "én gang", "to ganger".
func times(l lang.Lang, n int) string {
	words := map[lang.Lang][3]string{lang.EN: {"once", "twice", "%d times"}, lang.NB: {"én gang", "to ganger", "%d ganger"}}[l]
	switch n {
	case 1:
		return words[0]
	case 2:
		return words[1]
	}
	return fmt.Sprintf(words[2], n)
}
