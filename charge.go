package vault

import (
	"vault/internal/date"
	"vault/internal/money"
)

// ChargeKind is what an import charge paid on an order is.
type ChargeKind string

// The kinds of import charge.
const (
	ChargeVAT  ChargeKind = "vat"
	ChargeDuty ChargeKind = "duty"
	ChargeFee  ChargeKind = "fee" // the carrier's
)

// ChargeKinds are the import charges an order can carry.
var ChargeKinds = []ChargeKind{ChargeVAT, ChargeDuty, ChargeFee}

// ParseChargeKind reads a charge kind.
func ParseChargeKind(s string) (ChargeKind, error) { return parseWord("charge kind", s, ChargeKinds) }

// Charge is an import charge paid on an order: VAT, customs duty or the
// carrier's fee.
type Charge struct {
	ID     int64       `json:"id"`
	Order  OrderID     `json:"order"`
	Kind   ChargeKind  `json:"kind"`
	Amount money.Money `json:"amount"`
	Paid   date.Value  `json:"paid,omitzero"`
	Note   string      `json:"note,omitempty"`
}
