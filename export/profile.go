package export

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"vault/evidence"
)

// Profile is what a receiver accepts (docs: domain-rules.md, upload profiles).
type Profile struct {
	Name     string
	MaxBytes int64 // 0: no limit
	MaxPages int   // 0: no limit
	DPI      int   // the best resolution worth embedding
	Redact   bool  // mask card numbers by default
	About    string
	Native   bool // images at their own pixels (no size limit to meet)
}

// MB is a receiver's megabyte: the smaller reading, to stay under any limit.
const MB = 1_000_000

// Profiles are the receivers' upload limits, default first.
var Profiles = []Profile{
	{"default", 2 * MB, 19, 150, true, "one PDF of at most 2 MB and 19 pages: accepted by every receiver below", false},
	{"visa", 2 * MB, 100, 200, true, "Visa Resolve Online: 2 MB, 100 pages, 200 DPI", false},
	{"mastercard", 14_500_000, 19, 300, true, "Mastercom: 14.5 MB recommended, pages past 19 are charged, 300 DPI, file name of at most 16 letters or digits", false},
	{"amex", 5 * MB, 20, 200, true, "American Express: 5 MB a file, 20 pages", false},
	{"stripe", 4_500_000, 50, 200, true, "Stripe: about 4.5 MB, under 50 pages", false},
	{"paypal", 10 * MB, 0, 200, true, "PayPal Resolution Centre: under 10 MB a file", false},
	{"none", 0, 0, 300, false, "no limits: full quality (images at their own pixels), nothing masked", true},
}

// ProfileNamed finds a profile by name.
func ProfileNamed(name string) (Profile, bool) {
	i := slices.IndexFunc(Profiles, func(p Profile) bool { return p.Name == name })
	if i < 0 {
		return Profile{}, false
	}
	return Profiles[i], true
}

// ladder is the render settings tried to meet a size limit, best first.
func ladder(dpi int) []Render {
	out := []Render{{DPI: dpi}, {DPI: dpi, Quality: 85}}
	for _, r := range []Render{{DPI: 150, Quality: 80}, {DPI: 150, Quality: 70}, {DPI: 120, Quality: 65}, {DPI: 100, Quality: 55}, {DPI: 90, Quality: 45}, {DPI: 75, Quality: 35}} {
		if r.DPI <= dpi {
			out = append(out, r)
		}
	}
	return out
}

// Fit renders the dossier within the profile's limits: the best image
// settings whose PDF is small enough (a search down the ladder, each step
// smaller; see firstFit). It fails, saying what to drop, when pages are too many
// or even the smallest rendering is too large.
func Fit(d Dossier, blobs *evidence.Blobs, p Profile) ([]byte, Written, error) {
	if d.cache == nil {
		d.cache = newExportCache()
	}
	steps := ladder(p.DPI)
	steps[0].Native = p.Native
	render := func(r Render) ([]byte, Written, error) {
		var buf bytes.Buffer
		d.Render = r
		w, err := renderWithin(d, blobs, &buf, p)
		if errors.Is(err, errBytes) {
			err = nil // w.Bytes says it is too large
		}
		if err == nil && p.MaxBytes > 0 && w.Bytes > p.MaxBytes {
			d.cache.tooLarge(d, r)
		}
		return buf.Bytes(), w, err
	}
	// A setting too large for fewer of these exhibits is too large for
	// these: the search starts past it (a split tries many counts).
	first := 0
	for first < len(steps)-1 && d.cache.knownTooLarge(d, steps[first]) {
		first++
	}
	data, w, err := render(steps[first])
	if err != nil && !errors.Is(err, errPages) {
		return nil, w, err
	}
	if p.MaxPages > 0 && w.Pages > p.MaxPages {
		return nil, w, &PageLimitError{Pages: w.Pages, Profile: p}
	}
	if p.MaxBytes == 0 || w.Bytes <= p.MaxBytes {
		return data, w, nil
	}
	var best []byte
	var bestW Written
	i, err := firstFit(steps, first, func(i int) (bool, error) {
		data, w, err = render(steps[i])
		if err == nil && w.Bytes <= p.MaxBytes {
			best, bestW = data, w
			return true, nil
		}
		return false, err
	})
	if err != nil {
		return nil, w, err
	}
	if i < 0 {
		// Nothing fitted, so the search ended on the smallest setting: w.
		return nil, w, tooLarge(d, p, w)
	}
	return best, bestW, nil
}

