package vault

import (
	"strconv"
	"time"

	"vault/internal/date"
)

// AccountID is a marketplace account's row id, shown as ACC-n.
type AccountID int64

func (id AccountID) String() string { return "ACC-" + strconv.FormatInt(int64(id), 10) }

// MarshalText writes the human form, so JSON carries "ACC-1".
func (id AccountID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText reads "ACC-1".
func (id *AccountID) UnmarshalText(b []byte) error {
	n, err := parseID("ACC", string(b))
	*id = AccountID(n)
	return err
}

// ParseAccountID reads "ACC-2" (any case) or a bare "2".
func ParseAccountID(s string) (AccountID, error) {
	n, err := parseID("ACC", s)
	return AccountID(n), err
}

// Account is the buyer's account at a marketplace, as a reinstatement case
// needs it: how to find it, when it was blocked and why, and by when an
// appeal must be made.
type Account struct {
	ID          AccountID   `json:"id"`
	Marketplace Marketplace `json:"marketplace"`
	Login       string      `json:"login"` // the e-mail address or user id the marketplace knows
	Blocked     date.Value  `json:"blocked,omitzero"`
	Reason      string      `json:"reason,omitempty"` // as the marketplace gave it
	AppealBy    date.Value  `json:"appeal_by,omitzero"`
	Note        string      `json:"note,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
	Retracted   string      `json:"retracted,omitempty"` // why it was retracted, if it was
}

// Edit is one change to a record after it was added: a field, its old and
// new values ("" for not set), who made it and when. Every edit is a record
// of its own in the audit log, so the old value stays provable.
type Edit struct {
	ID     int64     `json:"id"`
	Record string    `json:"record"` // ORD-1, CASE-2, EV-3, ACC-1
	Field  string    `json:"field"`
	Old    string    `json:"old"`
	New    string    `json:"new"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Entry  int64     `json:"audit_entry,omitempty"` // the number of its audit entry
}

// Retraction takes a record entered by mistake out of listings, deadlines
// and dossiers. The record itself stays, with its audit history.
type Retraction struct {
	Record string    `json:"record"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}
