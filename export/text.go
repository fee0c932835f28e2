package export

import (
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// replacement marks a character the font cannot draw. The original text is
// untouched in the vault; only the printed copy carries the marker.
const replacement = '\uFFFD'

// coverage knows which runes a font has glyphs for.
type coverage struct {
	font  *sfnt.Font
	buf   sfnt.Buffer
	cache map[rune]bool
}

func newCoverage(ttf []byte) (*coverage, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return &coverage{font: f, cache: map[rune]bool{}}, nil
}

func (c *coverage) has(r rune) bool {
	ok, seen := c.cache[r]
	if !seen {
		g, err := c.font.GlyphIndex(&c.buf, r)
		ok = err == nil && g != 0
		c.cache[r] = ok
	}
	return ok
}

// clean makes s safe to hand to the PDF library: newlines kept, tabs to four
// spaces, other control and format characters dropped, and every rune the
// font lacks (CJK, emoji, anything above U+FFFF) replaced by the marker.
func (c *coverage) clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, string(replacement)) {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case r == '\r', unicode.IsControl(r), unicode.Is(unicode.Cf, r):
		case r > 0xFFFF || !c.has(r):
			b.WriteRune(replacement)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
