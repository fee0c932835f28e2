package vault

import "errors"

// Note is something the user should know of what the vault writes: a fact
// a letter leaves out because it is not recorded, a refund it cannot net, a
// window already over. Text is English, for the terminal, and names no
// command; Fix, when there is one, is what to do, which only the CLI writes
// as a command line (so a renamed flag is renamed in one place).
type Note struct {
	Text string `json:"text"`
	Fix  *Fix   `json:"fix,omitempty"`
}

// Notef is a note with a fix (nil for none).
func Notef(fix *Fix, text string) Note { return Note{Text: text, Fix: fix} }

// Fix is something to do in the vault, typed. The fields an action uses
// are named with it; placeholders (DATE, NUMBER, FILE) are written as such.
type Fix struct {
	Do     Action `json:"do"`
	Record string `json:"record,omitempty"` // the record acted on: ORD-1, CASE-2, TX-3, EV-4, ACC-1
	Field  string `json:"field,omitempty"`  // a field's key (vault.Fields), or a setting's
	Value  string `json:"value,omitempty"`  // the value to give, or its placeholder
	Kind   string `json:"kind,omitempty"`   // an evidence kind, a case kind, a letter, a listing
	Order  string `json:"order,omitempty"`  // the order, when it is not the record
	Case   string `json:"case,omitempty"`   // the case, when it is not the record
}

// Action is what a fix does.
type Action string

// The actions of a fix, with the fields of Fix each uses.
const (
	DoSet        Action = "set"         // Record, Field, Value
	DoUnset      Action = "unset"       // Record, Field
	DoAttach     Action = "attach"      // Kind (of evidence), Order
	DoWrite      Action = "write"       // a message of the buyer's: Order
	DoExport     Action = "export"      // Record (a case)
	DoConfig     Action = "config"      // Field (a setting), Value
	DoConfirm    Action = "confirm"     // Record (a statement line), Order: confirm the link
	DoMatch      Action = "match"       // a statement imported and matched
	DoUnlink     Action = "unlink"      // Record, Case
	DoLink       Action = "link"        // Case, Order
	DoAddCase    Action = "add-case"    // Kind (of case), Order
	DoAddOrder   Action = "add-order"   // Kind (the marketplace)
	DoAddAccount Action = "add-account" // Record (the case to name it on)
	DoDraft      Action = "draft"       // Kind (of letter), Record (a case) or Order
	DoRule       Action = "rule"        // Record (a rule's id; "" lists them)
	DoRepair     Action = "repair"      // vault verify --repair
	DoVerify     Action = "verify"      // vault verify
	DoListAll    Action = "list-all"    // Kind (orders, cases, evidence, accounts)
	DoReceive    Action = "receive"     // start receiving from the phone again
	DoRestore    Action = "restore"     // restore a backup
	DoCheck      Action = "check"       // Record (a case): what its claim lacks
	DoPicture    Action = "picture"     // Record (a saved page): draw its picture
)

// Actions are every action, for the test that writes each as a command line.
var Actions = []Action{DoSet, DoUnset, DoAttach, DoWrite, DoExport, DoConfig, DoConfirm, DoMatch, DoUnlink, DoLink,
	DoAddCase, DoAddOrder, DoAddAccount, DoDraft, DoRule, DoRepair, DoVerify, DoListAll, DoReceive, DoRestore, DoCheck, DoPicture}

// SetField is the fix that records a field of a record.
func SetField(record, field, value string) *Fix {
	return &Fix{Do: DoSet, Record: record, Field: field, Value: value}
}

// FixError is an error with what to do about it: the CLI adds the command
// line. The message is the error's own.
type FixError struct {
	Err error
	Fix Fix
}

func (e *FixError) Error() string { return e.Err.Error() }
func (e *FixError) Unwrap() error { return e.Err }

// WithFix wraps err with what to do about it.
func WithFix(err error, fix Fix) error { return &FixError{Err: err, Fix: fix} }

// FixOf is the fix an error carries, if any.
func FixOf(err error) (Fix, bool) {
	var fe *FixError
	if errors.As(err, &fe) {
		return fe.Fix, true
	}
	return Fix{}, false
}
