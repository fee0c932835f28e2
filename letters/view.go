package letters

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"vault"
	"vault/internal/lang"
	"vault/internal/money"
)

// view is what the letters see: the facts, with the choices of wording
// made. Every value comes from the case's facts.
type view struct {
	Facts
	F            vault.CaseFacts
	Case         vault.Case
	Orders       []vault.Order
	Marketplaces []vault.Marketplace
	Sellers      string
	Numbers      string
	Amount       money.Money // what is asked back (the facts' claim)
	Delivered    bool        // every order recorded as delivered
	Trouble      vault.Trouble
	Letters      vault.Correspondence
	Credit       bool   // paid by a card recorded as a credit card (the facts' Cards)
	Card         bool   // a payment method is recorded
	Norway, EU   bool   // the law of some order (vault.LawFor)
	Buyer        string // the buyer's country, its code (NO when not set)
	AnswerBy     time.Time
	Disputes     []vault.DisputeOutcome // a reinstatement's: the buyer's disputes at the case's marketplaces
	OrderCount   int                    // and the buyer's orders there
}

func newView(f Facts, l lang.Lang) view {
	c := f.Case
	v := view{Facts: f, F: c, Case: c.Case, Orders: c.Orders, Delivered: c.Shipping.Delivered, AnswerBy: f.AnswerBy,
		Letters: c.Contact.Correspondence(), Trouble: c.Trouble, Amount: c.Money.Claim}
	if h := c.History; h != nil {
		v.Disputes, v.OrderCount = h.Disputes, h.Orders
	}
	if v.AnswerBy.IsZero() {
		v.AnswerBy = f.Today.AddDate(0, 0, 14)
	}
	var sellers, numbers []string
	for _, o := range c.Orders {
		if !containsFold(v.Marketplaces, o.Marketplace) {
			v.Marketplaces = append(v.Marketplaces, o.Marketplace)
		}
		if o.Seller != "" && !containsFold(sellers, o.Seller) {
			sellers = append(sellers, o.Seller)
		}
		numbers = append(numbers, o.Number)
		v.Card = v.Card || o.Payment != ""
		law := vault.LawFor(o, f.Country)
		v.Norway = v.Norway || law == vault.NorwegianLaw
		v.EU = v.EU || law == vault.EULaw
	}
	v.Credit = len(c.Cards.Credit) > 0
	v.Sellers, v.Numbers = strings.Join(sellers, ", "), strings.Join(numbers, ", ")
	v.Buyer = vault.Country(f.Country)
	if v.Buyer == "" {
		v.Buyer = vault.DefaultCountry
	}
	if v.Claimant == "" {
		v.Claimant = map[lang.Lang]string{lang.EN: "[your name]", lang.NB: "[ditt navn]"}[l]
	}
	return v
}

// has reports whether the case holds evidence of one of the kinds.
func (v view) has(kinds ...vault.EvidenceKind) bool {
	_, ok := v.F.HasAny(kinds...)
	return ok
}

// cardWords are the English words of a payment method a buyer records
// ("Visa credit ****4242"), and their bokmål; brands the names of payment
// services as they spell them.
var (
	cardWords = regexp.MustCompile(`(?i)\b(credit|debit)( card)?\b`)
	brands    = regexp.MustCompile(`(?i)\b(paypal|klarna|vipps|mastercard|maestro|visa|american express|amex|bankaxept)\b`)
	brandName = map[string]string{"paypal": "PayPal", "klarna": "Klarna", "vipps": "Vipps", "mastercard": "Mastercard", "maestro": "Maestro",
		"visa": "Visa", "american express": "American Express", "amex": "Amex", "bankaxept": "BankAxept"}
)

// payment is a payment method as recorded, the services' names as they
// spell them and its card words in l: a bokmål letter says "Visa
// kredittkort ****4242", not "Visa credit"; any letter "PayPal", not
// "paypal".
func (w *letter) payment(p string) string {
	p = brands.ReplaceAllStringFunc(p, func(m string) string { return brandName[strings.ToLower(m)] })
	if w.l != lang.NB {
		return p
	}
	return cardWords.ReplaceAllStringFunc(p, func(m string) string {
		return map[string]string{"credit": "kredittkort", "debit": "debetkort"}[strings.ToLower(strings.Fields(m)[0])]
	})
}

// paidWith is the payment method recorded on one of the case's orders.
func (w *letter) paidWith(id vault.OrderID) string {
	for _, o := range w.v.Orders {
		if o.ID == id {
			return o.Payment
		}
	}
	return ""
}

// asCredit is a payment method as the buyer records it once they know the
// card is a credit card: "Visa ****4242" becomes "Visa credit ****4242".
func asCredit(payment string) string {
	brand, rest, _ := strings.Cut(strings.TrimSpace(payment), " ")
	if strings.EqualFold(brand, "visa") || strings.EqualFold(brand, "mastercard") {
		return strings.TrimSpace(brand + " credit " + rest)
	}
	return payment + " (credit card)"
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

// times writes how often, for more than once: "twice", "3 times"; "to
// ganger", "3 ganger".
func times(l lang.Lang, n int) string {
	if n == 2 {
		return map[lang.Lang]string{lang.EN: "twice", lang.NB: "to ganger"}[l]
	}
	return fmt.Sprintf(map[lang.Lang]string{lang.EN: "%d times", lang.NB: "%d ganger"}[l], n)
}
