package main

import (
	"strings"
	"testing"
)

func TestParseDays(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"", 0, true}, {"30", 30, true}, {"30d", 30, true}, {" 4w ", 28, true}, {"0d", 0, true},
		{"36500", 36500, true}, {"36501", 0, false}, {"-3d", 0, false}, {"d", 0, false}, {"3x", 0, false},
		{"３０d", 0, false}, {"30 d", 0, false}, {"😀", 0, false}, {"æøå", 0, false}, {"99999999999999999999", 0, false},
		{"1e3", 0, false}, {"0x10", 0, false}, {strings.Repeat("9", 1000), 0, false},
	} {
		got, err := parseDays(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseDays(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseDays(f *testing.F) {
	for _, s := range []string{"30d", "4w", "", "-1", "7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseDays(s)
		if err == nil && (n < 0 || n > 7*36500) {
			t.Fatalf("parseDays(%q) = %d", s, n)
		}
	})
}

// TestConfirm: the guard's question takes yes and y, and nothing else.
func TestConfirm(t *testing.T) {
	for in, want := range map[string]bool{"y\n": true, "Yes\n": true, " YES \n": true, "n\n": false, "\n": false, "": false,
		"ja\n": false, "yes please\n": false} {
		var errOut strings.Builder
		a := &app{stdin: strings.NewReader(in), stderr: &errOut}
		if got := a.confirm("Open the dispute anyway?"); got != want {
			t.Errorf("%q: %v, want %v", in, got, want)
		}
		if errOut.String() != "Open the dispute anyway? [y/N] " {
			t.Errorf("asked %q", errOut.String())
		}
	}
	if (&app{stdin: strings.NewReader("y\n")}).interactive() {
		t.Error("a reader taken for a terminal")
	}
}
