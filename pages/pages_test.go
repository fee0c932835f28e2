package pages

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vault"
	"vault/internal/money"
)

// The fixtures in testdata are written after each format's own
// description: SingleFile's comment (single-file-core's getPageData), an
// MHTML file as Blink writes it (MHTMLArchive: its header, a quoted-
// printable text/html part, CRLF), and a page Chromium printed to PDF
// (cainiao-tracking.pdf, printed once from cainiao-tracking.src.html:
//
//	TZ=Europe/Oslo chromium --headless --no-sandbox \
//	  --host-resolver-rules="MAP global.cainiao.com 127.0.0.1:18733" \
//	  --print-to-pdf=cainiao-tracking.pdf \
//	  "http://global.cainiao.com/newDetail.htm?mailNoList=LP00123456789CN"
//
// with the source served on that port: the header and footer are
// Chrome's own).
func TestFixtures(t *testing.T) {
	type want struct {
		format           vault.PageFormat
		address, saved   string
		savedText, title string
		kind             vault.EvidenceKind
		listing          *vault.Listing
		events           int
		last             string // the page's first event: carriers list the newest first
		has, hasNot      []string
	}
	for name, w := range map[string]want{
		"aliexpress-item.html": {format: vault.PageSingleFile, address: "https://www.aliexpress.com/item/1005006123456789.html",
			saved: "Thu Aug 20 2026 19:42:07 GMT+0200 (Central European Summer Time)", savedText: "2026-08-20 19:42:07 +02:00",
			title: "USB-C charger 65W GaN fast charging, 3 ports - AliExpress", kind: vault.EvidenceListing,
			listing: &vault.Listing{Item: "USB-C charger 65W GaN fast charging, 3 ports", Price: money.Money{Minor: 34900, Currency: "NOK"},
				Seller: "Shenzhen Gadget Store"},
			has:    []string{"Ports: 2 × USB-C, 1 × USB-A", "Ærlig talt: lader på 30 minutter – 充电器 65W"},
			hasNot: []string{"never shown", "10 units left", "Template text", "enable JavaScript", "runParams", "console.log", "font-size"}},
		"usps-tracking.html": {format: vault.PageSingleFile, address: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677",
			saved: "Mon Sep 14 2026 15:20:44 GMT-0400 (Eastern Daylight Time)", savedText: "2026-09-14 15:20:44 -04:00",
			title: "USPS.com® - USPS Tracking® Results", kind: vault.EvidenceTracking, events: 4,
			last: "2026-09-05 14:32: Arrived at USPS Regional Facility, CHICAGO IL NETWORK DISTRIBUTION CENTER",
			has:  []string{"Tracking Number: 9400111899223344556677"}, hasNot: []string{"See Less"}},
		"postnord-sporing.html": {format: vault.PageSingleFile, address: "https://www.postnord.se/vara-verktyg/spara-brev-paket-och-pall?shipmentId=UA123456789SE",
			saved: "Wed Sep 16 2026 08:05:31 GMT+0200 (centraleuropeisk sommartid)", savedText: "2026-09-16 08:05:31 +02:00",
			title: "Spåra brev, paket och pall | PostNord", kind: vault.EvidenceTracking, events: 2,
			last: "2026-09-14 16:48: Försändelsen har ankommit till terminalen, Malmö"},
		"posten-sporing.mhtml": {format: vault.PageMHTML, address: "https://sporing.posten.no/sporing/LP00123456789CN",
			saved: "Mon, 14 Sep 2026 21:40:05 +0200", savedText: "2026-09-14 21:40:05 +02:00", title: "Sporing – Posten",
			kind: vault.EvidenceTracking, events: 3, last: "2026-09-03 14:20: Sendingen er under tollbehandling, OSLO",
			has:    []string{"Blåbærsyltetøy er ikke tollfritt", "Sendingsnummer LP00123456789CN"},
			hasNot: []string{"Last ned appen", "hemmelig", "list-style", "=3D", "=C3"}},
		"cainiao-tracking.pdf": {format: vault.PagePDF, address: "http://global.cainiao.com/newDetail.htm?mailNoList=LP00123456789CN",
			saved: "D:20261207210331+00'00'", savedText: "2026-12-07 21:03:31 +00:00", title: "Cainiao Global Tracking – LP00123456789CN",
			kind: vault.EvidenceTracking, events: 4, last: "2026-09-01 18:40: Arrived at sorting centre, Guangzhou",
			has: []string{"12/7/26, 10:03 PM", "Destination: Norway"}},
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			p, ok := Read(data)
			if !ok {
				t.Fatal("not read as a saved page")
			}
			got := want{format: p.Format, address: p.Address, saved: p.Saved, savedText: p.SavedText(), title: p.Title, kind: Kind(p),
				listing: p.Listing, events: len(p.Events), has: w.has, hasNot: w.hasNot}
			if len(p.Events) > 0 {
				got.last = p.Events[0].String()
			}
			if diff := cmp.Diff(w, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			for _, s := range w.has {
				if !strings.Contains(p.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			for _, s := range w.hasNot {
				if strings.Contains(p.Text, s) {
					t.Errorf("text has %q", s)
				}
			}
		})
	}
}

// TestNotPages: files that are not saved pages are not read as ones.
func TestNotPages(t *testing.T) {
	for name, data := range map[string]string{
		"empty":            "",
		"plain HTML":       "<!DOCTYPE html><html><head><title>x</title></head><body>hello</body></html>",
		"comment in body":  "<html><body><p>x</p><!--\n Page saved with SingleFile \n url: https://a.example/ \n--></body></html>",
		"another comment":  "<html><!-- saved from url=(0022)https://a.example/ --><body>x</body></html>",
		"a mail":           "From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n",
		"a receipt PDF":    "%PDF-1.4\n1 0 obj << /Producer (LibreOffice 7.4) >> endobj\n%%EOF\n",
		"a broken printed": "%PDF-1.4\n1 0 obj << /Producer (Skia/PDF m156) >> endobj\ntrailer << /Root 9 0 R >>\n%%EOF\n",
		"PNG":              "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"text":             "Page saved with SingleFile\nurl: https://a.example/",
	} {
		if p, ok := Read([]byte(data)); ok {
			t.Errorf("%s: read as a page: %+v", name, p)
		}
	}
	if _, ok := Read(make([]byte, MaxBytes+1)); ok {
		t.Error("a file over MaxBytes was read")
	}
}

// TestSingleFileHeader: the comment as SingleFile writes it, its legacy
// header, and what a hostile or damaged file may hold instead.
func TestSingleFileHeader(t *testing.T) {
	for _, tc := range []struct {
		name, in, address, saved string
		ok                       bool
	}{
		{"as written", "<!DOCTYPE html> <html lang=\"en\"><!--\n Page saved with SingleFile \n url: https://a.example/x \n saved date: Tue Sep 01 2026 14:03:12 GMT+0200 (CEST)\n--><head>",
			"https://a.example/x", "Tue Sep 01 2026 14:03:12 GMT+0200 (CEST)", true},
		{"legacy", "<html><!--\n Archive processed by SingleFile \n url: https://a.example/ \n saved date: Tue Sep 01 2026 14:03:12 GMT+0200\n-->",
			"https://a.example/", "Tue Sep 01 2026 14:03:12 GMT+0200", true},
		{"info line", "<html><!--\n Page saved with SingleFile \n url: https://a.example/ \n saved date: D \n info: my notes\n-->", "https://a.example/", "D", true},
		{"date removed", "<html><!--\n Page saved with SingleFile \n url: https://a.example/ \n-->", "https://a.example/", "", true},
		{"CRLF", "<html>\r\n<!--\r\n Page saved with SingleFile \r\n url: https://a.example/ \r\n saved date: D\r\n-->", "https://a.example/", "D", true},
		{"BOM", "\ufeff<html><!--\n Page saved with SingleFile \n url: u \n-->", "u", "", true},
		{"after another comment", "<!-- x --><html><!--\n Page saved with SingleFile \n url: u \n-->", "u", "", true},
		{"truncated", "<html><!--\n Page saved with SingleFile \n url: https://a.example/", "https://a.example/", "", true},
		{"emoji and CJK", "<html><!--\n Page saved with SingleFile \n url: https://例え.jp/🎁 \n saved date: 周二\n-->", "https://例え.jp/🎁", "周二", true},
		{"æøå", "<html><!--\n Page saved with SingleFile \n url: https://blåbær.no/æøå \n-->", "https://blåbær.no/æøå", "", true},
		{"path traversal", "<html><!--\n Page saved with SingleFile \n url: ../../../etc/passwd \n-->", "../../../etc/passwd", "", true},
		{"after the body began", "<html><body>text<!--\n Page saved with SingleFile \n url: u \n-->", "", "", false},
		{"no header", "<html><!--\n url: https://a.example/ \n-->", "", "", false},
		{"empty", "", "", "", false},
		{"wrong encoding", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "", "", false},
		{"huge url", "<html><!--\n Page saved with SingleFile \n url: " + strings.Repeat("a", 10000) + " \n-->", strings.Repeat("a", 2048), "", true},
		{"too far in", "<html>" + strings.Repeat(" ", maxPreamble) + "<!--\n Page saved with SingleFile \n url: u \n-->", "", "", false},
	} {
		address, saved, ok := readSingleFile([]byte(tc.in))
		if address != tc.address || saved != tc.saved || ok != tc.ok {
			t.Errorf("%s: %.40q %q %v, want %.40q %q %v", tc.name, address, saved, ok, tc.address, tc.saved, tc.ok)
		}
	}
}

// TestJSDate reads the save time as JavaScript writes it, in its zone.
func TestJSDate(t *testing.T) {
	for in, want := range map[string]string{
		"Tue Sep 01 2026 14:03:12 GMT+0200 (Central European Summer Time)": "2026-09-01T14:03:12+02:00",
		"Mon Sep 14 2026 15:20:44 GMT-0400 (Eastern Daylight Time)":        "2026-09-14T15:20:44-04:00",
		"Tue Sep 01 2026 14:03:12 GMT+0000":                                "2026-09-01T14:03:12Z",
		"Tue Sep 01 2026 14:03:12 GMT+0200 (中国标准时间)":                       "2026-09-01T14:03:12+02:00",
		"Tue Sep 01 2026 14:03:12":                                         "",
		"Mon Sep 01 1900 14:03:12 GMT+0200":                                "",
		"":                                                                 "",
		"2026-09-01T14:03:12+02:00":                                        "",
	} {
		got := ""
		if at, ok := jsDate(in); ok {
			got = at.Format(time.RFC3339)
		}
		if got != want {
			t.Errorf("jsDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPDFDate reads a PDF's CreationDate.
func TestPDFDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20261207210331+00'00'": "2026-12-07T21:03:31Z",
		"D:20261207210331+01'00'": "2026-12-07T21:03:31+01:00",
		"D:20261207210331-05'30":  "2026-12-07T21:03:31-05:30",
		"D:20261207210331Z":       "2026-12-07T21:03:31Z",
		"D:20261207210331":        "2026-12-07T21:03:31Z",
		"D:2026":                  "",
		"":                        "",
		"D:99991207210331+00'00'": "",
	} {
		got := ""
		if at, ok := pdfDate(in); ok {
			got = at.Format(time.RFC3339)
		}
		if got != want {
			t.Errorf("pdfDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLooks: a file's first 64 KB tell whether to read it whole.
func TestLooks(t *testing.T) {
	for _, name := range []string{"aliexpress-item.html", "posten-sporing.mhtml", "cainiao-tracking.pdf"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !Looks(data[:min(len(data), HeadBytes)]) {
			t.Errorf("%s: does not look like a page", name)
		}
	}
	for _, s := range []string{"", "date,amount\n2026-09-01,12.00\n", "<html><body>x</body></html>", "From: a\r\n\r\nhi"} {
		if Looks([]byte(s)) {
			t.Errorf("%q looks like a page", s)
		}
	}
}
