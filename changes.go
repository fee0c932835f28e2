package vault

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"vault/internal/date"
	"vault/internal/money"
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

// orderFacts are the order's fields kept apart from its first columns.
var orderFacts = []string{"site", "protection_ends", "refunded", "refunded_at", "seller_country"}

// Fields are the order's fields in their stored form ("" when not set;
// lists one value a line): what an edit compares and records.
func (o Order) Fields() map[string]string {
	f := map[string]string{"marketplace": string(o.Marketplace), "number": o.Number, "seller": o.Seller,
		"total": o.Total.String(), "payment": o.Payment, "note": o.Note,
		"items": strings.Join(o.Items, "\n"), "tracking": strings.Join(o.Tracking, "\n")}
	for k, v := range o.Facts() {
		f[k] = v
	}
	for _, d := range []Dated{{"ordered", o.Ordered}, {"paid", o.Paid}, {"shipped", o.Shipped},
		{"expected", o.Expected}, {"delivered", o.Delivered}} {
		f[d.Label] = d.At.String()
	}
	return f
}

// Facts are the order's facts recorded apart, by key, those set only.
func (o Order) Facts() map[string]string {
	return setOnly(map[string]string{"site": o.Site, "seller_country": o.SellerCountry, "protection_ends": o.ProtectionEnds.String(),
		"refunded": o.Refunded.String(), "refunded_at": o.RefundedAt.String()})
}

// setOnly drops the keys whose value is "" (not set).
func setOnly(m map[string]string) map[string]string {
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}

// SetFact sets one of the order's facts from its stored form.
func (o *Order) SetFact(key, value string) error {
	var err error
	switch key {
	case "site":
		o.Site = value
	case "seller_country":
		if o.SellerCountry = Country(value); value != "" && !ValidCountry(o.SellerCountry) {
			err = fmt.Errorf("%q: give a two-letter country code (CN, DE, NO) or %s", value, OutsideEEA)
		}
	case "protection_ends":
		o.ProtectionEnds, err = date.Stored(value)
	case "refunded":
		o.Refunded, err = storedMoney(value)
	case "refunded_at":
		o.RefundedAt, err = date.Stored(value)
	default:
		return &FieldError{o.ID.String(), key, "not a fact of an order"}
	}
	return err
}

// Apply returns the order with the changes made, or the first change it
// cannot take. It does not check the dates against each other (Check).
func (o Order) Apply(changes []Change) (Order, error) {
	o.Items, o.Tracking = slices.Clone(o.Items), slices.Clone(o.Tracking)
	for _, c := range changes {
		if err := o.apply(c); err != nil {
			return o, err
		}
	}
	if o.Marketplace == "" || o.Number == "" {
		return o, &FieldError{o.ID.String(), "marketplace and number", "an order keeps both"}
	}
	return o, nil
}