// firstFit finds the first of the steps after tried that fits, for fits
// false down to a boundary and true past it; -1 when none does. The steps
// at tried's DPI come first, in order: they only encode again the pixels
// already scaled, where a step at another DPI decodes and scales every
// picture (a binary search sent a part of 42 screenshots to 120 DPI and
// back, 42 decodes for nothing), and the next one usually fits. The steps
// at lower DPIs are halved.
func firstFit(steps []Render, tried int, fits func(int) (bool, error)) (int, error) {
	next := tried + 1
	for ; next < len(steps) && steps[next].DPI == steps[tried].DPI; next++ {
		if ok, err := fits(next); ok || err != nil {
			return next, err
		}
	}
	best, lo, hi := -1, next, len(steps)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		ok, err := fits(mid)
		switch {
		case err != nil:
			return -1, err
		case ok:
			best, hi = mid, mid-1
		default:
			lo = mid + 1
		}
	}
	return best, nil
}

// PageLimitError is a dossier with more pages than its profile allows.
type PageLimitError struct {
	Pages   int
	Profile Profile
}

func (e *PageLimitError) Error() string {
	return fmt.Sprintf("the dossier has %d pages; the %s profile allows %d", e.Pages, e.Profile.Name, e.Profile.MaxPages)
}

// SizeLimitError is a dossier that no image setting brings under its
// profile's size limit.
type SizeLimitError struct {
	Written Written // its rendering at the smallest setting
	Profile Profile
	Largest []string // the largest exhibits, largest first: "E3 parcel.jpg (4.1 MB)"
}

func (e *SizeLimitError) Error() string {
	limit := float64(e.Profile.MaxBytes) / MB
	if e.Written.AtLeast { // it stopped before writing: no exact size
		return fmt.Sprintf("even at %d DPI and JPEG quality %d the dossier's pictures alone take more than the %.1f MB the %s profile allows",
			e.Written.Render.DPI, e.Written.Render.Quality, limit, e.Profile.Name)
	}
	return fmt.Sprintf("even at %d DPI and JPEG quality %d the dossier is %.1f MB; the %s profile allows %.1f MB",
		e.Written.Render.DPI, e.Written.Render.Quality, float64(e.Written.Bytes)/MB, e.Profile.Name, limit)
}

// tooLarge explains a dossier that no setting brings under the limit; w is
// its rendering at the smallest setting.
func tooLarge(d Dossier, p Profile, w Written) error {
	xs := slices.Clone(d.Exhibits)
	slices.SortFunc(xs, func(a, b Exhibit) int { return cmp.Compare(b.Blob.Size, a.Blob.Size) })
	e := &SizeLimitError{Written: w, Profile: p}
	for _, x := range xs[:min(3, len(xs))] {
		e.Largest = append(e.Largest, fmt.Sprintf("%s %s (%.1f MB)", x.Label, x.FileName, float64(x.Blob.Size)/MB))
	}
	return e
}

// FileNameProblem says what is wrong with a file name for the receiver
// (Mastercom wants at most 16 ASCII letters or digits), or "".
func (p Profile) FileNameProblem(name string) string {
	if p.Name != "mastercard" {
		return ""
	}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	ok := len(stem) > 0 && len(stem) <= 16
	for _, r := range stem {
		ok = ok && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}
	if ok {
		return ""
	}
	return fmt.Sprintf("Mastercom wants a file name of at most 16 letters or digits; %q is not", filepath.Base(name))
}
