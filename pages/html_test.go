package pages

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestVisibleText: what a reader sees of a page, and the nasty pages a
// hostile or broken site may make.
func TestVisibleText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "<p>Hello <b>world</b></p><p>again</p>", "Hello world\nagain"},
		{"scripts and styles", "<script>var a = '<p>no</p>';</script><style>p{}</style><p>yes</p>", "yes"},
		{"template", "<template><p>no</p></template><p>yes</p>", "yes"},
		{"noscript", "<noscript><p>Enable JavaScript</p></noscript><p>yes</p>", "yes"},
		{"hidden attribute", "<div hidden><p>no</p></div><p>yes</p>", "yes"},
		{"hidden until found", "<div hidden=\"until-found\">no</div>yes", "yes"},
		{"inline display none", "<div style=\"color: red; display : none !important\">no</div><div style=\"display:block\">yes</div>", "yes"},
		{"visibility hidden", "<span style=\"visibility:hidden\">no</span>yes", "yes"},
		{"class hidden by the style sheet", "<style>.a, #b { display: none } .c d { display: none }</style><i class=\"x a\">no</i><i id=\"b\">no</i><i class=\"c\">yes</i>", "yes"},
		{"head never closed", "<html><head><title>T</title><body><p>yes</p>", "yes"},
		{"text in the head", "<html><head><title>T</title>yes", "yes"},
		{"a hidden p closed by a div", "<p hidden>no<div>yes</div>", "yes"},
		{"unclosed hidden div", "<div hidden>no<p>no</p>", ""},
		{"stray end tags", "</div></p>yes</span>", "yes"},
		{"entities", "<p>Tom &amp; Jerry &lt;3 &#x1F600; &aelig;&oslash;&aring;</p>", "Tom & Jerry <3 😀 æøå"},
		{"CJK and emoji", "<p>充电器 65W 🔌</p><p>スマホ</p>", "充电器 65W 🔌\nスマホ"},
		{"Norwegian", "<p>Blåbær, ørret og ærfugl</p>", "Blåbær, ørret og ærfugl"},
		{"table cells", "<table><tr><td>2026-09-01</td><td>Oslo</td></tr></table>", "2026-09-01\nOslo"},
		{"comments", "<p>yes<!-- no --></p>", "yes"},
		{"svg title is no page title", "<svg><title>icon</title></svg><p>yes</p>", "icon\nyes"},
		{"textarea shows", "<textarea>typed</textarea>", "typed"},
		{"select does not", "<select><option>a</option><option>b</option></select>yes", "yes"},
		{"dialog closed and open", "<dialog>no</dialog><dialog open>yes</dialog>", "yes"},
		{"truncated tag", "<p>yes</p><div class=\"", "yes"},
		{"empty", "", ""},
		{"path traversal is text", "<p>../../etc/passwd</p>", "../../etc/passwd"},
	} {
		if got := readHTML([]byte(tc.in), "").text; got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestCharsets: the charset a page or its part declares, else UTF-8 when
// valid, else windows-1252.
func TestCharsets(t *testing.T) {
	for _, tc := range []struct{ name, in, contentType, want string }{
		{"meta charset", "<meta charset=\"windows-1252\"><p>bl\xe5b\xe6r</p>", "", "blåbær"},
		{"http-equiv", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>\xf8</p>", "", "ø"},
		{"the part's charset", "<p>\xe5</p>", "text/html; charset=iso-8859-1", "å"},
		{"undeclared UTF-8", "<p>blåbær</p>", "", "blåbær"},
		{"undeclared other bytes", "<p>bl\xe5b\xe6r</p>", "", "blåbær"},
		{"UTF-8 declared, bytes broken", "<meta charset=\"utf-8\"><p>a\xffb</p>", "", "a\uFFFDb"},
		{"UTF-16 with its BOM", "\xff\xfe<\x00p\x00>\x00\xe5\x00", "", "å"},
		{"a BOM before UTF-8", "\xef\xbb\xbf<p>å</p>", "", "å"},
	} {
		if got := readHTML([]byte(tc.in), tc.contentType).text; got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestTitleAndMeta: the page's title, its meta tags and its JSON-LD.
func TestTitleAndMeta(t *testing.T) {
	d := readHTML([]byte(`<head><title> A  &amp; B </title><meta property="og:title" content=" X "><meta name="og:title" content="second">
		<script type="application/ld+json">{"@type":"Product"}</script></head><body><title>not this</title>`), "")
	if d.title != "A & B" || d.meta["og:title"] != "X" || len(d.jsonLD) != 1 || d.jsonLD[0] != `{"@type":"Product"}` {
		t.Errorf("%q %q %q", d.title, d.meta, d.jsonLD)
	}
}

// TestBounds: a page that nests without end, has more tags than are read,
// or more text than is kept is read within its bounds.
func TestBounds(t *testing.T) {
	deep := strings.Repeat("<div hidden>", 10000) + "no" + strings.Repeat("</div>", 10000) + "yes"
	if got := readHTML([]byte(deep), "").text; got != "yes" {
		t.Errorf("deep: %.80q", got)
	}
	long := strings.Repeat("<p>"+strings.Repeat("x", 1000)+"</p>", 2000)
	if got := readHTML([]byte(long), "").text; len(got) > maxText || !utf8.ValidString(got) {
		t.Errorf("long text: %d bytes", len(got))
	}
	cut := strings.Repeat("ø", maxText) // a rune cut at the limit
	if got := readHTML([]byte(cut), "").text; !utf8.ValidString(got) || len(got) > maxText {
		t.Errorf("cut rune: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
	if testing.Short() {
		return
	}
	many := strings.Repeat("<b>", maxTokens+10) + "after"
	if got := readHTML([]byte(many), "").text; strings.Contains(got, "after") {
		t.Error("read past maxTokens")
	}
}

// TestAttrs reads a tag's attributes as the HTML standard does: quoted,
// bare and empty values, entities, case, the first of a name twice.
func TestAttrs(t *testing.T) {
	for in, want := range map[string]map[string]string{
		`<div class="a b" hidden id=x>`:                  {"class": "a b", "hidden": "", "id": "x"},
		`<META Property='og:title' CONTENT="A &amp; B">`: {"property": "og:title", "content": "A & B"},
		`<p style = "display:none" style="x">`:           {"style": "display:none"},
		`<img src="a>b" alt=c/>`:                         {"src": "a>b", "alt": "c/"},
		`<br/>`:                                          {},
		`<div class="unclosed>`:                          {"class": "unclosed>"},
		`<div =x>`:                                       {"=x": ""},
		`<p title="æøå 中文 😀">`:                           {"title": "æøå 中文 😀"},
		`<div`:                                           {},
	} {
		if got := attrsOf([]byte(in)); !maps.Equal(got, want) {
			t.Errorf("attrsOf(%q) = %q, want %q", in, got, want)
		}
	}
	many := "<p"
	for i := range 100 {
		many += fmt.Sprintf(" a%d=%d", i, i)
	}
	if got := attrsOf([]byte(many + ">")); len(got) != 64 {
		t.Errorf("%d attributes kept", len(got))
	}
}

// TestDataURIs: the long data: URIs of a SingleFile page are emptied
// before reading; short ones and the text around stay.
func TestDataURIs(t *testing.T) {
	long := strings.Repeat("A", 5000)
	for in, want := range map[string]string{
		`<img src="data:image/png;base64,` + long + `">x`:                       `<img src="data:,">x`,
		`<style>a{background:url(data:font/woff2;base64,` + long + `)}</style>`: `<style>a{background:url(data:,)}</style>`,
		`<img src="data:image/png;base64,AAAA">`:                                `<img src="data:image/png;base64,AAAA">`,
		`metadata: yes`:                                                         `metadata: yes`,
		`data:` + long:                                                          `data:,`,
		``:                                                                      ``,
	} {
		if got := string(withoutDataURIs([]byte(in))); got != want {
			t.Errorf("withoutDataURIs(%.60q) = %.60q, want %.60q", in, got, want)
		}
	}
}
