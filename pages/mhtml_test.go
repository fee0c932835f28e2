package pages

import (
	"strings"
	"testing"
	"time"
)

// mhtmlOf is an MHTML file as Blink writes it, with header lines and
// parts given (CRLF line ends).
func mhtmlOf(header string, parts ...string) string {
	s := "From: <Saved by Blink>\r\n" + header + "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B----\"\r\n\r\n\r\n"
	for _, p := range parts {
		s += "------B----\r\n" + p + "\r\n"
	}
	return s + "------B------\r\n"
}

// TestMHTML: MHTML files as browsers write them, and as they come damaged
// or hostile.
func TestMHTML(t *testing.T) {
	const html = "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://b.example/part\r\n\r\n<title>T</title><p>bl=C3=A5b=C3=A6r =3D god</p>"
	for _, tc := range []struct {
		name, in, address, saved, subject, text string
		ok                                      bool
	}{
		{"as Chrome writes it", mhtmlOf("Snapshot-Content-Location: https://a.example/x\r\nSubject: =?utf-8?Q?Sporing=20=E2=80=93=20Posten?=\r\nDate: Mon, 14 Sep 2026 21:40:05 +0200\r\n", html),
			"https://a.example/x", "2026-09-14T21:40:05+02:00", "Sporing – Posten", "blåbær = god", true},
		{"older Chrome: -0000, no Snapshot header", mhtmlOf("Subject: \r\nDate: Sun, 28 Aug 2022 17:29:32 -0000\r\n", html),
			"https://b.example/part", "2022-08-28T17:29:32Z", "", "blåbær = god", true},
		{"a picture first", mhtmlOf("", "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=", html),
			"https://b.example/part", "", "", "blåbær = god", true},
		{"base64 page", mhtmlOf("", "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+w6bDuMOlPC9w\r\nPg=="),
			"", "", "", "æøå", true},
		{"latin-1 subject", mhtmlOf("Subject: =?iso-8859-1?Q?bl=E5b=E6r?=\r\n", html), "https://b.example/part", "", "blåbær", "blåbær = god", true},
		{"unreadable date", mhtmlOf("Date: yesterday\r\n", html), "https://b.example/part", "", "", "blåbær = god", true},
		{"no page in it", mhtmlOf("", "Content-Type: text/css\r\n\r\np{}"), "", "", "", "", false},
		{"truncated in the page", mhtmlOf("", html)[:strings.Index(mhtmlOf("", html), "=C3=A6")+4], "https://b.example/part", "", "", "blåb\uFFFD", true},
		{"no boundary", "Content-Type: multipart/related\r\n\r\n<p>x</p>", "", "", "", "", false},
		{"not related", "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\nx\r\n--b--", "", "", "", "", false},
		{"empty", "", "", "", "", "", false},
	} {
		m, ok := readMHTML([]byte(tc.in))
		saved := ""
		if !m.savedAt.IsZero() {
			saved = m.savedAt.Format(time.RFC3339)
		}
		text := ""
		if ok {
			text = readHTML(m.html, m.contentType).text
		}
		if ok != tc.ok || ok && (m.address != tc.address || saved != tc.saved || m.subject != tc.subject || text != tc.text) {
			t.Errorf("%s: %v %q %q %q %q, want %v %q %q %q %q", tc.name, ok, m.address, saved, m.subject, text, tc.ok, tc.address, tc.saved, tc.subject, tc.text)
		}
	}
}

// TestIsMHTML tells an MHTML file from a mail and from HTML by its header.
func TestIsMHTML(t *testing.T) {
	for in, want := range map[string]bool{
		mhtmlOf("", "x"): true,
		"From: a@example.com\r\nContent-Type: text/plain\r\n\r\nhi":                               false,
		"Content-Type: multipart/related; boundary=b\n\n--b\n":                                    true,
		"<html><head></head></html>":                                                              false,
		"Content-Type: multipart/related; boundary=b" + strings.Repeat(" ", maxPreamble) + "\n\n": false,
		"": false,
	} {
		if got := isMHTML([]byte(in)); got != want {
			t.Errorf("isMHTML(%.50q) = %v", in, got)
		}
	}
}
