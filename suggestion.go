package vault

import (
	"strconv"
	"strings"
	"time"
)

// SuggestionID is a suggestion's row id, shown as SUG-n.
type SuggestionID int64

func (id SuggestionID) String() string { return "SUG-" + strconv.FormatInt(int64(id), 10) }

// MarshalText writes the human form, so JSON carries "SUG-1".
func (id SuggestionID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText reads "SUG-1".
func (id *SuggestionID) UnmarshalText(b []byte) error {
	n, err := parseID("SUG", string(b))
	*id = SuggestionID(n)
	return err
}

// ParseSuggestionID reads "SUG-3" (any case) or a bare "3".
func ParseSuggestionID(s string) (SuggestionID, error) {
	n, err := parseID("SUG", s)
	return SuggestionID(n), err
}

// SuggestAction is what a suggestion would do.
type SuggestAction string

// The actions of a suggestion.
const (
	SuggestSet      SuggestAction = "set"       // change Record's fields
	SuggestAddOrder SuggestAction = "add-order" // record an order with the fields of Changes
	SuggestAddCase  SuggestAction = "add-case"  // open a case of CaseKind about Record (ORD-n, or ACC-n for a reinstatement)
)

// SuggestState is where a suggestion stands.
type SuggestState string

// The states of a suggestion.
const (
	SuggestOpen     SuggestState = "open"
	SuggestAccepted SuggestState = "accepted"
	SuggestRejected SuggestState = "rejected"
)

// Suggestion is a change that a mail proposes and the buyer decides: the
// mail would change a recorded value, or names an order or a case the vault
// does not hold. Decided once, it is never made again.
type Suggestion struct {
	ID        SuggestionID  `json:"id"`
	Evidence  EvidenceID    `json:"evidence"` // the mail that says so
	Do        SuggestAction `json:"do"`
	Record    string        `json:"record,omitempty"`
	CaseKind  CaseKind      `json:"case_kind,omitempty"`
	Changes   []Change      `json:"changes,omitempty"`
	Why       string        `json:"why"` // what the mail said: Notice.Summary
	State     SuggestState  `json:"state"`
	CreatedAt time.Time     `json:"created_at"`
}

// Key names what a suggestion proposes, whichever mail proposes it: a
// second mail saying the same makes no second suggestion, and one decided
// is not made again.
func (s Suggestion) Key() string {
	parts := []string{string(s.Do), s.Record, string(s.CaseKind)}
	for _, c := range s.Changes {
		switch {
		case s.Do == SuggestAddOrder: // the order, whatever its fields
			if c.Field == "marketplace" || c.Field == "number" {
				parts = append(parts, c.Value)
			}
		case s.CaseKind == Reinstatement: // one per account
		default:
			parts = append(parts, c.Field, string(c.Op), c.Value)
		}
	}
	return strings.Join(parts, "\x1f")
}

// What says what accepting it does: "CASE-1: outcome won, refunded 23.90 USD",
// "open a reinstatement case about ACC-1".
func (s Suggestion) What() string {
	switch s.Do {
	case SuggestAddOrder:
		return "add the order: " + describe(s.Changes)
	case SuggestAddCase:
		what := "open a " + string(s.CaseKind) + " case about " + s.Record
		if len(s.Changes) > 0 {
			what += ": " + describe(s.Changes)
		}
		return what
	}
	return s.Record + ": " + describe(s.Changes)
}
