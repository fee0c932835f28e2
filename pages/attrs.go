package pages

import (
	"bytes"
	"html"
	"strings"
)

// The tokenizer of golang.org/x/net/html finds the tags and texts; their
// entities are decoded here with the standard library's html package,
// whose table is built on first use: the tokenizer's own (Text, TagAttr)
// is a 113 KB map built as the program starts, which every vault command
// would pay for.

// textOf is a text token's text, its entities decoded.
func textOf(raw []byte) []byte {
	if bytes.IndexByte(raw, '&') < 0 {
		return raw
	}
	return []byte(html.UnescapeString(string(raw)))
}

// attrsOf reads a start tag's attributes from its raw bytes: lower-case
// names, values with their entities decoded, the first of an attribute
// named twice (as the HTML standard keeps it), at most 64 of them, each
// value cut at 4 KB.
func attrsOf(raw []byte) map[string]string {
	attrs := map[string]string{}
	s := string(raw)
	s = strings.TrimPrefix(s, "<")
	i := strings.IndexAny(s, " \t\r\n\f/>")
	if i < 0 {
		return attrs
	}
	s = s[i:]
	for len(attrs) < 64 {
		s = strings.TrimLeft(s, " \t\r\n\f/")
		if s == "" || s[0] == '>' {
			return attrs
		}
		end := strings.IndexAny(s[1:], " \t\r\n\f/>=") + 1 // a name may begin with '='
		if end == 0 {
			end = len(s)
		}
		name := strings.ToLower(s[:end])
		s = strings.TrimLeft(s[end:], " \t\r\n\f")
		value := ""
		if strings.HasPrefix(s, "=") {
			value, s = attrValue(strings.TrimLeft(s[1:], " \t\r\n\f"))
		}
		if _, seen := attrs[name]; !seen {
			if len(value) > 4096 {
				value = strings.ToValidUTF8(value[:4096], "")
			}
			attrs[name] = html.UnescapeString(value)
		}
	}
	return attrs
}

// attrValue reads a quoted or bare value at the start of s, and returns it
// and what follows.
func attrValue(s string) (string, string) {
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if k := strings.IndexByte(s[1:], s[0]); k >= 0 {
			return s[1 : k+1], s[k+2:]
		}
		return s[1:], ""
	}
	k := strings.IndexAny(s, " \t\r\n\f>")
	if k < 0 {
		return s, ""
	}
	return s[:k], s[k:]
}
