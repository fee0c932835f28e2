package export

import "strings"

// A line is what one row of text holds: runs in their fonts.
type line []run

// piece is the smallest part a line may not break inside: a word of the
// body font, or one character of the fallback (CJK breaks between any two).
type piece struct {
	run
	space bool // a space comes before it
}

// wrap breaks s (already cleaned) into lines no wider than w; width measures
// a run in its font. A word wider than the line breaks between characters.
func wrap(c *coverage, s string, w float64, width func(run) float64) []line {
	var lines []line
	for _, par := range strings.Split(s, "\n") {
		lines = append(lines, wrapPar(pieces(c, par), w, width)...)
	}
	return lines
}

func wrapPar(ts []piece, w float64, width func(run) float64) []line {
	var lines []line
	var cur line
	used := 0.0
	space := width(run{s: " "})
	for _, t := range ts {
		tw := width(t.run)
		gap := 0.0
		if t.space && len(cur) > 0 {
			gap = space
		}
		if len(cur) > 0 && used+gap+tw > w {
			lines, cur, used, gap = append(lines, cur), nil, 0, 0
		}
		if tw > w { // a word longer than the line
			for _, r := range t.s {
				one := run{s: string(r), fallback: t.fallback}
				rw := width(one)
				if len(cur) > 0 && used+rw > w {
					lines, cur, used = append(lines, cur), nil, 0
				}
				cur, used = cur.add(one, false), used+rw
			}
			continue
		}
		cur, used = cur.add(t.run, gap > 0), used+gap+tw
	}
	return append(lines, cur) // an empty paragraph is an empty line
}

// add appends r to the line, joined to the last run when the font is the same.
func (l line) add(r run, space bool) line {
	if space {
		r.s = " " + r.s
	}
	if n := len(l); n > 0 && l[n-1].fallback == r.fallback {
		l[n-1].s += r.s
		return l
	}
	return append(l, r)
}

// pieces splits a paragraph at spaces, and around every fallback character.
func pieces(c *coverage, par string) []piece {
	var ts []piece
	for i, word := range strings.Split(par, " ") {
		space := i > 0
		if word == "" && space {
			ts = append(ts, piece{run: run{s: ""}, space: true})
			continue
		}
		start := 0
		for j, r := range word {
			if !c.inFallback(r) {
				continue
			}
			if j > start {
				ts = append(ts, piece{run: run{s: word[start:j]}, space: space})
				space = false
			}
			ts = append(ts, piece{run: run{s: string(r), fallback: true}, space: space})
			space = false
			start = j + len(string(r))
		}
		if start < len(word) {
			ts = append(ts, piece{run: run{s: word[start:]}, space: space})
		}
	}
	return ts
}
