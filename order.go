package vault

import (
	"time"

	"vault/internal/date"
	"vault/internal/money"
)

// Order is one purchase: who sold what, when, for how much, paid how.
type Order struct {
	ID          OrderID     `json:"id"`
	Marketplace Marketplace `json:"marketplace"`
	Number      string      `json:"number"`
	Seller      string      `json:"seller,omitempty"`
	Items       []string    `json:"items,omitempty"`
	Total       money.Money `json:"total,omitzero"`
	Ordered     date.Value  `json:"ordered,omitzero"`
	Paid        date.Value  `json:"paid,omitzero"`
	Shipped     date.Value  `json:"shipped,omitzero"`
	Expected    date.Value  `json:"expected,omitzero"`
	Delivered   date.Value  `json:"delivered,omitzero"`
	Payment     string      `json:"payment,omitempty"`
	Tracking    []string    `json:"tracking,omitempty"`
	Note        string      `json:"note,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
}

// Dated is a labelled date.
type Dated struct {
	Label string
	At    date.Value
}

// Dates returns the order's recorded dates with their labels, in the order a
// purchase happens; unrecorded ones are left out.
func (o Order) Dates() []Dated {
	var out []Dated
	for _, d := range []Dated{{"ordered", o.Ordered}, {"paid", o.Paid}, {"shipped", o.Shipped},
		{"expected", o.Expected}, {"delivered", o.Delivered}} {
		if !d.At.IsZero() {
			out = append(out, d)
		}
	}
	return out
}
