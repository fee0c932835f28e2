package vault

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// TrackingShot is a picture of the case attached as a screenshot that may
// show the tracking, and what says so: 'check case' asks the buyer to
// record it as tracking rather than to attach it again.
type TrackingShot struct {
	ID     EvidenceID `json:"id"`
	Clue   ShotClue   `json:"clue"`
	Number string     `json:"number,omitempty"` // the tracking number it holds (ClueNumber)
}

// ShotClue is what says a screenshot may show the tracking.
type ShotClue string

// The clues, surest first.
const (
	ClueNumber ShotClue = "number" // its words or its name hold a tracking number of the case's orders
	ClueWords  ShotClue = "words"  // the words read off it speak of tracking
	ClueName   ShotClue = "name"   // its title, file name or note speaks of tracking
	ClueUnread ShotClue = "unread" // no words read off it, nor a name that says: it may show anything
)

var clueRank = map[ShotClue]int{ClueNumber: 0, ClueWords: 1, ClueName: 2, ClueUnread: 3}

// trackingWords are what a carrier's or a marketplace's tracking page says
// and an order page does not ("Track order" alone is a button on both); the
// carriers that sell parcels to Norway and ship from China. Letters only on
// either side, so that "sporing" is no part of "transport".
var (
	trackingWords = regexp.MustCompile(`(?i)(^|[^\pL])(tracking|track ?& ?trace|sporing\pL*|sendingsnummer|sendungsverfolgung|spårning|` +
		`in transit|out for delivery|under transport|last mile|customs clearance|tollbehandl\pL*|postnord|posten|cainiao|17track|` +
		`yanwen|4px|dhl|fedex|usps|budbee|instabox|helthjem)([^\pL]|$)`)
	// trackingNames are the words of a file name or title that say tracking.
	trackingNames = regexp.MustCompile(`(?i)(^|[^\pL])(track|tracking|trace|spor|sporing\pL*|sendungsverfolgung|spårning|` +
		`postnord|posten|bring|cainiao|17track|yanwen|4px|dhl|ups|fedex|usps|budbee|instabox|helthjem)([^\pL]|$)`)
)

// trackingShots are the case's screenshots that may show the tracking,
// surest first, then as the case lists them: one whose words (texts, read
// off it by 'vault ocr') or name hold a tracking number of the orders; whose
// words speak of tracking; whose name does; whose words were never read.
// A screenshot whose words were read and say none of it is not one.
func trackingShots(orders []Order, list []Evidence, texts map[EvidenceID]string) []TrackingShot {
	var numbers []string
	for _, o := range orders {
		for _, n := range o.Tracking {
			if n := squeeze(n); len(n) >= 8 && !slices.Contains(numbers, n) {
				numbers = append(numbers, n)
			}
		}
	}
	var out []TrackingShot
	for _, e := range list {
		if e.Kind != EvidenceScreenshot {
			continue
		}
		text, read := texts[e.ID]
		name := strings.Join([]string{e.Title, e.FileName, e.Note}, " ")
		s := TrackingShot{ID: e.ID}
		both := squeeze(text + " " + name)
		for _, n := range numbers {
			if strings.Contains(both, n) {
				s.Clue, s.Number = ClueNumber, n
				break
			}
		}
		switch {
		case s.Clue != "":
		case trackingWords.MatchString(text):
			s.Clue = ClueWords
		case trackingNames.MatchString(name):
			s.Clue = ClueName
		case !read || strings.TrimSpace(text) == "":
			s.Clue = ClueUnread
		default:
			continue
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b TrackingShot) int { return clueRank[a.Clue] - clueRank[b.Clue] })
	return out
}

// squeeze is s in capitals with only its letters and digits: a tracking
// number as OCR or a file name may space or break it.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}
