package vault

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"vault/internal/date"
	"vault/internal/money"
)

// PageFormat is how a web page was saved from the browser.
type PageFormat string

// The formats of saved pages the vault reads.
const (
	PageSingleFile PageFormat = "singlefile" // one HTML file with the address and time in a comment at its top
	PageMHTML      PageFormat = "mhtml"      // Chrome's and Edge's "Webpage, Single File" (RFC 2557)
	PagePDF        PageFormat = "pdf"        // printed to PDF, the address and time in the header and footer
)

// PageFormats are the formats the schema accepts.
var PageFormats = []PageFormat{PageSingleFile, PageMHTML, PagePDF}

// Page is what a saved web page says of itself: where it was, when it was
// saved (as the saver wrote it, with its zone), its title and its visible
// text; for a marketplace's item page what it sold, for a carrier's
// tracking page its events. It is a record of its own beside its evidence
// (PAGE-n for EV-n), read once when the file came in.
type Page struct {
	Format  PageFormat `json:"format"`
	Address string     `json:"address,omitempty"`
	// Saved is the save time as the saver wrote it ("Tue Sep 01 2026
	// 14:03:12 GMT+0200 (Central European Summer Time)"); SavedAt is it
	// read, in the zone it names (zero when it names none or is unreadable).
	Saved   string          `json:"saved,omitempty"`
	SavedAt time.Time       `json:"saved_at,omitzero"`
	Title   string          `json:"title,omitempty"`
	Text    string          `json:"text,omitempty"`
	Listing *Listing        `json:"listing,omitempty"`
	Events  []TrackingEvent `json:"events,omitempty"`
}

// Listing is what a marketplace's item page offers: the item's title, its
// price and who sells it, as far as the page says.
type Listing struct {
	Item   string      `json:"item,omitempty"`
	Price  money.Money `json:"price,omitzero"`
	Seller string      `json:"seller,omitempty"`
}

// TrackingEvent is one line of a carrier's tracking history: the day and,
// when the page gives it, the clock time as the carrier wrote it (in the
// carrier's local time, which it rarely names), where, and what happened.
type TrackingEvent struct {
	Day    date.Value `json:"day"`
	Clock  string     `json:"clock,omitempty"` // "14:32"
	Place  string     `json:"place,omitempty"`
	Status string     `json:"status"`
}

// String is the event as page 1 and the terminal say it: "2026-09-01
// 14:32: arrived at sorting centre, Guangzhou".
func (e TrackingEvent) String() string {
	when := e.Day.String()
	if e.Clock != "" {
		when += " " + e.Clock
	}
	return when + ": " + e.What()
}

// What is what happened and where: "arrived at sorting centre, Guangzhou".
func (e TrackingEvent) What() string {
	if e.Place == "" {
		return e.Status
	}
	return e.Status + ", " + e.Place
}

// CompareEvents orders tracking events by day, then clock time.
func CompareEvents(a, b TrackingEvent) int {
	return cmp.Or(a.Day.Time().Compare(b.Day.Time()), cmp.Compare(a.Clock, b.Clock))
}

// SavedText is the save time in the saver's own zone, as a caption and the
// terminal write it ("2026-09-01 14:03:12 +02:00"), else as written.
func (p Page) SavedText() string {
	if p.SavedAt.IsZero() {
		return p.Saved
	}
	return p.SavedAt.Format("2006-01-02 15:04:05 -07:00")
}

// Tracked is one event of an order's tracking history with the saved page
// that shows it.
type Tracked struct {
	TrackingEvent
	Page EvidenceID `json:"page"`
}

// TrackingHistory is the tracking history the saved tracking pages among
// list show, oldest first; an event two pages show (a page saved again
// later) is listed once, from the first page by id.
func TrackingHistory(list []Evidence, pages map[EvidenceID]Page) []Tracked {
	var out []Tracked
	seen := map[TrackingEvent]bool{}
	ids := make([]EvidenceID, 0, len(list))
	for _, e := range list {
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		for _, ev := range pages[id].Events {
			if !seen[ev] {
				seen[ev] = true
				out = append(out, Tracked{ev, id})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Tracked) int { return CompareEvents(a.TrackingEvent, b.TrackingEvent) })
	return out
}

// ListingOffers are what a saved listing offers the order's empty fields
// (its items, total and seller), each a note with the command that records
// it: offered, never written over what the order says.
func ListingOffers(page EvidenceID, l Listing, o Order) []Note {
	var out []Note
	offer := func(field, what, value string) {
		out = append(out, Notef(SetField(o.ID.String(), field, value),
			fmt.Sprintf("the listing %s gives %s %q, which %s does not record", page, what, value, o.ID)))
	}
	if l.Item != "" && len(o.Items) == 0 {
		offer("items", "the item", l.Item)
	}
	if !l.Price.IsZero() && o.Total.IsZero() {
		offer("total", "the price", l.Price.String())
	}
	if l.Seller != "" && o.Seller == "" {
		offer("seller", "the seller", l.Seller)
	}
	return out
}
