package export

import (
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// replacement marks a character no font of the dossier can draw (emoji,
// anything above U+FFFF). The original text is untouched in the vault; only
// the printed copy carries the marker, and the manifest says so.
const replacement = '\uFFFD'

// glyphs knows which runes a font has: the runes every one of its fonts
// has, so that a rune the body draws is drawn in bold too. A font given by
// load is read the first time a rune is asked about; one that cannot be
// read has none.
type glyphs struct {
	fonts []*sfnt.Font
	load  func() ([]byte, error)
	buf   sfnt.Buffer
	cache map[rune]bool
}

func newGlyphs(ttfs ...[]byte) (*glyphs, error) {
	g := &glyphs{cache: map[rune]bool{}}
	for _, ttf := range ttfs {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, err
		}
		g.fonts = append(g.fonts, f)
	}
	return g, nil
}

func (g *glyphs) has(r rune) bool {
	if g.fonts == nil && g.load != nil {
		if ttf, err := g.load(); err == nil {
			if f, err := sfnt.Parse(ttf); err == nil {
				g.fonts = []*sfnt.Font{f}
			}
		}
		g.load = nil
	}
	if g.fonts == nil {
		return false
	}
	ok, seen := g.cache[r]
	if !seen {
		ok = true
		for _, f := range g.fonts {
			i, err := f.GlyphIndex(&g.buf, r)
			ok = ok && err == nil && i != 0
		}
		g.cache[r] = ok
	}
	return ok
}

// coverage knows which runes the dossier's typeface draws (in both its
// weights) and which the fallback.
type coverage struct {
	main, fallback *glyphs
	marked         bool // a character was printed as the marker
}

func newCoverage() (*coverage, error) {
	tf, err := typefaceTTF()
	if err != nil {
		return nil, err
	}
	main, err := newGlyphs(tf.regular, tf.bold)
	if err != nil {
		return nil, err
	}
	return &coverage{main: main, fallback: &glyphs{load: fallbackTTF, cache: map[rune]bool{}}}, nil
}

// run is text drawn in one font: the body's, or the fallback.
type run struct {
	s        string
	fallback bool
}

// inFallback reports whether r is drawn by the fallback font.
func (c *coverage) inFallback(r rune) bool {
	return r != replacement && r != '\n' && !c.main.has(r) && c.fallback.has(r)
}

// clean makes s safe to hand to the PDF library: newlines kept, tabs to four
// spaces, other control and format characters dropped, and every rune
// neither font draws replaced by the marker.
func (c *coverage) clean(s string) string {
	return c.filter(s, func(r rune) bool { return c.main.has(r) || c.fallback.has(r) })
}

// meta cleans text for the document information and bookmarks, which are
// UTF-16 strings a viewer draws in its own fonts: only what UTF-16 without
// surrogates cannot hold is marked.
func (c *coverage) meta(s string) string {
	return c.filter(s, func(rune) bool { return true })
}

func (c *coverage) filter(s string, drawn func(rune) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, string(replacement)) {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case r == '\r', unicode.IsControl(r), unicode.Is(unicode.Cf, r):
		case r > 0xFFFF || !drawn(r):
			b.WriteRune(replacement)
			c.marked = true
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
