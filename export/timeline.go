package export

import (
	"fmt"
	"slices"

	"vault/internal/date"
	"vault/store"
)

// Entry is one dated thing in a case's timeline.
type Entry struct {
	At     date.Value `json:"at"`
	What   string     `json:"what"`
	Record string     `json:"record"` // ORD-n, EV-n or CASE-n
}

// Timeline lists every dated thing of a case file in time order: the orders'
// dates, messages, emails and dated files, and the case's own events.
// Undated evidence is left out (it has no place in time).
func Timeline(f store.CaseFile) []Entry {
	var out []Entry
	for _, o := range f.Orders {
		for _, d := range o.Dates() {
			out = append(out, Entry{d.At, fmt.Sprintf("%s %s order %s", d.Label, o.Marketplace, o.Number), o.ID.String()})
		}
	}
	for _, e := range f.Evidence {
		if e.OccurredAt.IsZero() || e.Parent != 0 {
			continue
		}
		what := fmt.Sprintf("%s: %s", e.Kind, e.Title)
		if e.Party != "" {
			what = fmt.Sprintf("%s from %s: %s", e.Kind, e.Party, e.Title)
		}
		out = append(out, Entry{e.OccurredAt, what, e.ID.String()})
	}
	for _, ev := range f.Events {
		out = append(out, Entry{ev.At, ev.Text, f.Case.ID.String()})
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return a.At.Time().Compare(b.At.Time()) })
	return out
}

// timeline prints the timeline, one line each, linked to exhibits.
func (d Dossier) timeline(doc *doc) {
	entries := d.Entries
	if len(entries) == 0 {
		return
	}
	doc.page()
	doc.heading("Timeline", 16, true)
	doc.para(body, 9, "Every dated record of the case, oldest first, with its exhibit number (E1, E2 ...) or record.")
	doc.gap(3)
	for _, e := range entries {
		ref := e.Record
		for _, x := range d.Exhibits {
			if x.ID.String() == e.Record {
				ref = x.Label
			}
		}
		doc.need(10)
		doc.timelineRow(e.At.Format(d.Location), e.What, ref)
	}
}
