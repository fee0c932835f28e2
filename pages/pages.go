// Package pages recognises web pages saved from the browser among the
// files that come in (attached, received from the phone, found by a scan,
// carried by a mail): SingleFile's HTML, MHTML as Chrome and Edge write it,
// and pages a Chromium browser printed to PDF. It reads what such a page
// says of itself (its address, its save time as the saver wrote it, its
// title and visible text) and, for a marketplace's item page or a carrier's
// tracking page, what the listing offers or the tracking events.
//
// A saved page is outside input: it is read within bounds (its size, the
// tags and text read, how deep elements nest), with no network and no
// script, and a printed PDF in a child process with limits.
package pages

import (
	"bytes"
	"cmp"
	"regexp"
	"strings"
	"sync"
	"time"

	"vault"
)

// MaxBytes bounds the files read as pages: a SingleFile page holds its
// pictures and fonts, a few megabytes, rarely tens.
const MaxBytes = 64 << 20

// HeadBytes is how much of a file Looks needs.
const HeadBytes = maxPreamble

// Looks reports whether a file whose first bytes are head may be a saved
// page (a PDF, an MHTML header, SingleFile's comment), so that only those
// are read whole. head holds the file's first 64 KB or all of it.
func Looks(head []byte) bool {
	if bytes.HasPrefix(head, []byte("%PDF-")) || isMHTML(head) {
		return true
	}
	_, _, ok := readSingleFile(head)
	return ok
}

// Read recognises a saved web page and reads what it says; false for any
// other file (or one over MaxBytes).
func Read(data []byte) (vault.Page, bool) {
	if len(data) > MaxBytes {
		return vault.Page{}, false
	}
	var p vault.Page
	var d doc
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		t, ok := readPrintedPDF(data)
		if !ok {
			return vault.Page{}, false
		}
		p, d = printedPage(t), doc{meta: map[string]string{}}
		d.text = p.Text
	case isMHTML(data):
		m, ok := readMHTML(data)
		if !ok {
			return vault.Page{}, false
		}
		d = readHTML(m.html, m.contentType)
		p = vault.Page{Format: vault.PageMHTML, Address: m.address, Saved: m.saved, SavedAt: m.savedAt, Title: cmp.Or(m.subject, d.title)}
	default:
		address, saved, ok := readSingleFile(data)
		if !ok {
			return vault.Page{}, false
		}
		d = readHTML(data, "")
		p = vault.Page{Format: vault.PageSingleFile, Address: address, Saved: saved, Title: oneLine(d.title, 1024)}
		if t, ok := jsDate(saved); ok {
			p.SavedAt = t
		}
	}
	p.Text = d.text
	p.Title = oneLine(p.Title, 1024)
	understand(&p, d)
	return p, true
}

// understand reads what a listing offers or a tracking page's events: a
// carrier's site, or a page that names a carrier and shows two events or
// more, is a tracking page; a marketplace's item page, or one that says it
// shows a product, a listing.
func understand(p *vault.Page, d doc) {
	if c, ok := carrierAt(p.Address); ok {
		p.Events = c.events(p.Text)
		return
	}
	item := isItemPage(p.Address)
	if item || isProduct(d) {
		p.Listing = listingOf(d, p.Title)
		return
	}
	if c, ok := carrierNamed(p.Text); ok {
		if events := c.events(p.Text); len(events) >= 2 {
			p.Events = events
		}
	}
}

// Kind is the evidence kind of a page: tracking for a carrier's tracking
// page or one that shows events, listing for a marketplace's item page or
// one that shows a product, else page.
func Kind(p vault.Page) vault.EvidenceKind {
	_, carrierSite := carrierAt(p.Address)
	switch {
	case carrierSite || len(p.Events) > 0:
		return vault.EvidenceTracking
	case p.Listing != nil:
		return vault.EvidenceListing
	}
	return vault.EvidencePage
}

// printedPage is what a printed page's PDF says: the address in the
// footer (or the header), the title in its Info dictionary, the creation
// date with its zone (Chrome prints the time without one in the header),
// and the text of its pages.
func printedPage(t pdfText) vault.Page {
	p := vault.Page{Format: vault.PagePDF, Title: t.Title, Saved: t.Created}
	if at, ok := pdfDate(t.Created); ok {
		p.SavedAt = at
	}
	var rows []string
	for _, page := range t.Pages {
		rows = append(rows, page...)
	}
	if len(t.Pages) > 0 && len(t.Pages[0]) > 0 {
		first := t.Pages[0]
		p.Address = cmp.Or(addressIn(first[len(first)-1]), addressIn(first[0]))
	}
	p.Text = tidy(strings.Join(rows, "\n"))
	return p
}

// addressIn is the first web address in a printed header or footer line.
func addressIn(line string) string {
	for _, f := range strings.Fields(line) {
		if strings.HasPrefix(f, "https://") || strings.HasPrefix(f, "http://") {
			return oneLine(f, 2048)
		}
	}
	return ""
}

// pdfDate reads a PDF date (ISO 32000-1, 7.9.4): D:YYYYMMDDHHmmSS with
// its offset from UT as +HH'mm', -HH'mm' or Z.
func pdfDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	s = strings.ReplaceAll(strings.TrimSuffix(s, "'"), "'", ":")
	if strings.HasSuffix(s, "Z") || len(s) == 14 {
		s = strings.TrimSuffix(s, "Z") + "+00:00"
	}
	t, err := time.Parse("20060102150405-07:00", s)
	return t, err == nil && t.Year() >= 1970 && t.Year() <= 2200
}

// lazy compiles a regular expression when it is first used: compiled as
// the package starts, this package's expressions cost every vault command
// milliseconds.
func lazy(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
