package vault

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseIDs(t *testing.T) {
	for in, want := range map[string]CaseID{"CASE-3": 3, "case-3": 3, " 3 ": 3, "CASE-0": 0, "CASE--1": 0, "CASE-": 0,
		"ORD-3": 0, "3.0": 0, "CASE-99999999999999999999": 0, "КЕЙС-1": 0, "": 0} {
		got, err := ParseCaseID(in)
		if got != want || (err == nil) != (want != 0) {
			t.Errorf("ParseCaseID(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if id, ok := ParseOrderID("ord-12"); !ok || id != 12 {
		t.Errorf("ParseOrderID(ord-12) = %v, %v", id, ok)
	}
	if _, ok := ParseOrderID("12"); ok {
		t.Error("a bare number was taken as an order id; it is an order number")
	}
}

func FuzzParseIDs(f *testing.F) {
	for _, s := range []string{"CASE-1", "ev-40", "ORD-12", "", "-1", "CASE-9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, err := ParseCaseID(s); err == nil {
			if id <= 0 {
				t.Fatalf("ParseCaseID(%q) = %d", s, id)
			}
			if back, err := ParseCaseID(id.String()); err != nil || back != id {
				t.Fatalf("round trip of %q: %v, %v", s, back, err)
			}
		}
		var ev EvidenceID
		if err := ev.UnmarshalText([]byte(s)); err == nil && (ev <= 0 || !strings.HasPrefix(ev.String(), "EV-")) {
			t.Fatalf("EvidenceID.UnmarshalText(%q) = %d", s, ev)
		}
		if id, ok := ParseOrderID(s); ok && id <= 0 {
			t.Fatalf("ParseOrderID(%q) = %d", s, id)
		}
	})
}

func TestIDsJSONRoundTrip(t *testing.T) {
	in := struct {
		O OrderID
		C CaseID
		E EvidenceID
	}{7, 8, 9}
	data, err := json.Marshal(in)
	if err != nil || string(data) != `{"O":"ORD-7","C":"CASE-8","E":"EV-9"}` {
		t.Fatalf("marshal: %s, %v", data, err)
	}
	out := in
	out.O, out.C, out.E = 0, 0, 0
	if err := json.Unmarshal(data, &out); err != nil || out != in {
		t.Errorf("round trip: %+v, %v", out, err)
	}
}
