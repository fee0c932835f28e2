package evidence

import (
	"html"
	"strings"
)

// HTMLText turns an HTML mail body into plain text, as a mail reader shows
// it: the text of the elements, a line break where a block ends, a link's
// address after its text, no scripts, styles or comments, entities decoded.
func HTMLText(s string) string {
	var out strings.Builder
	var href string // of the link being read
	linkText := 0   // where its text starts in out
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			out.WriteString(html.UnescapeString(s))
			break
		}
		out.WriteString(html.UnescapeString(s[:lt]))
		s = s[lt:]
		if strings.HasPrefix(s, "<!--") {
			s = after(s, "-->")
			continue
		}
		end := tagEnd(s)
		name, attrs := tagName(s[1:end])
		s = s[min(end+1, len(s)):]
		switch name {
		case "script", "style", "head", "title":
			s = after(s, "</"+name) // their text is not the mail's
			s = after(s, ">")
		case "br", "p", "/p", "div", "/div", "tr", "/tr", "li", "/li", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/table", "hr":
			out.WriteByte('\n')
		case "td", "th":
			out.WriteByte(' ')
		case "a":
			href, linkText = attr(attrs, "href"), out.Len()
		case "/a":
			text := strings.TrimSpace(out.String()[linkText:])
			if href != "" && text != href && !strings.HasPrefix(href, "#") && !strings.HasPrefix(strings.ToLower(href), "javascript:") {
				out.WriteString(" (" + href + ")")
			}
			href = ""
		}
	}
	return tidyLines(out.String())
}

// tagEnd is the index of the '>' that ends the tag s starts with, outside
// quoted attribute values, or len(s) when there is none.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return len(s)
}

// tagName splits a tag's inside into its lower-case name ("/p" for an end
// tag) and the rest.
func tagName(tag string) (string, string) {
	tag = strings.TrimSuffix(tag, "/")
	i := strings.IndexAny(tag, " \t\r\n/")
	if i <= 0 {
		return strings.ToLower(tag), ""
	}
	if tag[0] == '/' {
		return strings.ToLower(strings.TrimSpace(tag)), ""
	}
	return strings.ToLower(tag[:i]), tag[i:]
}

// attr finds an attribute's value in a tag's attributes.
func attr(attrs, name string) string {
	lower := strings.ToLower(attrs)
	for i := 0; ; {
		j := strings.Index(lower[i:], name)
		if j < 0 {
			return ""
		}
		i += j + len(name)
		before := i - len(name) - 1
		if before >= 0 && !strings.ContainsRune(" \t\r\n", rune(lower[before])) {
			continue // part of another attribute's name
		}
		rest := strings.TrimLeft(attrs[i:], " \t\r\n")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			if k := strings.IndexByte(rest[1:], rest[0]); k >= 0 {
				return html.UnescapeString(rest[1 : k+1])
			}
			return html.UnescapeString(rest[1:])
		}
		if k := strings.IndexAny(rest, " \t\r\n"); k >= 0 {
			rest = rest[:k]
		}
		return html.UnescapeString(rest)
	}
}

// after is what follows the first sep in s (case-insensitive), or "".
func after(s, sep string) string {
	i := strings.Index(strings.ToLower(s), sep)
	if i < 0 {
		return ""
	}
	return s[i+len(sep):]
}

// tidyLines collapses the spaces in each line and the empty lines between
// paragraphs to one.
func tidyLines(s string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
