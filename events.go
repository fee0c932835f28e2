package vault

import (
	"fmt"
	"strings"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// Event is one entry of a case's own timeline: what vault recorded (the
// case opened, a status changed, the case decided) as a kind with its
// values, or what the buyer typed (a call, a form sent) as its text.
// Events vault wrote before events had kinds keep their English text and
// its hash; In writes them in either language as before.
type Event struct {
	ID   int64      `json:"id"`
	At   date.Value `json:"at"`
	Kind EventKind  `json:"kind,omitempty"`
	Text string     `json:"text,omitempty"` // the buyer's own words, or an event from before kinds
	EventValues
}

// EventKind is what a case event records; EventNote is the buyer's text.
type EventKind string

// The kinds of case event.
const (
	EventNote      EventKind = ""          // the buyer's own words (vault case event)
	EventOpened    EventKind = "opened"    // the case was opened: CaseKind
	EventStatus    EventKind = "status"    // its status moved: From, To, Note
	EventDecided   EventKind = "decided"   // it was decided: From, To, Outcome, Refunded
	EventUndecided EventKind = "undecided" // its outcome was withdrawn: From, To, Outcome
)

// EventKinds are the kinds vault records, as the store's CHECK lists them.
var EventKinds = []EventKind{EventOpened, EventStatus, EventDecided, EventUndecided}

// EventValues are the values of an event of a kind; each kind uses some.
type EventValues struct {
	CaseKind CaseKind    `json:"case_kind,omitempty"`
	From     CaseStatus  `json:"from,omitempty"`
	To       CaseStatus  `json:"to,omitempty"`
	Outcome  Outcome     `json:"outcome,omitempty"`
	Refunded money.Money `json:"refunded,omitzero"`
	Note     string      `json:"note,omitempty"`
}

// Opened is the event of a case opened on a day.
func Opened(c Case) Event {
	return Event{At: c.Opened, Kind: EventOpened, EventValues: EventValues{CaseKind: c.Kind}}
}

// StatusMoved is the event of a status moved by hand, with the buyer's note.
func StatusMoved(at date.Value, from, to CaseStatus, note string) Event {
	return Event{At: at, Kind: EventStatus, EventValues: EventValues{From: from, To: to, Note: note}}
}

// Decision is the event a change of a case's outcome records, if any: its
// decision, dated the day decided, or the outcome withdrawn, dated now.
func Decision(old, c Case, now date.Value) (Event, bool) {
	switch {
	case c.Status == old.Status:
		return Event{}, false
	case c.Outcome == "":
		return Event{At: now, Kind: EventUndecided, EventValues: EventValues{From: old.Status, To: c.Status, Outcome: old.Outcome}}, true
	}
	return Event{At: c.Decided, Kind: EventDecided, EventValues: EventValues{From: old.Status, To: c.Status, Outcome: c.Outcome,
		Refunded: c.Refunded}}, true
}

// In writes the event in l.
func (e Event) In(l lang.Lang) string {
	v := e.EventValues
	nb := l == lang.NB
	pick := func(en, no string) string {
		if nb {
			return no
		}
		return en
	}
	switch e.Kind {
	case EventNote:
		return legacyEvent(l, e.Text)
	case EventOpened:
		return fmt.Sprintf(pick("%s case opened", "%s: sak åpnet"), v.CaseKind.Word(l))
	case EventStatus:
		return withNote(fmt.Sprintf("status %s -> %s", v.From.Word(l), v.To.Word(l)), v.Note)
	case EventDecided:
		s := fmt.Sprintf(pick("decided: %s", "avgjort: %s"), v.Outcome.Word(l))
		if !v.Refunded.IsZero() {
			s += fmt.Sprintf(pick(", %s back", ", %s tilbake"), l.Money(v.Refunded))
		}
		return s
	case EventUndecided:
		return fmt.Sprintf(pick("outcome (%s) withdrawn: %s again", "utfallet (%s) trukket tilbake: %s igjen"), v.Outcome.Word(l), v.To.Word(l))
	}
	return string(e.Kind)
}

func withNote(s, note string) string {
	if note != "" {
		return s + ": " + note
	}
	return s
}

// legacyEvent writes in l an event whose text vault wrote in English
// before events had kinds ("dispute case opened", "status open -> won:
// note"); the buyer's own events stay as they were typed.
func legacyEvent(l lang.Lang, s string) string {
	if l != lang.NB {
		return s
	}
	if k, ok := strings.CutSuffix(s, " case opened"); ok {
		if kind, err := ParseCaseKind(k); err == nil {
			return Opened(Case{Kind: kind}).In(l)
		}
	}
	rest, ok := strings.CutPrefix(s, "status ")
	f, rest, arrow := strings.Cut(rest, " -> ")
	to, note, _ := strings.Cut(rest, ": ")
	from, err1 := ParseCaseStatus(f)
	next, err2 := ParseCaseStatus(to)
	if !ok || !arrow || err1 != nil || err2 != nil {
		return s
	}
	return withNote(fmt.Sprintf("status %s -> %s", from.Word(l), next.Word(l)), note)
}
