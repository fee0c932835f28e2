package casework

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"vault"
	"vault/internal/date"
	"vault/pages"
)

// CaptureRequest says which public page to keep, and where it belongs.
type CaptureRequest struct {
	Address string
	Kind    vault.EvidenceKind // "": other
	Note    string
	Links   vault.Links
}

// Captured is what 'vault capture' kept: the page (its MHTML) and its
// picture, a child of it.
type Captured struct {
	Page, Picture vault.Added
	Address       string    // where the page ended, after redirects
	Title         string    // its title
	At            time.Time // when it was taken
}

// Capture opens a public page with headless Chromium (pages.Capture) and
// keeps it: the MHTML as the page's evidence, linked as asked, dated by
// the capture, and the full-page PNG as its picture, both in one
// transaction after their blobs are stored. A page behind a sign-in or a
// robot check is a *pages.WallError, and nothing is kept.
func (s *Service) Capture(ctx context.Context, req CaptureRequest) (Captured, error) {
	if err := s.DB.CheckLinks(ctx, req.Links); err != nil {
		return Captured{}, err // before any page is opened
	}
	c, err := pages.Capture(ctx, req.Address, s.Now)
	if err != nil {
		return Captured{}, err
	}
	name := captureName(c.Address, c.At)
	page, _, err := s.storeBytes(c.MHTML, name+".mhtml")
	if err != nil {
		return Captured{}, err
	}
	pic, _, err := s.storeBytes(c.PNG, name+".png")
	if err != nil {
		return Captured{}, err
	}
	at := date.Instant(c.At)
	page.Kind, page.Title, page.OccurredAt = cmp.Or(req.Kind, vault.EvidenceOther), cmp.Or(c.Title, c.Address), at
	if p, ok := pages.Read(c.MHTML); ok { // read as an attached MHTML is: its address, text, kind
		asPage(&page, p, req.Kind != "")
		page.OccurredAt = at
	}
	page.Note = strings.TrimSpace(fmt.Sprintf("captured by vault from %s\n%s", c.Address, req.Note))
	pic.Kind, pic.Title, pic.OccurredAt = vault.EvidenceScreenshot, "Picture of "+page.Title, at
	pic.Note = "the page as vault's headless Chromium showed it when it took the archive"
	added, err := s.DB.AddCaptured(ctx, page, pic, req.Links)
	if err != nil {
		return Captured{}, err
	}
	return Captured{Page: added[0], Picture: added[1], Address: c.Address, Title: c.Title, At: c.At}, nil
}

// captureName is a captured page's file name: its host and path, and the
// time in UTC ("sporing.posten.no-sporing-LP1-20260904T083000Z").
func captureName(address string, at time.Time) string {
	u, err := url.Parse(address)
	name := address
	if err == nil {
		name = u.Hostname() + u.Path
	}
	name = strings.Trim(strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, name), "-.")
	if len(name) > 80 {
		name = name[:80]
	}
	return cmp.Or(name, "page") + "-" + at.UTC().Format("20060102T150405Z")
}
