package export

import (
	"fmt"
	"slices"
	"time"

	"vault"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// Entry is one dated thing in a case's timeline. What is its English text;
// the dossier writes it in its own language from the format and arguments.
type Entry struct {
	At     date.Value `json:"at"`
	What   string     `json:"what"`
	Record string     `json:"record"`         // ORD-n, EV-n or CASE-n
	Rule   string     `json:"rule,omitempty"` // the rule whose last day this is, if it is one
	format string
	args   []any
	sortAt time.Time // when it sorts, if not At: a day after the same day's earlier step
}

// SortEntries puts entries in time order; entries of the same time keep
// their order.
func SortEntries(entries []Entry) {
	slices.SortStableFunc(entries, func(a, b Entry) int { return a.sortTime().Compare(b.sortTime()) })
}

func (e Entry) sortTime() time.Time {
	if !e.sortAt.IsZero() {
		return e.sortAt
	}
	return e.At.Time()
}

// Word is an argument of an entry that is one of the dossier's fixed words
// (a date's label, a window's name): the dossier translates it with the
// entry's format, as it does the vocabularies of the domain (kinds,
// parties: see word). Other arguments are the records' own text, printed as
// they are.
type Word string

// word is a value that knows its own translation: the domain's vocabularies.
type word interface{ Word(lang.Lang) string }

// NewEntry makes an entry whose text is format filled with args.
func NewEntry(at date.Value, record, format string, args ...any) Entry {
	en := make([]any, len(args))
	for i, a := range args {
		if w, ok := a.(word); ok {
			a = w.Word(lang.EN)
		}
		en[i] = a
	}
	return Entry{At: at, What: fmt.Sprintf(format, en...), Record: record, format: format, args: args}
}

// Named is a rule's last day with the rule named as its reader knows it
// ("Visa") instead of by its id in vault ("visa.chargeback").
func (e Entry) Named(name string) Entry {
	if e.Rule == "" || len(e.args) < 2 {
		return e
	}
	args := slices.Clone(e.args)
	args[1] = name
	n := NewEntry(e.At, e.Record, e.format, args...)
	n.Rule = e.Rule
	return n
}

// event is a case event as an entry's argument: written in each language.
type event struct{ vault.Event }

func (e event) Word(l lang.Lang) string { return e.In(l) }

// entryText writes an entry in the dossier's language.
func (d Dossier) entryText(e Entry) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		switch w := a.(type) {
		case Word:
			a = d.t(string(w))
		case word:
			a = w.Word(d.Lang)
		case money.Money:
			a = d.money(w)
		case date.Value:
			a = d.date(w)
		}
		args[i] = a
	}
	return fmt.Sprintf(d.t(e.format), args...)
}

// Timeline lists every dated thing of a case in time order: the orders'
// dates and the refunds the facts count, messages, emails and dated files,
// the other disputes about its orders as the facts have them (opened,
// decided), and the case's own events. Undated evidence is left out (it has
// no place in time).
func Timeline(f vault.CaseFile, facts vault.CaseFacts) []Entry {
	var out []Entry
	for _, o := range facts.Orders {
		out = append(out, orderEntries(o)...)
	}
	out = append(out, refundEntries(facts)...)
	for _, r := range facts.Related {
		out = append(out, relatedEntries(r)...)
	}
	for _, e := range f.Evidence {
		if e.OccurredAt.IsZero() || e.Parent != 0 {
			continue
		}
		if e.Party == vault.PartyUnknown {
			out = append(out, NewEntry(e.OccurredAt, e.ID.String(), "%s: %s", e.Kind, e.Title))
			continue
		}
		out = append(out, NewEntry(e.OccurredAt, e.ID.String(), "%s from %s: %s", e.Kind, e.Party, e.Title))
	}
	if last, ok := facts.Shipping.Last(); ok {
		out = append(out, trackedEntry(last))
	}
	for _, ev := range f.Events {
		out = append(out, NewEntry(ev.At, f.Case.ID.String(), "%s", event{ev}))
	}
	SortEntries(out)
	return out
}

// trackedEntry is the last event of the tracking history, on its day,
// pointing to the saved page that shows it.
func trackedEntry(t vault.Tracked) Entry {
	if t.Clock == "" {
		return NewEntry(t.Day, t.Page.String(), "last tracking event: %s", t.What())
	}
	return NewEntry(t.Day, t.Page.String(), "last tracking event, %s: %s", t.Clock, t.What())
}

