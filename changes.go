package vault

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"vault/internal/date"
)

// Change is one change asked of a record's field, its value in the stored
// form (money as "49.90 NOK", dates as date.Value writes them).
type Change struct {
	Field string
	Op    ChangeOp
	Value string
}

// scalar is the value a change gives a field that holds one: its value when
// set, "" when unset; ok is false for an add or a remove.
func (c Change) scalar() (value string, ok bool) {
	switch c.Op {
	case Set:
		return c.Value, true
	case Unset:
		return "", true
	}
	return "", false
}

// ChangeOp is what a change does to its field.
type ChangeOp string

// The changes a field can take: lists (items, tracking) take Add and Remove.
const (
	Set    ChangeOp = "set"
	Unset  ChangeOp = "unset"
	Add    ChangeOp = "add"
	Remove ChangeOp = "remove"
)

// FieldError is a change a record cannot take.
type FieldError struct {
	Record, Field, Why string
}

func (e *FieldError) Error() string { return fmt.Sprintf("%s %s: %s", e.Record, e.Field, e.Why) }

// checkText refuses a field that is not UTF-8 text (bytes from a terminal
// in another encoding): search, the dossier and JSON could not hold it as
// it was given.
func checkText(record string, fields map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if !utf8.ValidString(fields[k]) {
			return &FieldError{record, k, "not UTF-8 text; give it in UTF-8"}
		}
	}
	return nil
}

// Fields are the order's fields in their stored form ("" when not set;
// lists one value a line): what an edit compares and records.
func (o Order) Fields() map[string]string { return fieldsMap(&o, orderFields) }

// Facts are the order's facts recorded apart, by key, those set only.
func (o Order) Facts() map[string]string { return factsMap(&o, orderFields) }

// SetFact sets one of the order's facts from its stored form.
func (o *Order) SetFact(key, value string) error {
	return setFact(o, orderFields, o.ID.String(), "an order", key, value)
}

// Apply returns the order with the changes made, or the first change it
// cannot take. It does not check the dates against each other (Check).
func (o Order) Apply(changes []Change) (Order, error) {
	o.Items, o.Tracking = slices.Clone(o.Items), slices.Clone(o.Tracking)
	for _, c := range changes {
		if err := change(&o, orderFields, o.ID.String(), "an order", c); err != nil {
			return o, err
		}
	}
	o.Number = strings.TrimSpace(o.Number)
	if o.Marketplace == "" || o.Number == "" {
		return o, &FieldError{o.ID.String(), "marketplace and number", "an order keeps both"}
	}
	return o, nil
}

// editList adds to, removes from or empties a list field.
func editList(list *[]string, c Change, bad func(string) error) error {
	switch c.Op {
	case Add:
		if c.Value == "" {
			return bad("nothing to add")
		}
		if !slices.Contains(*list, c.Value) {
			*list = append(*list, c.Value)
		}
	case Remove:
		i := slices.Index(*list, c.Value)
		if i < 0 {
			return bad(fmt.Sprintf("%q is not there", c.Value))
		}
		*list = slices.Delete(*list, i, i+1)
	case Unset:
		*list = nil
	default:
		return bad("a list: add to it, remove from it or unset it")
	}
	return nil
}

// Fields are the case's editable fields in their stored form.
func (c Case) Fields() map[string]string { return fieldsMap(&c, caseFields) }

// Facts are the case's facts recorded apart, by key, those set only.
func (c Case) Facts() map[string]string { return factsMap(&c, caseFields) }

// SetFact sets one of the case's facts from its stored form.
func (c *Case) SetFact(key, value string) error {
	return setFact(c, caseFields, c.ID.String(), "a case", key, value)
}

// Apply returns the case with the changes made (now is in the user's zone;
// its day is the default day decided). An outcome moves the case
// to its status (won, lost, or closed for a partial win), as a status change
// would (CaseStatus.MoveTo, which force confirms); the day it was decided
// defaults to today.
func (c Case) Apply(changes []Change, now time.Time, force bool) (Case, error) {
	today := date.Day(now)
	from, decided := c.Status, c.Outcome
	undated := false // the day decided unset
	for _, ch := range changes {
		undated = undated || ch.Field == "decided" && ch.Op == Unset
		if ch.Field == "opened" && ch.Op == Unset {
			return c, &FieldError{c.ID.String(), ch.Field, "a case keeps the day it was opened"}
		}
		if err := change(&c, caseFields, c.ID.String(), "a case", ch); err != nil {
			return c, err
		}
	}
	switch {
	case c.Outcome != "" && undated:
		return c, &FieldError{c.ID.String(), "decided", "a decided case keeps its day; unset outcome to reopen it"}
	case c.Outcome != "":
		if err := c.decide(from, today, force); err != nil {
			return c, err
		}
	case decided != "": // the outcome unset: the case is open again
		if err := from.MoveTo(StatusOpen, force); err != nil {
			return c, err
		}
		c.Status, c.Decided, c.Closed = StatusOpen, date.Value{}, date.Value{}
	case !c.Decided.IsZero():
		return c, &FieldError{c.ID.String(), "decided", "only a case with an outcome is decided (--outcome)"}
	}
	return c, c.check(now, force)
}

