package pages

import (
	"regexp"
	"strings"
	"unicode"

	"vault"
)

// carrier is a carrier whose tracking page the vault reads: the labels of
// its sites' addresses, the names its pages carry, and how its page lays
// out an event once its text is read line by line.
type carrier struct {
	name   string
	labels []string              // a label of the host: sporing.posten.no, tools.usps.com
	names  func() *regexp.Regexp // its name in a page's text
	// dateLast: an event's status and place come before its day (USPS);
	// else after it, or on the day's own line.
	dateLast   bool
	monthFirst bool // numeric days are month first (09/01/2026)
}

// carriers are those that carry parcels to Norway, the Nordics, the US and
// the UK from marketplaces' sellers. The layouts are what each page shows
// once read as text (an event is its day with its time, then what happened,
// then where, USPS's the other way round); Cainiao, 4PX and YunExpress
// may put the place in brackets before the status ("[Guangzhou] Arrived at
// sorting center").
var carriers = []carrier{
	{name: "Posten/Bring", labels: []string{"posten", "bring"}, names: word(`posten|bring`)},
	{name: "PostNord", labels: []string{"postnord"}, names: word(`postnord`)},
	{name: "Cainiao", labels: []string{"cainiao"}, names: word(`cainiao`)},
	{name: "4PX", labels: []string{"4px"}, names: word(`4px`)},
	{name: "YunExpress", labels: []string{"yunexpress", "yuntrack"}, names: word(`yun ?express`)},
	{name: "USPS", labels: []string{"usps"}, names: word(`usps`), dateLast: true, monthFirst: true},
	{name: "DHL", labels: []string{"dhl"}, names: word(`dhl`)},
	{name: "Royal Mail", labels: []string{"royalmail"}, names: word(`royal mail`)},
}

// word matches any of the alternatives as a whole word, in any case.
func word(alternatives string) func() *regexp.Regexp {
	return lazy(`(?i)(^|[^\pL\pN])(` + alternatives + `)($|[^\pL\pN])`)
}

// carrierAt is the carrier whose site the address is on (AliExpress's own
// tracking pages show Cainiao's events).
func carrierAt(address string) (carrier, bool) {
	host, path := hostPath(address)
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return carrier{}, false
	}
	for _, c := range carriers {
		for _, l := range labels[:len(labels)-1] {
			for _, want := range c.labels {
				if l == want {
					return c, true
				}
			}
		}
	}
	if isLabel(labels, "aliexpress") && (strings.HasPrefix(host, "track.") || strings.Contains(path, "logistic")) {
		return carriers[2], true
	}
	return carrier{}, false
}

// carrierNamed is the first carrier the text names.
func carrierNamed(text string) (carrier, bool) {
	for _, c := range carriers {
		if c.names().MatchString(text) {
			return c, true
		}
	}
	return carrier{}, false
}

// maxEvents bounds the events kept of one page.
const maxEvents = 500

// events reads a tracking page's events from its text, in the page's
// order: each line that begins with a day is one, with the lines around it
// (after it, or before it when the carrier puts the day last, up to the
// day before) as its status and place.
func (c carrier) events(text string) []vault.TrackingEvent {
	lines := strings.Split(text, "\n")
	var out []vault.TrackingEvent
	prev := -1 // the line of the previous day
	for i, line := range lines {
		day, clock, rest, ok := when(line, c.monthFirst)
		if !ok {
			continue
		}
		var around []string
		if c.dateLast {
			around = lines[max(prev+1, i-2):i]
		} else {
			around = lines[i+1 : min(len(lines), i+3)]
			for j, l := range around {
				if _, _, _, isDay := when(l, c.monthFirst); isDay {
					around = around[:j]
					break
				}
			}
		}
		prev = i
		if rest != "" {
			around = append([]string{rest}, around...)
		}
		if e, ok := event(around); ok {
			e.Day, e.Clock = day, clock
			if out = append(out, e); len(out) == maxEvents {
				break
			}
		}
	}
	return out
}

// placeFirst is a status that begins with its place in brackets.
var placeFirst = lazy(`^[\[【(]([^\]】)]{1,80})[\]】)]\s*(.+)$`)

// event makes an event of the lines that tell it: the first is the
// status, the second the place (a short line); false when there is no
// status with a letter in it.
func event(lines []string) (vault.TrackingEvent, bool) {
	if len(lines) == 0 || !strings.ContainsFunc(lines[0], unicode.IsLetter) {
		return vault.TrackingEvent{}, false
	}
	e := vault.TrackingEvent{Status: oneLine(lines[0], 300)}
	if m := placeFirst().FindStringSubmatch(e.Status); m != nil {
		e.Place, e.Status = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	} else if len(lines) > 1 && len(lines[1]) <= 80 && strings.ContainsFunc(lines[1], unicode.IsLetter) {
		e.Place = oneLine(lines[1], 80)
	}
	return e, true
}
