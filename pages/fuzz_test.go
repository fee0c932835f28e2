package pages

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"vault"
)

// seeds are the fixtures, as fuzzing's first inputs.
func seeds(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkPage holds what any page read must hold: valid UTF-8 within its
// bounds, its events with a day and a status.
func checkPage(t *testing.T, p vault.Page) {
	t.Helper()
	for _, s := range []string{p.Address, p.Saved, p.Title, p.Text} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8: %q", s)
		}
	}
	if len(p.Text) > maxText || len(p.Address) > 2048 || len(p.Title) > 1024 || len(p.Events) > maxEvents {
		t.Fatalf("over its bounds: text %d, address %d, title %d, %d events", len(p.Text), len(p.Address), len(p.Title), len(p.Events))
	}
	for _, e := range p.Events {
		if e.Day.IsZero() || e.Status == "" || !utf8.ValidString(e.Status+e.Place) {
			t.Fatalf("event %+v", e)
		}
	}
}

// FuzzRead: any file, read as a saved page (printed PDFs but in process,
// which FuzzPDF covers), gives a page within its bounds or none.
func FuzzRead(f *testing.F) {
	seeds(f, "aliexpress-item.html", "usps-tracking.html", "postnord-sporing.html", "posten-sporing.mhtml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.HasPrefix(data, []byte("%PDF-")) {
			return
		}
		if p, ok := Read(data); ok {
			checkPage(t, p)
		}
	})
}

// FuzzVisibleText: the HTML reader takes any bytes.
func FuzzVisibleText(f *testing.F) {
	seeds(f, "aliexpress-item.html", "usps-tracking.html")
	f.Add([]byte("<div hidden><p>x</div>y<style>.a{display:none}</style><i class=a>z</i>"))
	f.Add([]byte("<head><title>t</title>text<template><p>no</template>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := readHTML(data, "")
		if !utf8.ValidString(d.text) || !utf8.ValidString(d.title) || len(d.text) > maxText {
			t.Fatalf("text %d bytes, valid %v; title %q", len(d.text), utf8.ValidString(d.text), d.title)
		}
		if strings.Contains(d.text, "\n\n") {
			t.Fatalf("empty lines kept: %q", d.text)
		}
	})
}

// FuzzSingleFile: the SingleFile header reader takes any bytes.
func FuzzSingleFile(f *testing.F) {
	seeds(f, "aliexpress-item.html")
	f.Add([]byte("<html><!--\n Page saved with SingleFile \n url: u \n saved date: d\n-->"))
	f.Add([]byte("<html><!--\n Archive processed by SingleFile \n url:"))
	f.Fuzz(func(t *testing.T, data []byte) {
		address, saved, ok := readSingleFile(data)
		if !ok && (address != "" || saved != "") {
			t.Fatalf("no header, and %q %q", address, saved)
		}
		if len(address) > 2048 || len(saved) > 200 || strings.ContainsAny(address+saved, "\n\r") {
			t.Fatalf("%q %q", address, saved)
		}
		if at, ok := jsDate(saved); ok && (at.Year() < 1970 || at.Year() > 2200) {
			t.Fatalf("jsDate(%q) = %v", saved, at)
		}
	})
}

// FuzzMHTML: the MHTML reader takes any bytes.
func FuzzMHTML(f *testing.F) {
	seeds(f, "posten-sporing.mhtml")
	f.Add([]byte(mhtmlOf("Subject: =?utf-8?B?w6bDuMOl?=\r\n", "Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+eDwvcD4=")))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, ok := readMHTML(data)
		if !ok {
			return
		}
		if len(m.address) > 2048 || len(m.saved) > 200 || len(m.subject) > 1024 || len(m.html) > len(data) {
			t.Fatalf("over its bounds: %d %d %d %d", len(m.address), len(m.saved), len(m.subject), len(m.html))
		}
	})
}

// FuzzEvents: a carrier's event reader takes any text.
func FuzzEvents(f *testing.F) {
	f.Add("1. september 2026 kl. 06:12\nSendingen er ankommet Norge\nOSLO", false)
	f.Add("Delivered\nCHICAGO\nSeptember 5, 2026, 10:15 am", true)
	f.Add("2026-09-01 18:40:12 (GMT+8)\n[Guangzhou] Arrived", false)
	f.Fuzz(func(t *testing.T, text string, dateLast bool) {
		c := carrier{dateLast: dateLast, monthFirst: dateLast}
		checkPage(t, vault.Page{Events: c.events(strings.ToValidUTF8(text, ""))})
	})
}
