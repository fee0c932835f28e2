package letters

import (
	"fmt"
	"strings"
	"time"

	"vault"
	"vault/internal/lang"
	"vault/internal/money"
)

// view is what the letters see: the facts, with the sums and choices made.
type view struct {
	Facts
	Case         vault.Case
	Orders       []vault.Order
	Marketplaces []vault.Marketplace
	Sellers      string
	Numbers      string
	Amount       money.Money
	Delivered    bool // every order delivered
	Letters      vault.Correspondence
	Norway, EU   bool // the law of some order (vault.LawFor)
	AnswerBy     time.Time
}

func newView(f Facts, l lang.Lang) view {
	v := view{Facts: f, Case: f.File.Case, Orders: f.File.Orders, Amount: f.File.Case.Amount, Delivered: len(f.File.Orders) > 0,
		AnswerBy: f.Today.AddDate(0, 0, 14), Letters: vault.CorrespondenceOf(f.File.Evidence)}
	var sellers, numbers []string
	for _, o := range f.File.Orders {
		if !containsFold(v.Marketplaces, o.Marketplace) {
			v.Marketplaces = append(v.Marketplaces, o.Marketplace)
		}
		if o.Seller != "" && !containsFold(sellers, o.Seller) {
			sellers = append(sellers, o.Seller)
		}
		numbers = append(numbers, o.Number)
		v.Delivered = v.Delivered && !o.Delivered.IsZero()
		law := vault.LawFor(o)
		v.Norway = v.Norway || law == vault.NorwegianLaw
		v.EU = v.EU || law == vault.EULaw
		if v.Amount.IsZero() {
			v.Amount = o.Total
		}
	}
	v.Sellers, v.Numbers = strings.Join(sellers, ", "), strings.Join(numbers, ", ")
	if v.Claimant == "" {
		v.Claimant = map[lang.Lang]string{lang.EN: "[your name]", lang.NB: "[ditt navn]"}[l]
	}
	return v
}

func containsFold[T ~string](list []T, s T) bool {
	for _, x := range list {
		if strings.EqualFold(string(x), string(s)) {
			return true
		}
	}
	return false
}

// names writes marketplaces as their owners spell them: "AliExpress, eBay".
func names(ms []vault.Marketplace) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name()
	}
	return strings.Join(out, ", ")
}

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
