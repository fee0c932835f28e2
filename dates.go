package vault

import (
	"time"

	"vault/internal/date"
)

// DayIn is the calendar day a recorded date names in loc: a day as
// recorded, an instant as the day it fell on there.
func DayIn(v date.Value, loc *time.Location) string {
	if v.IsZero() {
		return ""
	}
	if v.IsDay() {
		return v.String()
	}
	return v.Time().In(loc).Format(time.DateOnly)
}

// CheckPast refuses, without force, a date of something that happened but
// that falls after today: the day of now, in now's location (the user's).
func CheckPast(name string, v date.Value, now time.Time, force bool) error {
	if force || v.IsZero() {
		return nil
	}
	if day := DayIn(v, now.Location()); day > now.Format(time.DateOnly) {
		return needsForce("%s %s is in the future", name, day)
	}
	return nil
}

// checkOrder refuses, without force, a date before the one it follows.
func checkOrder(later, earlier Dated, loc *time.Location, force bool) error {
	if force || later.At.IsZero() || earlier.At.IsZero() {
		return nil
	}
	if l, e := DayIn(later.At, loc), DayIn(earlier.At, loc); l < e {
		return needsForce("%s %s is before %s %s", later.Label, l, earlier.Label, e)
	}
	return nil
}
