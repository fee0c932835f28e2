package evidence

import (
	"regexp"
	"strings"
	"sync"
	"time"
	"vault"
)

// Confirmation is an order recognised in a marketplace's confirmation mail.
type Confirmation struct {
	Marketplace vault.Marketplace
	Number      string
	Total       string // as written in the mail ("NOK 349,00"); "" when not found
	Ordered     time.Time
}

// confirmationRule recognises one marketplace's order confirmations.
type confirmationRule struct {
	marketplace vault.Marketplace // whose mail domains the sender's must be
	words       *regexp.Regexp    // in the subject: this is a confirmation
	number      *regexp.Regexp
}

var confirmationRules = sync.OnceValue(func() []confirmationRule {
	return []confirmationRule{
		{vault.AliExpress, regexp.MustCompile(`(?i)order .*(confirmed|placed)|payment (confirmed|received)|thank you for your order`),
			regexp.MustCompile(`\b[0-9]{16,19}\b`)},
		{vault.Temu, regexp.MustCompile(`(?i)order (confirmation|confirmed|placed|received)|thank you for your order`),
			regexp.MustCompile(`\bPO-[0-9]{3}-[0-9]{8,20}\b`)},
		{vault.Amazon, regexp.MustCompile(`(?i)your amazon.* order|order confirmation|ordered:`),
			regexp.MustCompile(`\b[0-9]{3}-[0-9]{7}-[0-9]{7}\b`)},
		{vault.EBay, regexp.MustCompile(`(?i)order confirmed|you paid|your order`),
			regexp.MustCompile(`\b[0-9]{2}-[0-9]{5}-[0-9]{5}\b`)},
	}
})

// totalLine finds the amount on a line such as "Total: NOK 349,00",
// "Order Total: $12.30" or "You paid €15.99".
var totalLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?im)^\s*(?:order total|grand total|total|you paid|amount paid)\s*[:：]?\s*(.*\d.*?)\s*$`)
})

// RecogniseOrder reports the order that a marketplace's confirmation mail
// describes: the sender's domain names the marketplace, the subject says it
// confirms an order, and the subject or text holds an order number in that
// marketplace's format.
func RecogniseOrder(e Email) (Confirmation, bool) {
	sender, _ := vault.MarketplaceOfDomain(strings.ToLower(e.From[strings.LastIndexByte(e.From, '@')+1:]))
	for _, r := range confirmationRules() {
		if sender != r.marketplace || !r.words.MatchString(e.Subject) {
			continue
		}
		number := r.number.FindString(e.Subject)
		if number == "" {
			number = r.number.FindString(e.Text)
		}
		if number == "" {
			return Confirmation{}, false
		}
		c := Confirmation{Marketplace: r.marketplace, Number: number, Ordered: e.Date}
		if m := totalLine().FindStringSubmatch(e.Text); m != nil {
			c.Total = m[1]
		}
		return c, true
	}
	return Confirmation{}, false
}
