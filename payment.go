package vault

import (
	"strings"
)

// Paid is how an order was paid, as far as the law asks, read from the
// payment method as recorded: the issuer of a credit card answers for the
// seller's duty to pay back (finansavtaleloven § 2-7 in Norway); a debit card
// has only the card scheme's chargeback; a payment service (PayPal, Klarna,
// Vipps) has its own buyer protection and no card of the buyer's in between.
type Paid string

// How an order was paid (PaidOf).
const (
	PaidUnknown Paid = ""       // no payment method recorded
	PaidCredit  Paid = "credit" // a card recorded as a credit card: the word, or American Express
	PaidDebit   Paid = "debit"  // a card recorded as a debit card: the word, BankAxept, Maestro, Visa Electron
	PaidCard    Paid = "card"   // a card not recorded as credit or debit ("Visa ****4242"): it may be either
	PaidOther   Paid = "other"  // a payment service, an invoice, a transfer: no card as recorded
)

// The words of a payment method, in the order they decide: a card's kind
// first ("PayPal, Visa credit" is a credit card), then a payment service
// ("PayPal (Visa ****4242)" is PayPal's), then a card of either kind.
var (
	creditWords  = []string{"credit", "kreditt", "amex", "american express"}
	debitWords   = []string{"debit", "debet", "bankaxept", "maestro", "electron"}
	serviceWords = []string{"paypal", "klarna", "vipps"}
	cardWords    = []string{"visa", "mastercard", "card", "kort", "apple pay", "google pay"}
)

// Card reports whether the payment was by card as recorded (credit, debit
// or either): a card issuer stands between the buyer and the seller.
func (p Paid) Card() bool {
	return p == PaidCredit || p == PaidDebit || p == PaidCard
}

// ChargeBack reports whether a payment method as recorded went through a
// card scheme that has chargebacks (Visa, Mastercard, Amex, Maestro):
// BankAxept, Norway's own debit scheme, has none; a payment service has its
// own dispute.
func ChargeBack(method string) bool {
	return PaidOf(method).Card() && !strings.Contains(strings.ToLower(method), "bankaxept")
}

// PaidOf reads a payment method as recorded on an order ("Visa ****4242",
// "Visa credit ****4242", "BankAxept", "PayPal"). "Visa" alone may be a
// debit card: only the word makes it a credit card.
func PaidOf(method string) Paid {
	p := strings.ToLower(strings.TrimSpace(method))
	has := func(words []string) bool {
		for _, w := range words {
			if strings.Contains(p, w) {
				return true
			}
		}
		return false
	}
	switch {
	case p == "":
		return PaidUnknown
	case has(creditWords):
		return PaidCredit
	case has(debitWords):
		return PaidDebit
	case has(serviceWords):
		return PaidOther
	case has(cardWords):
		return PaidCard
	}
	return PaidOther
}

// Cards are the case's orders by the card they were paid with, as recorded
// (PaidOf), each in the order of the case's orders.
type Cards struct {
	Credit []OrderID `json:"credit,omitempty"` // paid by a credit card
	Debit  []OrderID `json:"debit,omitempty"`  // paid by a debit card
	// Unsaid were paid by a card not recorded as credit or debit: each may
	// be a credit card.
	Unsaid []OrderID `json:"unsaid,omitempty"`
}

// cardsOf sorts the orders by the card they were paid with.
func cardsOf(orders []Order) Cards {
	var c Cards
	for _, o := range orders {
		switch PaidOf(o.Payment) {
		case PaidCredit:
			c.Credit = append(c.Credit, o.ID)
		case PaidDebit:
			c.Debit = append(c.Debit, o.ID)
		case PaidCard:
			c.Unsaid = append(c.Unsaid, o.ID)
		}
	}
	return c
}
