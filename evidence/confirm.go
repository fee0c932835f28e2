package evidence

import (
	"regexp"
	"sync"
	"time"
	"vault"
)

// Confirmation is an order recognised in a marketplace's confirmation mail.
type Confirmation struct {
	Marketplace vault.Marketplace
	Number      string
	Total       string // as written in the mail ("NOK 349,00"); "" when not found
	Seller      string // the store or seller it names; "" when not found
	Ordered     time.Time
}

// confirmationRule recognises one marketplace's order confirmations.
type confirmationRule struct {
	marketplace vault.Marketplace // whose mail domains the sender's must be
	words       *regexp.Regexp    // in the subject: this is a confirmation
}

var confirmationRules = sync.OnceValue(func() []confirmationRule {
	return []confirmationRule{
		{vault.AliExpress, regexp.MustCompile(`(?i)order .*(confirmed|placed)|payment (confirmed|received)|thank you for your order`)},
		{vault.Temu, regexp.MustCompile(`(?i)order (confirmation|confirmed|placed|received)|thank you for your order`)},
		{vault.Amazon, regexp.MustCompile(`(?i)your amazon.* order|order confirmation|ordered:`)},
		{vault.EBay, regexp.MustCompile(`(?i)order confirmed|you paid|your order`)},
	}
})

// orderNumbers are the marketplaces' order number formats.
var orderNumbers = sync.OnceValue(func() map[vault.Marketplace]*regexp.Regexp {
	return map[vault.Marketplace]*regexp.Regexp{
		vault.AliExpress: regexp.MustCompile(`\b[0-9]{16,19}\b`),
		vault.Temu:       regexp.MustCompile(`\bPO-[0-9]{3}-[0-9]{8,20}\b`),
		vault.Amazon:     regexp.MustCompile(`\b[0-9]{3}-[0-9]{7}-[0-9]{7}\b`),
		vault.EBay:       regexp.MustCompile(`\b[0-9]{2}-[0-9]{5}-[0-9]{5}\b`),
	}
})

// totalLine finds the amount on a line such as "Total: NOK 349,00",
// "Order Total: $12.30" or "You paid €15.99".
var totalLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?im)^\s*(?:order total|grand total|total|you paid|amount paid)\s*[:：]?\s*(.*\d.*?)\s*$`)
})

// sellerLine finds the seller on a line such as "Seller: Shenzhen Gadget
// Store", "Sold by: Anker EU" or "Store: Gadget World".
var sellerLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?im)^\s*(?:seller|sold by|store|shop|selger|butikk|verkäufer|verkauf durch)\s*[:：]\s*(\S.{0,79}?)\s*$`)
})

// RecogniseOrder reports the order that a marketplace's confirmation mail
// describes: the sender's domain is the marketplace's own (vault.NotifierOf:
// a domain that merely contains its name is anyone's), the subject says it
// confirms an order, and the subject or text holds an order number in that
// marketplace's format.
func RecogniseOrder(e Email) (Confirmation, bool) {
	from, ok := vault.NotifierOf(e.From)
	if !ok {
		return Confirmation{}, false
	}
	subject, text := bounded(e.Subject, e.Text)
	for _, r := range confirmationRules() {
		if from.Marketplace() != r.marketplace || !r.words.MatchString(subject) {
			continue
		}
		number := orderNumbers()[r.marketplace].FindString(subject)
		if number == "" {
			number = orderNumbers()[r.marketplace].FindString(text)
		}
		if number == "" {
			return Confirmation{}, false
		}
		c := Confirmation{Marketplace: r.marketplace, Number: number, Ordered: e.Date}
		t := newLines(text)
		if m := totalLine().FindStringSubmatch(t.with("total", "paid")); m != nil {
			c.Total = m[1]
		}
		if m := sellerLine().FindStringSubmatch(t.with("seller", "sold", "store", "shop", "selger", "butikk", "verk")); m != nil {
			c.Seller = m[1]
		}
		return c, true
	}
	return Confirmation{}, false
}
