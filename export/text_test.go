package export

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	c, err := newCoverage()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Blåbærsyltetøy ÆØÅ", "Blåbærsyltetøy ÆØÅ"},
		{"Zażółć gęślą jaźń, Grüße, Привет, Ωμέγα", "Zażółć gęślą jaźń, Grüße, Привет, Ωμέγα"},
		{"请等待", "请等待"},
		{"广州音频 オーディオ 오디오", "广州音频 オーディオ \uFFFD\uFFFD\uFFFD"}, // the fallback has no Hangul
		{"ok 🙏👍🏽", "ok \uFFFD\uFFFD\uFFFD"},
		{"a\tb\r\nc", "a    b\nc"},
		{"bell\x07 nul\x00 esc\x1b", "bell nul esc"},
		{"rtl \u202eevil\u202c zero\u200bwidth", "rtl evil zerowidth"},
		{"bad \xff\xfe utf8", "bad \uFFFD utf8"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := c.clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzClean(f *testing.F) {
	c, err := newCoverage()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"æøå", "请", "🙏", "\x00\xff", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range c.clean(s) {
			if r == '\n' {
				continue // kept on purpose: the PDF layer breaks lines there
			}
			if r > 0xFFFF || r < 0x20 || (r != replacement && !c.main.has(r) && !c.fallback.has(r)) {
				t.Fatalf("clean(%q) left %U", s, r)
			}
		}
	})
}

// TestWrap: lines never exceed the width, break between CJK characters and
// at spaces, keep every character, and split each line into font runs.
func TestWrap(t *testing.T) {
	c, err := newCoverage()
	if err != nil {
		t.Fatal(err)
	}
	width := func(r run) float64 { return float64(len([]rune(r.s))) } // one unit a character
	tests := []struct {
		in   string
		w    float64
		want []string // lines, runs joined by |
	}{
		{"", 10, []string{""}},
		{"Seller answered", 10, []string{"Seller", "answered"}},
		{"卖家说请等待三十天", 4, []string{"卖家说请", "等待三十", "天"}},
		{"Seller: 请等待 30 天", 20, []string{"Seller:| 请等待| 30| 天"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a\n\nb", 4, []string{"a", "", "b"}},
		{"Blåbær  syltetøy", 20, []string{"Blåbær  syltetøy"}},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range wrap(c, tt.in, tt.w, width) {
			var parts []string
			n := 0.0
			for _, r := range l {
				parts = append(parts, r.s)
				n += width(r)
			}
			if n > tt.w {
				t.Errorf("wrap(%q): line %q wider than %v", tt.in, parts, tt.w)
			}
			got = append(got, strings.Join(parts, "|"))
		}
		if strings.Join(got, "/") != strings.Join(tt.want, "/") {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

func FuzzWrap(f *testing.F) {
	c, err := newCoverage()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"æøå 请等待", "a  b\n", "🙏 x", "长长长长长长长长"} {
		f.Add(s, 3)
	}
	width := func(r run) float64 { return float64(len([]rune(r.s))) }
	f.Fuzz(func(t *testing.T, s string, w int) {
		if w < 1 || w > 200 {
			return
		}
		s = c.clean(s)
		var kept strings.Builder
		for _, l := range wrap(c, s, float64(w), width) {
			n := 0.0
			for _, r := range l {
				n += width(r)
				kept.WriteString(r.s)
			}
			if n > float64(w) {
				t.Fatalf("a line of %v in width %d", n, w)
			}
		}
		if strip(kept.String()) != strip(s) {
			t.Fatalf("wrap lost text: %q became %q", s, kept.String())
		}
	})
}

// strip drops spaces and newlines: the characters wrap may turn into breaks.
func strip(s string) string {
	return strings.NewReplacer(" ", "", "\n", "").Replace(s)
}
