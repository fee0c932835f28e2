package export

import (
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

func TestClean(t *testing.T) {
	c, err := newCoverage(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Blåbærsyltetøy ÆØÅ", "Blåbærsyltetøy ÆØÅ"},
		{"Zażółć gęślą jaźń, Grüße, Привет, Ωμέγα", "Zażółć gęślą jaźń, Grüße, Привет, Ωμέγα"},
		{"请等待", "\uFFFD\uFFFD\uFFFD"},
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
	c, err := newCoverage(goregular.TTF)
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
			if r > 0xFFFF || r < 0x20 || (r != replacement && !c.has(r)) {
				t.Fatalf("clean(%q) left %U", s, r)
			}
		}
	})
}