// decide moves a case with an outcome to the outcome's status (from the
// status it had), dated the day decided or today.
func (c *Case) decide(from CaseStatus, today date.Value, force bool) error {
	if c.Outcome == OutcomeLost && !c.Refunded.IsZero() {
		return &FieldError{c.ID.String(), "refunded", "a lost case gave nothing back: unset refunded, or the outcome is partial"}
	}
	if to := c.Outcome.Status(); to != from {
		if err := from.MoveTo(to, force); err != nil {
			return err
		}
		c.Status = to
	}
	if c.Decided.IsZero() {
		c.Decided = today
	}
	c.Closed = c.Decided
	return nil
}

// CheckText refuses a field of the case that is not UTF-8 text.
func (c Case) CheckText() error {
	return checkText(c.ID.String(), c.Fields())
}

// check refuses, without force, a case opened or decided after today,
// decided before it was opened, or a refund above the amount claimed or in
// another currency.
func (c Case) check(now time.Time, force bool) error {
	if err := c.CheckText(); err != nil {
		return err
	}
	if force {
		return nil
	}
	for _, d := range []Dated{{"opened", c.Opened}, {"decided", c.Decided}, {"discovered", c.Discovered}} {
		if err := CheckPast(d.Label, d.At, now, false); err != nil {
			return err
		}
	}
	if err := checkOrder(Dated{"decided", c.Decided}, Dated{"the day opened", c.Opened}, now.Location(), false); err != nil {
		return err
	}
	switch r, a := c.Refunded, c.Amount; {
	case r.IsZero() || a.IsZero():
	case r.Currency != a.Currency:
		return needsForce("the refund %s is in another currency than the amount claimed %s", r, a)
	case r.Minor > a.Minor:
		return needsForce("the refund %s is more than the amount claimed %s", r, a)
	}
	return nil
}

// Fields are the evidence's editable fields in their stored form.
func (e Evidence) Fields() map[string]string { return fieldsMap(&e, evidenceFields) }

// Apply returns the evidence with the changes made. The text of a message
// can change only when it was typed: a message read from a file, an email
// and a file are their stored bytes.
func (e Evidence) Apply(changes []Change) (Evidence, error) {
	for _, c := range changes {
		was := e.Kind
		if err := e.allows(c); err != nil {
			return e, &FieldError{e.ID.String(), c.Field, err.Error()}
		}
		if err := change(&e, evidenceFields, e.ID.String(), "evidence", c); err != nil {
			return e, err
		}
		if e.Kind != was && (e.Kind.IsCorrespondence() || was.IsCorrespondence()) {
			return e, &FieldError{e.ID.String(), c.Field, "a message or an email stays what it is, and a file cannot become one"}
		}
	}
	return e, nil
}

// allows refuses a change evidence cannot take whatever its value: no kind,
// or the text of what was not typed, or no text.
func (e Evidence) allows(c Change) error {
	value, _ := c.scalar()
	switch {
	case c.Field == "kind" && value == "":
		return errors.New("evidence keeps a kind")
	case c.Field == "text" && e.Source != SourceTyped:
		return errors.New("only a typed message's text can change; the others are their stored bytes")
	case c.Field == "text" && value == "":
		return errors.New("a message keeps its text")
	}
	return nil
}

// Check refuses, without force, evidence dated after today (now is in the
// user's zone).
func (e Evidence) Check(now time.Time, force bool) error {
	return CheckPast("its date", e.OccurredAt, now, force)
}

// Check refuses, without force, an account blocked after today or whose
// appeal day comes before it was blocked.
func (a Account) Check(now time.Time, force bool) error {
	if err := CheckPast("blocked", a.Blocked, now, force); err != nil {
		return err
	}
	return checkOrder(Dated{"appeal-by", a.AppealBy}, Dated{"blocked", a.Blocked}, now.Location(), force)
}

// Fields are the account's editable fields in their stored form.
func (a Account) Fields() map[string]string { return fieldsMap(&a, accountFields) }

// Apply returns the account with the changes made.
func (a Account) Apply(changes []Change) (Account, error) {
	for _, c := range changes {
		if err := change(&a, accountFields, a.ID.String(), "an account", c); err != nil {
			return a, err
		}
	}
	if a.Marketplace == "" || a.Login == "" {
		return a, &FieldError{a.ID.String(), "marketplace and login", "an account keeps both"}
	}
	return a, nil
}

// Diff lists the fields whose stored form differs between two Fields maps,
// in a fixed order.
func Diff(old, new map[string]string) []string {
	var out []string
	for k := range old {
		if old[k] != new[k] {
			out = append(out, k)
		}
	}
	for k := range new {
		if _, ok := old[k]; !ok && new[k] != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
