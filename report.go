package vault

import (
	"vault/internal/date"
	"vault/internal/money"
)

// Report is the overview of a vault's purchases and disputes, per
// marketplace: what a reinstatement request needs to show that disputes were
// few and justified.
type Report struct {
	Marketplace Marketplace    `json:"marketplace,omitempty"` // the filter, if any
	Year        int            `json:"year,omitempty"`        // the filter, if any
	Markets     []MarketReport `json:"marketplaces"`
}

// MarketReport is one marketplace's line of a Report.
type MarketReport struct {
	Marketplace Marketplace   `json:"marketplace"`
	Orders      int           `json:"orders"`
	Totals      []money.Money `json:"totals"` // one per currency
	Cases       []CaseCount   `json:"cases"`  // by kind and status
	Disputes    int           `json:"disputes"`
	DisputeRate float64       `json:"dispute_rate"` // cases that count as disputes, per order
}

// CaseCount counts the cases of one kind in one status.
type CaseCount struct {
	Kind   CaseKind   `json:"kind"`
	Status CaseStatus `json:"status"`
	Count  int        `json:"count"`
}

// DisputeOutcome is one of the buyer's cases that counts as a dispute, with its
// outcome: the list a reinstatement request shows.
type DisputeOutcome struct {
	Case        CaseID      `json:"case"`
	Kind        CaseKind    `json:"kind"`
	Marketplace Marketplace `json:"marketplace"`
	Orders      string      `json:"orders"` // their order numbers
	Opened      date.Value  `json:"opened"`
	Status      CaseStatus  `json:"status"`
	// The marketplace's own number for it, and whether the buyer had
	// written to the seller before it was opened (a recorded letter).
	DisputeNumber string `json:"dispute_number,omitempty"`
	WroteFirst    bool   `json:"wrote_first"`
	// How it was decided, when it was: the outcome, the day, what came back.
	Outcome  Outcome     `json:"outcome,omitempty"`
	Decided  date.Value  `json:"decided,omitzero"`
	Refunded money.Money `json:"refunded,omitzero"`
}
