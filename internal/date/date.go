// Package date reads the dates and times people type ("2026-10-02", "02.10.2026",
// RFC 3339) and keeps whether a value is a calendar day or an instant.
package date

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Value is either a calendar day (Day) or an instant in time. The zero Value
// means "not recorded".
type Value struct {
	t   time.Time
	day bool
}

// ErrSyntax is wrapped by every error of Parse.
var ErrSyntax = errors.New("not a date")

// Layouts accepted for a calendar day and for a local date and time. A
// two-digit year is of this century ("2.10.26"); Norwegian "kl." before the
// time is dropped, and its "10.30" read as 10:30 (see normal).
var (
	dayLayouts  = []string{"2006-01-02", "02.01.2006", "2.1.2006", "2.1.06"}
	timeLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05",
		"2006-01-02T15:04:05", "2.1.2006 15:04", "2.1.2006 15:04:05", "2.1.06 15:04"}
)

// normal drops the Norwegian "kl." (or "kl") before a time and reads the
// time's point as a colon after it: "02.10.2026 kl. 10.30" -> "02.10.2026 10:30".
func normal(s string) string {
	day, clock, ok := strings.Cut(s, " kl")
	if !ok {
		return s
	}
	clock = strings.TrimSpace(strings.TrimPrefix(clock, "."))
	return day + " " + strings.Replace(clock, ".", ":", 1)
}

// Parse reads "2026-10-02", "02.10.2026", "2.10.26" or a day with its
// month's name ("1. august 2026", "Aug 1, 2026": see named) as a calendar day,
// "2026-10-02 14:30" or "02.10.2026 kl. 14:30" as a time in loc, and RFC 3339
// ("2026-10-02T14:30:00+02:00") as an instant. Years outside 1970-2200 are
// refused as typos.
func Parse(s string, loc *time.Location) (Value, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 || !utf8.ValidString(s) {
		return Value{}, fmt.Errorf("%w: %q (use 2026-10-02, 02.10.2026 kl. 14:30 or 2026-10-02T14:30:00+02:00)", ErrSyntax, s)
	}
	typed := s
	if d, ok := named(s); ok {
		return checkYear(typed, Value{t: d, day: true})
	}
	s = normal(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return checkYear(s, Value{t: t.UTC()})
	}
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(s, Value{t: t, day: true})
		}
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return checkYear(s, Value{t: t.UTC()})
		}
	}
	return Value{}, fmt.Errorf("%w: %q (use 2026-10-02, 02.10.2026 kl. 14:30 or 2026-10-02T14:30:00+02:00)", ErrSyntax, typed)
}

func checkYear(s string, v Value) (Value, error) {
	if y := v.t.Year(); y < 1970 || y > 2200 {
		return Value{}, fmt.Errorf("%w: %q: year %d is out of range", ErrSyntax, s, y)
	}
	return v, nil
}

// Instant returns the Value of an instant, kept to the second in UTC.
func Instant(t time.Time) Value { return Value{t: t.UTC().Truncate(time.Second)} }

// Day returns the Value of the calendar day of t in t's location.
func Day(t time.Time) Value {
	return Value{t: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), day: true}
}

// IsZero reports whether no date is recorded.
func (v Value) IsZero() bool { return v.t.IsZero() }

// IsDay reports whether v is a calendar day rather than an instant.
func (v Value) IsDay() bool { return v.day }

// Time returns the instant, or midnight UTC of the day.
func (v Value) Time() time.Time { return v.t }

// String is the stored form: "2026-10-02" for a day, RFC 3339 UTC for an
// instant, "" for none. Stored forms sort in time order as text.
func (v Value) String() string {
	switch {
	case v.IsZero():
		return ""
	case v.day:
		return v.t.Format("2006-01-02")
	}
	return v.t.Format(time.RFC3339)
}

// Format writes v for people: the day as 2006-01-02, an instant in loc with its time.
func (v Value) Format(loc *time.Location) string {
	if v.IsZero() || v.day {
		return v.String()
	}
	return v.t.In(loc).Format("2006-01-02 15:04 MST")
}

// Stored reads the stored form written by String; "" gives the zero Value.
func Stored(s string) (Value, error) {
	switch {
	case s == "":
		return Value{}, nil
	case len(s) == len("2006-01-02"):
		t, err := time.Parse("2006-01-02", s)
		return Value{t: t, day: true}, err
	}
	t, err := time.Parse(time.RFC3339, s)
	return Value{t: t.UTC()}, err
}

// MarshalText writes the stored form, so JSON shows "2026-10-02" or RFC 3339.
func (v Value) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads the stored form, so vault's own JSON reads back.
func (v *Value) UnmarshalText(b []byte) error {
	var err error
	*v, err = Stored(string(b))
	return err
}

// DaysAfter is how many calendar days v falls after earlier (negative when
// before, 0 when either is not recorded). An instant counts by its day in UTC.
func (v Value) DaysAfter(earlier Value) int {
	if v.IsZero() || earlier.IsZero() {
		return 0
	}
	day := func(x Value) time.Time { return Day(x.t.UTC()).t }
	return int(day(v).Sub(day(earlier)).Hours() / 24)
}

// months are the names of the months in English and Norwegian, whole and
// shortened, in lower case.
var months = map[string]time.Month{
	"january": 1, "jan": 1, "januar": 1, "february": 2, "feb": 2, "februar": 2, "march": 3, "mar": 3, "mars": 3,
	"april": 4, "apr": 4, "may": 5, "mai": 5, "june": 6, "jun": 6, "juni": 6, "july": 7, "jul": 7, "juli": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "oktober": 10, "okt": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12, "desember": 12, "des": 12,
}

// named reads a day written with its month's name, day first or month
// first, with or without the points and comma people put in: "1. august
// 2026", "1. aug. 2026", "1 August 2026", "Aug 1, 2026", "August 1, 2026".
// A day the month does not have is no day.
func named(s string) (time.Time, bool) {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '\t' })
	if len(f) != 3 {
		return time.Time{}, false
	}
	day, month, year := f[0], f[1], f[2]
	if _, isMonth := months[day]; isMonth {
		day, month = month, day
	}
	m, ok := months[month]
	d, dayErr := number(day, 2)
	y, yearErr := number(year, 4)
	if !ok || dayErr != nil || yearErr != nil || len(year) != 4 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, false
	}
	return t, true
}

// number reads at most width ASCII digits.
func number(s string, width int) (int, error) {
	if s == "" || len(s) > width {
		return 0, ErrSyntax
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, ErrSyntax
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}
