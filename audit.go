package vault

import "time"

// AuditEntry is one row of the audit log: every write appends one per
// record it touched, chained to the row before by SHA-256.
type AuditEntry struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Action  string    `json:"action"`
	Record  string    `json:"record"`  // ORD-n, EV-n, CASE-n ...
	Content string    `json:"content"` // SHA-256 of the record's canonical content after the action
	Prev    string    `json:"prev"`
	Hash    string    `json:"hash"`
}

// Problem is one thing wrong in a vault, precise enough to act on.
type Problem struct {
	Record string `json:"record,omitempty"` // ORD-n, EV-n, CASE-n, "audit 12", "database"
	File   string `json:"file,omitempty"`
	What   string `json:"what"`
	Fix    *Fix   `json:"fix,omitempty"` // what mends it, when something in the vault does
}
