package pages

import (
	"bytes"
	"cmp"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// The bounds of reading one page's HTML: a hostile page may nest without
// end, hold millions of tags or megabytes of text.
const (
	maxTokens = 2_000_000 // tags, texts and comments read; the rest is not
	maxDepth  = 512       // open elements followed; deeper ones count as their parent
	maxText   = 512 << 10 // bytes of visible text kept
	maxScript = 64 << 10  // bytes of one JSON-LD script kept
	maxMeta   = 200       // meta tags and JSON-LD scripts kept
	maxStyle  = 256 << 10 // bytes of one style element whose rules are read
)

// doc is what the vault keeps of a page's HTML: its title, its visible
// text, its meta tags' values by property or name, and its JSON-LD.
type doc struct {
	title  string
	text   string
	meta   map[string]string
	jsonLD []string
}

// hiddenTags are elements whose content is not shown: scripts, styles,
// templates, what shows only without scripts, embedded documents and the
// fallbacks of objects, and a dialog not opened.
var hiddenTags = map[string]bool{"script": true, "style": true, "template": true, "noscript": true, "head": true,
	"iframe": true, "object": true, "canvas": true, "select": true, "datalist": true, "dialog": true, "noembed": true,
	"noframes": true}

// headTags are the elements a head holds; any other ends it (a page that
// never closes its head still shows its body).
var headTags = map[string]bool{"title": true, "meta": true, "link": true, "style": true, "script": true,
	"noscript": true, "base": true, "template": true}

// blockTags end a line of text where they start or end.
var blockTags = map[string]bool{"p": true, "div": true, "br": true, "li": true, "tr": true, "td": true, "th": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true, "article": true,
	"header": true, "footer": true, "nav": true, "main": true, "aside": true, "ul": true, "ol": true, "table": true,
	"dl": true, "dt": true, "dd": true, "pre": true, "blockquote": true, "hr": true, "form": true, "fieldset": true,
	"figure": true, "figcaption": true, "address": true, "summary": true, "details": true, "caption": true,
	"thead": true, "tbody": true, "tfoot": true, "legend": true, "label": true, "button": true, "option": true}

// voidTags have no content and no end tag.
var voidTags = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// closesP are the start tags that end an open paragraph (the HTML
// standard's "close a p element"), so that a hidden <p> does not hide the
// <div> that follows it.
var closesP = map[string]bool{"address": true, "article": true, "aside": true, "blockquote": true, "details": true,
	"div": true, "dl": true, "fieldset": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hr": true, "main": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "table": true, "ul": true}

// hiddenStyle is an inline style that hides its element.
var hiddenStyle = lazy(`(?i)(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden|content-visibility\s*:\s*hidden)\s*(!\s*important\s*)?($|;)`)

// readHTML reads a page's HTML (bytes in the charset contentType or the
// page declares, else UTF-8 when valid, else windows-1252): its title,
// what a reader sees of it (no scripts, styles, templates, noscript, head,
// nor elements hidden by the hidden attribute or an inline style), its meta
// tags and JSON-LD. Blocks end lines; spaces within a line collapse.
func readHTML(data []byte, contentType string) doc {
	r := decode(withoutDataURIs(data), contentType)
	z := html.NewTokenizer(r)
	d := doc{meta: map[string]string{}}
	var text strings.Builder
	var stack []string // open elements
	hiddenFrom := -1   // the depth of the outermost hidden element, -1 when shown
	inTitle, inLD, inStyle := false, false, false
	hidden := hiddenRules{}
	for range maxTokens {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			d.text = tidy(text.String())
			return d
		case html.TextToken:
			txt := z.Raw()
			if !inStyle && !inLD {
				txt = textOf(txt)
			}
			if top(stack) == "head" && len(bytes.TrimSpace(txt)) > 0 {
				stack = pop(stack, len(stack)-1, &hiddenFrom)
			}
			switch {
			case inTitle && d.title == "":
				d.title = strings.Join(strings.Fields(string(txt)), " ")
			case inStyle:
				hidden.read(truncate(txt, maxStyle))
			case inLD && len(d.jsonLD) < maxMeta:
				d.jsonLD = append(d.jsonLD, string(truncate(txt, maxScript)))
			case hiddenFrom < 0 && text.Len() < maxText:
				text.Write(txt)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := tag(z)
			inTitle = name == "title" && tt == html.StartTagToken && lastIndex(stack, "svg") < 0
			inLD = name == "script" && strings.EqualFold(attrs["type"], "application/ld+json")
			inStyle = name == "style" && tt == html.StartTagToken
			if name == "meta" {
				d.keepMeta(attrs)
			}
			if blockTags[name] && hiddenFrom < 0 {
				text.WriteByte('\n')
			}
			if voidTags[name] || tt == html.SelfClosingTagToken {
				continue
			}
			if closesP[name] && top(stack) == "p" || top(stack) == "head" && !headTags[name] {
				stack = pop(stack, len(stack)-1, &hiddenFrom)
			}
			if len(stack) >= maxDepth {
				continue
			}
			stack = append(stack, name)
			if hiddenFrom < 0 && (hides(name, attrs) || hidden.hide(attrs)) {
				hiddenFrom = len(stack) - 1
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			inTitle, inLD, inStyle = false, false, false
			if i := lastIndex(stack, string(name)); i >= 0 {
				stack = pop(stack, i, &hiddenFrom)
			}
			if blockTags[string(name)] && hiddenFrom < 0 {
				text.WriteByte('\n')
			}
		}
	}
	d.text = tidy(text.String())
	return d
}

// withoutDataURIs is data with the long data: URIs (the pictures, fonts
// and styles a SingleFile page holds, megabytes each) emptied ("data:,"):
// they hold no text, and the tokenizer would hold each whole.
func withoutDataURIs(data []byte) []byte {
	var out []byte
	kept := 0 // data[:kept] is in out, when out is made
	for i := 0; ; {
		k := bytes.Index(data[i:], []byte("data:"))
		if k < 0 {
			break
		}
		k += i
		end := len(data)
		if n := bytes.IndexAny(data[k+5:], "\"'()<> \t\r\n"); n >= 0 {
			end = k + 5 + n
		}
		if end-k >= 1024 {
			if out == nil {
				out = make([]byte, 0, len(data)/2)
			}
			out = append(append(out, data[kept:k]...), "data:,"...)
			kept = end
		}
		i = end
	}
	if out == nil {
		return data
	}
	return append(out, data[kept:]...)
}

// utf8BOM is the byte order mark some editors put before UTF-8 text.
var utf8BOM = []byte("\ufeff")

// decode is a reader of data as UTF-8 (see readHTML for the charset),
// without a byte order mark.
func decode(data []byte, contentType string) *bytes.Reader {
	enc, named := declared(data, contentType)
	if enc != unicode.UTF8 {
		if out, err := enc.NewDecoder().Bytes(data); err == nil {
			data = out
		}
	} else if !named && !utf8.Valid(cutRune(data)) {
		data, _ = charmap.Windows1252.NewDecoder().Bytes(data)
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return bytes.NewReader(bytes.TrimPrefix(data, utf8BOM))
}

// cutRune is data without a rune cut short at its end (a file cut
// short): text that is UTF-8 up to there is still UTF-8.
func cutRune(data []byte) []byte {
	for i := len(data) - 1; i >= 0 && i >= len(data)-3; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return data[:i]
			}
			break
		}
	}
	return data
}

// metaCharset is a meta tag that names the page's charset.
var metaCharset = lazy(`(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_:.-]{1,40})`)

// declared is the encoding a page's byte order mark, its part's
// Content-Type or a meta tag in its first kilobyte names (the HTML
// standard's prescan, in short), and whether one does; UTF-8 when none.
func declared(data []byte, contentType string) (encoding.Encoding, bool) {
	label := ""
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return unicode.UTF8, true
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		label = "utf-16be"
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		label = "utf-16le"
	}
	if _, params, err := mime.ParseMediaType(contentType); label == "" && err == nil {
		label = params["charset"]
	}
	if m := metaCharset().FindSubmatch(truncate(data, 1024)); label == "" && m != nil {
		label = string(m[1])
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return unicode.UTF8, false
	}
	return enc, true
}

