package export

import (
	"fmt"
	"slices"

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
		}
		args[i] = a
	}
	return fmt.Sprintf(d.t(e.format), args...)
}

// Timeline lists every dated thing of a case file in time order: the orders'
// dates, messages, emails and dated files, and the case's own events.
// Undated evidence is left out (it has no place in time).
func Timeline(f vault.CaseFile) []Entry {
	var out []Entry
	for _, o := range f.Orders {
		out = append(out, orderEntries(o)...)
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
	for _, ev := range f.Events {
		out = append(out, NewEntry(ev.At, f.Case.ID.String(), "%s", event{ev}))
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return a.At.Time().Compare(b.At.Time()) })
	return out
}

// orderEntries are an order's dates, a delivery after the expected day
// with how many days after, and the refund recorded.
func orderEntries(o vault.Order) []Entry {
	var out []Entry
	id, name := o.ID.String(), o.Marketplace.Name()
	for _, d := range o.Dates() {
		if late := o.Delivered.DaysAfter(o.Expected); d.Label == "delivered" && late > 0 {
			out = append(out, NewEntry(d.At, id, "delivered %s order %s, %d days after the expected date", name, o.Number, late))
			continue
		}
		f, _ := vault.FieldOf(vault.RecordOrder, d.Label)
		out = append(out, NewEntry(d.At, id, "%s %s order %s", f, name, o.Number))
	}
	if !o.Refunded.IsZero() && !o.RefundedAt.IsZero() {
		out = append(out, NewEntry(o.RefundedAt, id, "%s refunded on %s order %s", o.Refunded, name, o.Number))
	}
	return out
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
// exhibit, "p. 5" for a message in the communication log, else "".
func (d Dossier) entryRef(e Entry) string {
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
