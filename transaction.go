package vault

import (
	"strconv"

	"vault/internal/date"
	"vault/internal/money"
)

// TransactionID is a statement line's row id, shown as TX-n.
type TransactionID int64

func (id TransactionID) String() string { return "TX-" + strconv.FormatInt(int64(id), 10) }

// MarshalText writes the human form, so JSON carries "TX-1".
func (id TransactionID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// Transaction is one line of a bank, card or PayPal statement: what the
// card was charged (or credited), when, under which text.
type Transaction struct {
	ID        TransactionID `json:"id"`
	Booked    date.Value    `json:"booked"`
	Value     date.Value    `json:"value,omitzero"`    // the value date, when given
	Amount    money.Money   `json:"amount"`            // in the account's currency: Minor < 0 charged, > 0 credited
	Original  money.Money   `json:"original,omitzero"` // in the purchase's currency, when given
	Rate      string        `json:"rate,omitempty"`    // as the bank wrote it
	Text      string        `json:"text"`              // as the statement shows it (the merchant)
	Card      string        `json:"card,omitempty"`    // the card's last digits
	BankRef   string        `json:"bank_ref,omitempty"`
	Statement EvidenceID    `json:"statement,omitzero"`  // the file it came from
	Line      int           `json:"line,omitempty"`      // where in that file
	Order     OrderID       `json:"order,omitzero"`      // the order it pays or refunds, when linked
	Confirmed bool          `json:"confirmed,omitempty"` // the buyer confirmed that link ('vault match confirm')
	Key       string        `json:"-"`                   // the same line in an overlapping statement has the same key
}

// ParseTransactionID reads "TX-3" (any case) or a bare "3".
func ParseTransactionID(s string) (TransactionID, error) {
	n, err := parseID("TX", s)
	return TransactionID(n), err
}