// tag is the current tag's lower-case name and its attributes (attrsOf),
// but for elements without content other than meta, whose attributes say
// nothing here (a picture's may be megabytes of data: URI).
func tag(z *html.Tokenizer) (string, map[string]string) {
	name, _ := z.TagName()
	if voidTags[string(name)] && string(name) != "meta" {
		return string(name), nil
	}
	return string(name), attrsOf(z.Raw())
}

// hides reports whether an element hides itself and what it holds.
func hides(name string, attrs map[string]string) bool {
	if hiddenTags[name] {
		return name != "dialog" || !has(attrs, "open")
	}
	return has(attrs, "hidden") || hiddenStyle().MatchString(strings.ToLower(attrs["style"]))
}

func has(attrs map[string]string, key string) bool { _, ok := attrs[key]; return ok }

// hiddenRules are the classes and ids a page's style sheets hide with a
// rule of their own (".skjult { display: none }"); rules of other
// selectors (descendants, media queries) are not followed.
type hiddenRules map[string]bool

// cssRule is one rule of a style sheet: its selectors and declarations.
var cssRule = lazy(`([^{}]+)\{([^{}]*)\}`)

// maxRules bounds the classes and ids kept.
const maxRules = 2000

// read takes the rules of a style element's text.
func (h hiddenRules) read(css []byte) {
	for _, m := range cssRule().FindAllSubmatch(css, maxRules) {
		if !hiddenStyle().MatchString(strings.ToLower(strings.TrimSpace(string(m[2])))) {
			continue
		}
		for _, sel := range strings.Split(string(m[1]), ",") {
			if sel = strings.TrimSpace(sel); len(sel) > 1 && (sel[0] == '.' || sel[0] == '#') &&
				!strings.ContainsAny(sel[1:], " .#:[>+~*") && len(h) < maxRules {
				h[sel] = true
			}
		}
	}
}

