package deadlines

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// CalendarEvent is one all-day entry of an iCalendar file.
type CalendarEvent struct {
	Key         string // stable identity: the same key gives the same UID
	Day         time.Time
	Summary     string
	Description string
	AlarmDays   int // a reminder this many days before; 0 for none
}

// WriteICS writes events as an RFC 5545 calendar: CRLF line endings, lines
// folded at 75 octets, text escaped. UIDs derive from the keys, so importing
// a newer file updates the entries instead of duplicating them; stamp is the
// DTSTAMP and, in seconds, the SEQUENCE, so the newer file wins.
func WriteICS(w io.Writer, events []CalendarEvent, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { bw.WriteString(fold(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//vault//deadlines//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:vault deadlines")
	ts := stamp.UTC().Format("20060102T150405Z")
	for _, e := range events {
		sum := sha256.Sum256([]byte(e.Key))
		line("BEGIN:VEVENT")
		line("UID:" + hex.EncodeToString(sum[:12]) + "@vault")
		line("DTSTAMP:" + ts)
		line("LAST-MODIFIED:" + ts)
		line(fmt.Sprintf("SEQUENCE:%d", max(stamp.Unix(), 0)))
		line("DTSTART;VALUE=DATE:" + e.Day.Format("20060102"))
		line("DTEND;VALUE=DATE:" + e.Day.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + escape(e.Summary))
		line("DESCRIPTION:" + escape(e.Description))
		line("TRANSP:TRANSPARENT")
		if e.AlarmDays > 0 {
			line("BEGIN:VALARM")
			line("ACTION:DISPLAY")
			line(fmt.Sprintf("TRIGGER:-P%dD", e.AlarmDays))
			line("DESCRIPTION:" + escape(e.Summary))
			line("END:VALARM")
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return bw.Flush()
}

// escape writes TEXT values (RFC 5545 3.3.11).
var escape = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace

// fold ends a content line with CRLF, breaking it into lines of at most 75
// octets continued by a space, never inside a UTF-8 sequence (RFC 5545 3.1).
func fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
