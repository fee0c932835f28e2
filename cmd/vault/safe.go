package main

import (
	"io"
	"strings"
	"unicode/utf8"
)

// safeWriter is the writer of the CLI's text output. A record's text comes
// from outside (a seller's name, a message read from a file, an email): it
// may carry terminal escapes that recolour, retitle or clear the terminal,
// or bidirectional overrides that show a line reversed. Each such character
// is written as U+FFFD; newlines and tabs pass, and table cells and fields
// are kept to one line by their printers (cell). JSON goes around it
// (printJSON): its encoder escapes control characters, and the bytes are
// the record's.
type safeWriter struct {
	w    io.Writer
	tail []byte // an incomplete UTF-8 sequence at the end of the last write
}

func (s *safeWriter) Write(p []byte) (int, error) {
	buf := append(s.tail, p...)
	s.tail = nil
	var out []byte
	for len(buf) > 0 {
		if !utf8.FullRune(buf) {
			s.tail = append([]byte(nil), buf...)
			break
		}
		r, size := utf8.DecodeRune(buf)
		if unsafeRune(r) {
			out = append(out, "\uFFFD"...)
		} else {
			out = append(out, buf[:size]...)
		}
		buf = buf[size:]
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// unsafeRune reports a control character other than newline and tab (C0,
// DEL, C1) or a bidirectional embedding, override or isolate.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// raw is the writer under a safeWriter, for output that is data (JSON).
func raw(w io.Writer) io.Writer {
	if s, ok := w.(*safeWriter); ok {
		return s.w
	}
	return w
}

// cell keeps a value to one line: line breaks become " ↵ " and tabs spaces.
func cell(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	s = strings.NewReplacer("\r\n", " ↵ ", "\n", " ↵ ", "\r", " ↵ ", "\t", " ").Replace(s)
	return s
}
