package pages

import (
	"bytes"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// The first line of the comment SingleFile writes as the first child of a
// saved page's html element (single-file-core, util.COMMENT_HEADER and its
// _LEGACY), then " url: ADDRESS", " saved date: DATE" (unless the user
// turned the date off) and " info: ..." lines:
//
//	<html><!--
//	 Page saved with SingleFile
//	 url: https://www.aliexpress.com/item/1005006123456789.html
//	 saved date: Tue Sep 01 2026 14:03:12 GMT+0200 (Central European Summer Time)
//	-->
//
// The date is JavaScript's Date.prototype.toString of the moment of saving.
const (
	singleFileHeader = "Page saved with SingleFile"
	singleFileLegacy = "Archive processed by SingleFile"
	// maxPreamble is how far into a file its SingleFile comment is looked for.
	maxPreamble = 64 << 10
)

// readSingleFile reads the address and save time from SingleFile's comment:
// a comment before the page's first element or text (a doctype, the html
// tag and other comments may come first). ok is false for a file without
// one.
func readSingleFile(data []byte) (address, saved string, ok bool) {
	z := html.NewTokenizer(bytes.NewReader(bytes.TrimPrefix(truncate(data, maxPreamble), utf8BOM)))
	for range 64 {
		switch z.Next() {
		case html.CommentToken:
			if address, saved, ok = singleFileComment(commentText(z.Raw())); ok {
				return address, saved, true
			}
		case html.DoctypeToken:
		case html.TextToken:
			if len(bytes.TrimSpace(z.Raw())) > 0 {
				return "", "", false
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) != "html" {
				return "", "", false
			}
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// commentText is a comment's text without its "<!--" and "-->" (or the
// "<!" and ">" of a bogus comment).
func commentText(raw []byte) string {
	s := strings.TrimPrefix(string(raw), "<!--")
	s = strings.TrimPrefix(s, "<!")
	s = strings.TrimSuffix(s, "-->")
	return strings.TrimSuffix(s, ">")
}

// singleFileComment reads one comment's text as SingleFile's header.
func singleFileComment(text string) (address, saved string, ok bool) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return "", "", false
	}
	if first := strings.TrimSpace(lines[i]); first != singleFileHeader && first != singleFileLegacy {
		return "", "", false
	}
	for _, line := range lines[i+1:] {
		line = strings.TrimSpace(line)
		if v, found := strings.CutPrefix(line, "url:"); found && address == "" {
			address = strings.TrimSpace(v)
		}
		if v, found := strings.CutPrefix(line, "saved date:"); found && saved == "" {
			saved = strings.TrimSpace(v)
		}
	}
	return oneLine(address, 2048), oneLine(saved, 200), true
}

// jsDate reads JavaScript's Date.prototype.toString, as SingleFile writes
// the save time: "Tue Sep 01 2026 14:03:12 GMT+0200 (Central European
// Summer Time)", in the zone it names by its offset.
func jsDate(s string) (time.Time, bool) {
	s, _, _ = strings.Cut(s, " (")
	t, err := time.Parse("Mon Jan 02 2006 15:04:05 GMT-0700", strings.TrimSpace(s))
	return t, err == nil && t.Year() >= 1970 && t.Year() <= 2200
}

// oneLine is s with its runs of spaces, tabs and line breaks as one space,
// bytes that are not UTF-8 as U+FFFD, and at most max bytes.
func oneLine(s string, max int) string {
	return string(truncate([]byte(strings.ToValidUTF8(strings.Join(strings.Fields(s), " "), "\uFFFD")), max))
}
