package vault

import (
	"encoding/json"
	"testing"

	"vault/internal/lang"
)

// TestLegacyEvents: an event vault wrote in English before events had
// kinds is written in bokmål as before; the buyer's own text stays as typed.
func TestLegacyEvents(t *testing.T) {
	for in, want := range map[string]string{
		"dispute case opened":                     "tvist: sak åpnet",
		"status open -> won: refund of 49,90 NOK": "status åpen -> vunnet: refund of 49,90 NOK",
		"status escalated -> lost":                "status eskalert -> tapt",
		"called the bank, case opened":            "called the bank, case opened",
		"status report sent -> bank":              "status report sent -> bank",
		"status":                                  "status",
	} {
		e := Event{Text: in}
		if got := e.In(lang.NB); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
		if got := e.In(lang.EN); got != in {
			t.Errorf("English changed: %q", got)
		}
	}
}

// TestEventKinds: each kind is written from its values in each language,
// and its values survive the store's JSON.
func TestEventKinds(t *testing.T) {
	c := Case{Kind: Chargeback, Opened: day("2026-10-01"), Status: StatusOpen}
	decided := c
	decided.Status, decided.Outcome, decided.Refunded, decided.Decided = StatusClosed, OutcomePartial, nok(30000), day("2026-10-20")
	dec, _ := Decision(c, decided, day("2026-10-21"))
	reopened := decided
	reopened.Status, reopened.Outcome = StatusOpen, ""
	undec, _ := Decision(decided, reopened, day("2026-10-22"))
	for _, tt := range []struct {
		e      Event
		en, nb string
	}{
		{Opened(c), "chargeback case opened", "kortreklamasjon: sak åpnet"},
		{StatusMoved(day("2026-10-05"), StatusOpen, StatusEscalated, "no answer"), "status open -> escalated: no answer",
			"status åpen -> eskalert: no answer"},
		{dec, "decided: partial, 300.00 NOK back", "avgjort: delvis vunnet, 300,00\u00a0kr tilbake"},
		{undec, "outcome (partial) withdrawn: open again", "utfallet (delvis vunnet) trukket tilbake: åpen igjen"},
	} {
		if got := tt.e.In(lang.EN); got != tt.en {
			t.Errorf("en: %q, want %q", got, tt.en)
		}
		if got := tt.e.In(lang.NB); got != tt.nb {
			t.Errorf("nb: %q, want %q", got, tt.nb)
		}
		b, err := json.Marshal(tt.e.EventValues)
		var back EventValues
		if err == nil {
			err = json.Unmarshal(b, &back)
		}
		if err != nil || back != tt.e.EventValues {
			t.Errorf("%s: %s -> %+v (%v)", tt.e.Kind, b, back, err)
		}
	}
	if dec.At != decided.Decided || undec.At.String() != "2026-10-22" {
		t.Errorf("dated %s and %s", dec.At, undec.At)
	}
	if _, ok := Decision(c, c, day("2026-10-22")); ok {
		t.Error("no change of status, no event")
	}
}
