package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestSafeWriter: what a record carries from outside cannot drive the
// terminal or fake a line of a listing; text in any script passes whole,
// even when a character is split between two writes.
func TestSafeWriter(t *testing.T) {
	for in, want := range map[string]string{
		"plain æøå ÆØÅ 📦 蓝莓 Привет\n\ttab": "plain æøå ÆØÅ 📦 蓝莓 Привет\n\ttab",
		"\x1b[31mred\x1b]0;title\a":        "\uFFFD[31mred\uFFFD]0;title\uFFFD",
		"8-bit CSI \u009b2J, DEL \x7f":     "8-bit CSI \uFFFD2J, DEL \uFFFD",
		"bidi \u202egpj.exe\u202c":         "bidi \uFFFDgpj.exe\uFFFD",
		"NUL \x00 CR \r":                   "NUL \uFFFD CR \uFFFD",
		"bad utf-8 \xff\xfe":               "bad utf-8 \xff\xfe",
		"":                                 "",
	} {
		for split := 0; split <= len(in); split++ {
			var b bytes.Buffer
			w := &safeWriter{w: &b}
			w.Write([]byte(in[:split]))
			w.Write([]byte(in[split:]))
			if b.String() != want {
				t.Errorf("%q split at %d: %q, want %q", in, split, b.String(), want)
			}
		}
	}
	var b bytes.Buffer
	table(&b, [][]string{{"ID", "SELLER"}, {"ORD-1", "Evil\nORD-99\tfake row"}})
	if lines := strings.Count(b.String(), "\n"); lines != 2 || !strings.Contains(b.String(), "Evil ↵ ORD-99 fake row") {
		t.Errorf("a newline in a cell made a row of its own:\n%s", b.String())
	}
	b.Reset()
	printJSON(&safeWriter{w: &b}, map[string]string{"note": "\x1b[31m"})
	if !strings.Contains(b.String(), `\u001b[31m`) {
		t.Errorf("JSON is not the record's: %s", b.String())
	}
}
