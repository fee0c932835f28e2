package pages

import (
	"strconv"
	"strings"
	"time"

	"vault/internal/date"
)

// months are the names of the months as carriers write them, in English,
// Norwegian, Swedish and Danish, whole and shortened, in lower case.
var months = map[string]time.Month{
	"january": 1, "jan": 1, "januar": 1, "januari": 1, "february": 2, "feb": 2, "februar": 2, "februari": 2,
	"march": 3, "mar": 3, "mars": 3, "marts": 3, "april": 4, "apr": 4, "may": 5, "mai": 5, "maj": 5,
	"june": 6, "jun": 6, "juni": 6, "july": 7, "jul": 7, "juli": 7, "august": 8, "aug": 8, "augusti": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "oktober": 10, "okt": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12, "desember": 12,
}

// The ways a tracking page begins a line with a day and, often, a time:
// 2026-09-01 14:32(:10), 01.09.2026 (kl.) 14:32, 01/09/2026 14:32,
// 01-09-2026 14:32, 1. september 2026 kl. 14:32, 1 Sep 2026, 14:32,
// September 1, 2026, 2:32 pm; a weekday may come first, and "(GMT+8)" or
// "Local time" after.
var (
	weekday  = `(?i:(?:mon|tue|wed|thu|fri|sat|sun|man|tir|ons|tor|fre|lør|søn|mån|tis|fre|lör|sön)[\pL]*\.?,?\s+)?`
	clock    = `(?:,?\s*(?:kl\.?|at|um)?\s*(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?i:([ap])\.?m\.?)?)?`
	zone     = `(?:\s*\(?(?i:gmt|utc)\s*[+-]?\s*\d{0,2}(?::?\d{2})?\)?|\s*(?i:local time|lokal tid))?`
	isoDay   = lazy(`^` + weekday + `(\d{4})-(\d{1,2})-(\d{1,2})` + `(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?` + zone)
	numDay   = lazy(`^` + weekday + `(\d{1,2})[./-](\d{1,2})[./-](\d{4})` + clock + zone)
	nameDay  = lazy(`^` + weekday + `(\d{1,2})\.?\s+(\pL+)\.?,?\s+(\d{4})` + clock + zone)
	monthDay = lazy(`^` + weekday + `(\pL+)\.?\s+(\d{1,2}),?\s+(\d{4})` + clock + zone)
)

// when reads a day (and a time, when given) at the start of a line, and
// returns the rest of the line. Numeric days are read day first, unless
// monthFirst (a US carrier's 09/01/2026).
func when(line string, monthFirst bool) (day date.Value, clockTime, rest string, ok bool) {
	var y, m, d int
	var hh, mm, ampm string
	var end int
	if s := isoDay().FindStringSubmatchIndex(line); s != nil {
		g := groups(line, s)
		y, m, d, hh, mm, end = atoi(g[1]), atoi(g[2]), atoi(g[3]), g[4], g[5], s[1]
	} else if s := numDay().FindStringSubmatchIndex(line); s != nil {
		g := groups(line, s)
		d, m, y, hh, mm, ampm, end = atoi(g[1]), atoi(g[2]), atoi(g[3]), g[4], g[5], g[6], s[1]
		if monthFirst {
			d, m = m, d
		}
	} else if s := nameDay().FindStringSubmatchIndex(line); s != nil {
		g := groups(line, s)
		d, m, y, hh, mm, ampm, end = atoi(g[1]), int(months[strings.ToLower(g[2])]), atoi(g[3]), g[4], g[5], g[6], s[1]
	} else if s := monthDay().FindStringSubmatchIndex(line); s != nil {
		g := groups(line, s)
		m, d, y, hh, mm, ampm, end = int(months[strings.ToLower(g[1])]), atoi(g[2]), atoi(g[3]), g[4], g[5], g[6], s[1]
	} else {
		return date.Value{}, "", "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || y < 1970 || y > 2200 {
		return date.Value{}, "", "", false
	}
	if clockTime, ok = clockOf(hh, mm, ampm); !ok {
		return date.Value{}, "", "", false
	}
	return date.Day(t), clockTime, strings.Trim(line[end:], " \t-–—|·,:;"), true
}

// clockOf is a time of day as "14:32" (none when hh is empty); false when
// it is no time of day.
func clockOf(hh, mm, ampm string) (string, bool) {
	if hh == "" {
		return "", true
	}
	h, m := atoi(hh), atoi(mm)
	switch strings.ToLower(ampm) {
	case "a":
		if h == 12 {
			h = 0
		}
	case "p":
		if h < 12 {
			h += 12
		}
	}
	if h > 23 || m > 59 || ampm != "" && (atoi(hh) < 1 || atoi(hh) > 12) {
		return "", false
	}
	return strconv.Itoa(100 + h)[1:] + ":" + strconv.Itoa(100 + m)[1:], true
}

// groups are a match's submatches as strings ("" for those that did not
// take part).
func groups(s string, idx []int) []string {
	out := make([]string, len(idx)/2)
	for i := range out {
		if idx[2*i] >= 0 {
			out[i] = s[idx[2*i]:idx[2*i+1]]
		}
	}
	return out
}

// atoi reads digits; anything else is 0.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