// hide reports whether a rule hides an element of these attributes.
func (h hiddenRules) hide(attrs map[string]string) bool {
	if len(h) == 0 {
		return false
	}
	for _, c := range strings.Fields(attrs["class"]) {
		if h["."+c] {
			return true
		}
	}
	return attrs["id"] != "" && h["#"+attrs["id"]]
}

// keepMeta keeps a meta tag's content by its property or name.
func (d *doc) keepMeta(attrs map[string]string) {
	key := strings.ToLower(cmp.Or(attrs["property"], attrs["name"], attrs["itemprop"]))
	if key == "" || len(d.meta) >= maxMeta {
		return
	}
	if _, seen := d.meta[key]; !seen {
		d.meta[key] = strings.TrimSpace(attrs["content"])
	}
}

// pop closes the elements from index i on, and shows again what a closed
// hidden element hid.
func pop(stack []string, i int, hiddenFrom *int) []string {
	if *hiddenFrom >= i {
		*hiddenFrom = -1
	}
	return stack[:i]
}

// top is the innermost open element, or "".
func top(stack []string) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1]
}

// lastIndex is the index of the innermost open element named name, or -1.
func lastIndex(stack []string, name string) int {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i] == name {
			return i
		}
	}
	return -1
}

// truncate cuts b to at most n bytes, at a rune's start.
func truncate(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}

// tidy collapses the spaces within each line, drops empty lines, and
// keeps at most maxText bytes.
func tidy(s string) string {
	var out []string
	size := 0
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if size += len(line) + 1; size > maxText {
			break
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
