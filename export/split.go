package export

import (
	"fmt"
	"slices"

	"vault/evidence"
)

// Part is one file of a split dossier.
type Part struct {
	Data    []byte
	Written Written
	First   string // label of its first exhibit ("" when it has none)
	Last    string
	parts   int // the count of parts its cover names
}

// Split writes the dossier as numbered parts that each meet the profile:
// the first part holds the statement, timeline, orders and messages with as
// many exhibits as fit; each next part a short cover and the next exhibits.
// Exhibit numbers stay those of the whole case, so references hold across
// parts. How many exhibits fit is found by a binary search per part.
func Split(d Dossier, blobs *evidence.Blobs, p Profile) ([]Part, error) {
	if d.cache == nil {
		d.cache = newExportCache()
	}
	var parts []Part
	rest := d.Exhibits
	last := 0 // exhibits in the part before
	for len(parts) == 0 || len(rest) > 0 {
		c := d
		c.Part = len(parts) + 1
		if last > 0 { // a guess at the count its cover names: right, it need not render again
			c.Parts = len(parts) + (len(rest)+last-1)/last
		}
		n, part, err := largestFit(c, rest, blobs, p)
		if err != nil {
			return nil, err
		}
		part.parts = c.Parts
		parts = append(parts, part)
		rest, last = rest[n:], n
	}
	if len(parts) == 1 {
		return parts, nil
	}
	// Render again the parts whose cover names another count than the one
	// found ("part 2 of 3"); the first part has no cover.
	rest = d.Exhibits
	for i := range parts {
		c := d
		c.Part, c.Parts = i+1, len(parts)
		n := exhibitsIn(parts[i], rest)
		c.Exhibits = rest[:n]
		rest = rest[n:]
		if i == 0 || parts[i].parts == len(parts) {
			continue
		}
		data, w, err := Fit(c, blobs, p)
		if err != nil {
			return nil, fmt.Errorf("part %d: %w", i+1, err)
		}
		parts[i].Data, parts[i].Written, parts[i].parts = data, w, len(parts)
	}
	return parts, nil
}

// largestFit finds how many of xs fit in one part with d's other content.
func largestFit(d Dossier, xs []Exhibit, blobs *evidence.Blobs, p Profile) (int, Part, error) {
	try := func(n int) (Part, error) {
		d.Exhibits = xs[:n]
		data, w, err := Fit(d, blobs, p)
		part := Part{Data: data, Written: w}
		if n > 0 {
			part.First, part.Last = xs[0].Label, xs[n-1].Label
		}
		return part, err
	}
	all, err := try(len(xs))
	if err == nil {
		return len(xs), all, nil
	}
	var bestPart Part
	best := largest(1, len(xs)-1, guessFit(xs, all.Written, p), func(n int) bool {
		part, err := try(n)
		if err == nil {
			bestPart = part
		}
		return err == nil
	})
	if best < 1 {
		if d.Part == 1 && len(xs) > 0 {
			// The first part must at least carry the case itself.
			if part, err := try(0); err == nil {
				return 0, part, nil
			}
		}
		what := "the case's own pages"
		if len(xs) > 0 {
			what = "exhibit " + xs[0].Label
		}
		_, err := try(min(1, len(xs)))
		return 0, Part{}, fmt.Errorf("%s alone does not fit the %s profile: %w", what, p.Name, err)
	}
	return best, bestPart, nil
}

// largest is the largest n in lo..hi that fits, for fits true up to a
// boundary and false past it; -1 when none does. Where the layout of all
// the exhibits says the page limit falls (guess) settles most parts in a
// few tries: from it the search gallops toward the boundary (one more, two,
// four ...), then halves what is left. It used to halve from the start: a
// guess one page long sent part 2 of 100 screenshots to 22 exhibits and
// six renders back up. The last n that fitted is the last fits(n) true.
func largest(lo, hi, guess int, fits func(int) bool) int {
	best, step, up := -1, 0, false
	probe := func(n int) bool {
		ok := fits(n)
		if ok {
			best, lo = n, n+1
		} else {
			hi = n - 1
		}
		return ok
	}
	if guess >= lo && guess <= hi {
		step, up = 1, probe(guess)
	}
	for lo <= hi {
		n := (lo + hi) / 2
		if step > 0 {
			n = max(lo, hi-step+1)
			if up {
				n = min(hi, lo+step-1)
			}
			step *= 2
		}
		if probe(n) != up {
			step = 0 // past the boundary: halve between
		}
	}
	return best
}

// exhibitsIn counts the exhibits of rest that a part holds.
func exhibitsIn(p Part, rest []Exhibit) int {
	if p.Last == "" {
		return 0
	}
	return slices.IndexFunc(rest, func(x Exhibit) bool { return x.Label == p.Last }) + 1
}

// guessFit estimates how many of xs fit the page limit from a layout of all
// of them (w): the most whose exhibits end early enough to leave room for the
// manifest, which shrinks with the exhibits it lists. -1 when w was not too
// long.
func guessFit(xs []Exhibit, w Written, p Profile) int {
	if p.MaxPages == 0 || w.Pages <= p.MaxPages || len(w.pages) == 0 || len(xs) == 0 {
		return -1
	}
	last := 0
	for _, pg := range w.pages {
		last = max(last, pg)
	}
	manifest := max(1, w.Pages-last)
	for n := len(xs); n > 0; n-- {
		tail := max(1, (manifest*n+len(xs)-1)/len(xs))
		if w.pages[xs[n-1].Label]+tail <= p.MaxPages {
			return n
		}
	}
	return 0
}