// orderEntries are an order's dates, and a delivery after the expected day
// with how many days after.
// A step recorded as a day only sorts after the same day's earlier steps
// (paid on the day of an order placed at 14:30 comes after it).
func orderEntries(o vault.Order) []Entry {
	var out []Entry
	id, name := o.ID.String(), o.Marketplace.Name()
	var last time.Time
	for _, d := range o.Dates() {
		var e Entry
		if late := o.Delivered.DaysAfter(o.Expected); d.Label == "delivered" && late > 0 {
			e = NewEntry(d.At, id, "delivered %s order %s, %d days after the expected date", name, o.Number, late)
		} else {
			f, _ := vault.FieldOf(vault.RecordOrder, d.Label)
			e = NewEntry(d.At, id, "%s %s order %s", f, name, o.Number)
		}
		if t := d.At.Time(); d.At.IsDay() && last.After(t) && last.Sub(t) < 24*time.Hour {
			e.sortAt = last
		}
		last = e.sortTime()
		out = append(out, e)
	}
	return out
}

// refundEntries are the dated refunds the facts count of one order: the
// buyer's record, or the bank's credit (a decision's is its own entry).
func refundEntries(facts vault.CaseFacts) []Entry {
	var out []Entry
	for _, r := range facts.Money.Refunds {
		if !r.Counted || r.At.IsZero() || r.Source == vault.RefundDecided {
			continue
		}
		o := orderOf(facts.Orders, r.Orders[0])
		format := "%s refunded on %s order %s"
		if r.Source == vault.RefundCredited {
			format = "%s credited back on %s order %s"
		}
		out = append(out, NewEntry(r.At, r.Record, format, r.Amount, o.Marketplace.Name(), o.Number))
	}
	return out
}

// relatedEntries are the opening of another dispute about the orders and,
// when decided, its decision.
func relatedEntries(r vault.DisputeOutcome) []Entry {
	name := dispute{r}
	out := []Entry{NewEntry(r.Opened, r.Case.String(), "%s opened", name)}
	if r.Outcome != "" && !r.Decided.IsZero() {
		out = append(out, NewEntry(r.Decided, r.Case.String(), "%s decided: %s", name, outcome{r}))
	}
	return out
}

// dispute names a dispute in an entry: "AliExpress dispute 7001234567",
// "chargeback".
type dispute struct{ vault.DisputeOutcome }

func (d dispute) Word(l lang.Lang) string {
	s := d.Kind.Word(l)
	if d.Kind == vault.Dispute {
		s = fmt.Sprintf(bokmal.In(l, "%s dispute"), d.Marketplace.Name())
	}
	if d.DisputeNumber != "" {
		s += " " + d.DisputeNumber
	}
	return s
}

// outcome is a decision in an entry: "lost", "partial, 300.00 NOK back".
type outcome struct{ vault.DisputeOutcome }

func (o outcome) Word(l lang.Lang) string {
	s := o.Outcome.Word(l)
	if o.Refunded.Minor > 0 {
		s += ", " + l.Money(o.Refunded) + bokmal.In(l, " back")
	}
	return s
}

// orderOf finds an order by id.
func orderOf(orders []vault.Order, id vault.OrderID) vault.Order {
	for _, o := range orders {
		if o.ID == id {
			return o
		}
	}
	return vault.Order{ID: id}
}

// timeline prints the timeline, one line each, linked to exhibits.
func (d Dossier) timeline(doc *doc) {
	entries := d.Entries
	if len(entries) == 0 {
		return
	}
	doc.section()
	doc.heading(d.t("Timeline"), 16, true)
	doc.para(body, 9, d.t("What happened, oldest first, with the exhibit or page that shows it; the only later date is the receiver's own deadline."))
	doc.gap(3)
	for _, e := range entries {
		if e.Rule == "" && e.At.Time().After(d.Generated) {
			continue // a promised day still ahead is in the facts, not the past
		}
		doc.need(10)
		doc.timelineRow(d.date(e.At), d.entryText(e), d.entryRef(e))
	}
}

// entryRef is where the dossier shows an entry's record: "E3, p. 6" for an
// exhibit (for a statement line, its statement's), "p. 5" for a message in
// the communication log, else "".
func (d Dossier) entryRef(e Entry) string {
	for _, t := range d.Charges {
		if t.ID.String() == e.Record && t.Statement != 0 {
			e.Record = t.Statement.String()
		}
	}
	for _, x := range d.Exhibits {
		if x.ID.String() == e.Record {
			if p := d.pageRef(x.Label); p != "" {
				return x.Label + ", " + p
			}
			return x.Label
		}
	}
	return d.pageRef(e.Record)
}