func (o *Order) apply(c Change) error {
	bad := func(why string) error { return &FieldError{o.ID.String(), c.Field, why} }
	value := c.Value
	if c.Op == Unset {
		value = ""
	}
	if c.Field == "items" || c.Field == "tracking" {
		list := map[string]*[]string{"items": &o.Items, "tracking": &o.Tracking}[c.Field]
		return editList(list, c, bad)
	}
	if c.Op != Set && c.Op != Unset {
		return bad("takes a value, not " + string(c.Op))
	}
	var err error
	switch c.Field {
	case "marketplace":
		o.Marketplace = ParseMarketplace(value)
	case "number":
		o.Number = strings.TrimSpace(value)
	case "seller":
		o.Seller = value
	case "payment":
		o.Payment = value
	case "note":
		o.Note = value
	case "total":
		o.Total, err = storedMoney(value)
	case "ordered", "paid", "shipped", "expected", "delivered":
		target := map[string]*date.Value{"ordered": &o.Ordered, "paid": &o.Paid, "shipped": &o.Shipped,
			"expected": &o.Expected, "delivered": &o.Delivered}[c.Field]
		*target, err = date.Stored(value)
	default:
		if !slices.Contains(orderFacts, c.Field) {
			return bad("not a field of an order")
		}
		err = o.SetFact(c.Field, value)
	}
	if err != nil {
		return bad(err.Error())
	}
	return nil
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

// storedMoney reads an amount in its stored form; "" is none.
func storedMoney(s string) (money.Money, error) {
	if s == "" {
		return money.Money{}, nil
	}
	return money.Parse(s)
}

// caseFacts are the case's fields kept apart from its first columns.
var caseFacts = []string{"outcome", "refunded", "decided", "dispute_number", "bank_reference", "account", "problem", "discovered"}

// Fields are the case's editable fields in their stored form.
func (c Case) Fields() map[string]string {
	f := map[string]string{"title": c.Title, "receiver": c.Receiver, "reference": c.Reference,
		"amount": c.Amount.String(), "opened": c.Opened.String(), "status": string(c.Status)}
	for k, v := range c.Facts() {
		f[k] = v
	}
	return f
}

// Facts are the case's facts recorded apart, by key, those set only.
func (c Case) Facts() map[string]string {
	account := ""
	if c.Account != 0 {
		account = c.Account.String()
	}
	return setOnly(map[string]string{"outcome": string(c.Outcome), "refunded": c.Refunded.String(),
		"decided": c.Decided.String(), "dispute_number": c.DisputeNumber, "bank_reference": c.BankReference,
		"account": account, "problem": string(c.Problem), "discovered": c.Discovered.String()})
}

// SetFact sets one of the case's facts from its stored form.
func (c *Case) SetFact(key, value string) error {
	var err error
	switch key {
	case "outcome":
		if c.Outcome = Outcome(value); value != "" {
			_, err = ParseOutcome(value)
		}
	case "refunded":
		c.Refunded, err = storedMoney(value)
	case "decided":
		c.Decided, err = date.Stored(value)
	case "dispute_number":
		c.DisputeNumber = value
	case "problem":
		if c.Problem = Trouble(value); value != "" {
			_, err = ParseTrouble(value)
		}
	case "discovered":
		c.Discovered, err = date.Stored(value)
	case "bank_reference":
		c.BankReference = value
	case "account":
		c.Account = 0
		if value != "" {
			c.Account, err = ParseAccountID(value)
		}
	default:
		return &FieldError{c.ID.String(), key, "not a fact of a case"}
	}
	return err
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
		bad := func(why string) error { return &FieldError{c.ID.String(), ch.Field, why} }
		value, ok := ch.scalar()
		if !ok {
			return c, bad("takes a value, not " + string(ch.Op))
		}
		var err error
		switch ch.Field {
		case "title":
			c.Title = value
		case "receiver":
			c.Receiver = value
		case "reference":
			c.Reference = value
		case "amount":
			c.Amount, err = storedMoney(value)
		case "opened":
			if value == "" {
				return c, bad("a case keeps the day it was opened")
			}
			c.Opened, err = date.Stored(value)
		default:
			if !slices.Contains(caseFacts, ch.Field) {
				return c, bad("not a field of a case")
			}
			err = c.SetFact(ch.Field, value)
		}
		if err != nil {
			return c, bad(err.Error())
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
func (e Evidence) Fields() map[string]string {
	return map[string]string{"kind": string(e.Kind), "at": e.OccurredAt.String(), "from": string(e.Party),
		"title": e.Title, "note": e.Note, "text": e.Body}
}

// Apply returns the evidence with the changes made. The text of a message
// can change only when it was typed: a message read from a file, an email
// and a file are their stored bytes.
func (e Evidence) Apply(changes []Change) (Evidence, error) {
	for _, c := range changes {
		bad := func(why string) error { return &FieldError{e.ID.String(), c.Field, why} }
		value, ok := c.scalar()
		if !ok {
			return e, bad("takes a value, not " + string(c.Op))
		}
		var err error
		switch c.Field {
		case "kind":
			was := e.Kind
			if value == "" {
				return e, bad("evidence keeps a kind")
			}
			if e.Kind, err = ParseEvidenceKind(value); err == nil && e.Kind != was &&
				(e.Kind.IsCorrespondence() || was.IsCorrespondence()) {
				err = fmt.Errorf("a message or an email stays what it is, and a file cannot become one")
			}
		case "at":
			e.OccurredAt, err = date.Stored(value)
		case "from":
			e.Party = PartyUnknown
			if value != "" {
				e.Party, err = ParseParty(value)
			}
		case "title":
			e.Title = value
		case "note":
			e.Note = value
		case "text":
			if e.Source != SourceTyped {
				return e, bad("only a typed message's text can change; the others are their stored bytes")
			}
			if value == "" {
				return e, bad("a message keeps its text")
			}
			e.Body = value
		default:
			return e, bad("not a field of evidence")
		}
		if err != nil {
			return e, bad(err.Error())
		}
	}
	return e, nil
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
func (a Account) Fields() map[string]string {
	return map[string]string{"marketplace": string(a.Marketplace), "login": a.Login, "blocked": a.Blocked.String(),
		"reason": a.Reason, "appeal_by": a.AppealBy.String(), "note": a.Note}
}

// Apply returns the account with the changes made.
func (a Account) Apply(changes []Change) (Account, error) {
	for _, c := range changes {
		bad := func(why string) error { return &FieldError{a.ID.String(), c.Field, why} }
		value, ok := c.scalar()
		if !ok {
			return a, bad("takes a value, not " + string(c.Op))
		}
		var err error
		switch c.Field {
		case "marketplace":
			a.Marketplace = ParseMarketplace(value)
		case "login":
			a.Login = value
		case "blocked":
			a.Blocked, err = date.Stored(value)
		case "reason":
			a.Reason = value
		case "appeal_by":
			a.AppealBy, err = date.Stored(value)
		case "note":
			a.Note = value
		default:
			return a, bad("not a field of an account")
		}
		if err != nil {
			return a, bad(err.Error())
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
