package deadlines

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// TestICS writes a calendar with nasty text and reads it back with a real
// iCalendar parser.
func TestICS(t *testing.T) {
	summary := "Frist: reklamasjon (no.reklamasjon) ORD-7 blåbærsyltetøy; 争议, 😀 \\ done"
	long := strings.Repeat("æøå ", 40) + "\nsecond line"
	events := []CalendarEvent{
		{Key: "ORD-7|no.reklamasjon|absolute limit", Day: day("2028-02-29"), Summary: summary, Description: long, AlarmDays: 3},
		{Key: "ORD-8|visa.chargeback|chargeback", Day: day("2026-12-31"), Summary: "plain", Description: "x"},
	}
	var buf bytes.Buffer
	stamp := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if err := WriteICS(&buf, events, stamp); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	for i, l := range strings.SplitAfter(raw, "\r\n") {
		if len(strings.TrimSuffix(l, "\r\n")) > 75 {
			t.Errorf("line %d longer than 75 octets: %q", i, l)
		}
		if strings.Contains(strings.TrimSuffix(l, "\r\n"), "\n") {
			t.Errorf("line %d has a bare LF", i)
		}
	}
	cal, err := ical.NewDecoder(strings.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, raw)
	}
	got := cal.Events()
	if len(got) != 2 {
		t.Fatalf("%d events", len(got))
	}
	if s, _ := got[0].Props.Text(ical.PropSummary); s != summary {
		t.Errorf("summary %q", s)
	}
	if d, _ := got[0].Props.Text(ical.PropDescription); d != long {
		t.Errorf("description %q", d)
	}
	start, err := got[0].DateTimeStart(time.UTC)
	if err != nil || start.Format(time.DateOnly) != "2028-02-29" {
		t.Errorf("start %v %v", start, err)
	}
	if len(got[0].Children) != 1 || got[0].Children[0].Name != ical.CompAlarm {
		t.Errorf("no alarm: %+v", got[0].Children)
	}
	// The same key gives the same UID in a later file: a re-import updates.
	var again bytes.Buffer
	WriteICS(&again, events[:1], stamp.Add(time.Hour))
	cal2, _ := ical.NewDecoder(&again).Decode()
	uid1, _ := got[0].Props.Text(ical.PropUID)
	uid2, _ := cal2.Events()[0].Props.Text(ical.PropUID)
	if uid1 != uid2 || uid1 == "" {
		t.Errorf("UIDs %q and %q", uid1, uid2)
	}
}

func TestFold(t *testing.T) {
	for _, s := range []string{"", "short", strings.Repeat("a", 75), strings.Repeat("a", 76), strings.Repeat("ø", 100), strings.Repeat("😀", 50)} {
		f := fold(s)
		if un := strings.ReplaceAll(strings.TrimSuffix(f, "\r\n"), "\r\n ", ""); un != s {
			t.Errorf("unfolding %q gives %q", s, un)
		}
		for _, l := range strings.Split(strings.TrimSuffix(f, "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8Valid(l) {
				t.Errorf("bad line %q", l)
			}
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
