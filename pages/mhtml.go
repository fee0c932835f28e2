package pages

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
)

// An MHTML file (RFC 2557) as Chrome and Edge write it ("Save page as ...
// Webpage, Single File"; Blink's MHTMLArchive::GenerateMHTMLHeader):
//
//	From: <Saved by Blink>
//	Snapshot-Content-Location: https://www.example.com/page
//	Subject: =?utf-8?Q?...?=
//	Date: Tue, 1 Sep 2026 14:03:12 +0200
//	MIME-Version: 1.0
//	Content-Type: multipart/related;
//		type="text/html";
//		boundary="----MultipartBoundary--...----"
//
//	------MultipartBoundary--...----
//	Content-Type: text/html
//	Content-ID: <frame-...@mhtml.blink>
//	Content-Transfer-Encoding: quoted-printable
//	Content-Location: https://www.example.com/page
//
//	<!DOCTYPE html><html>... (then the page's pictures, styles and frames)
//
// with CRLF line ends. The page is the first text/html part (the main
// frame); older writers name the address only in its Content-Location.

// maxParts bounds the parts of one MHTML file looked through for its page.
const maxParts = 1000

// isMHTML reports whether data starts with a header block whose
// Content-Type is multipart/related: a page saved as MHTML.
func isMHTML(data []byte) bool {
	head := truncate(data, maxPreamble)
	end := bytes.Index(head, []byte("\r\n\r\n")) + 4
	if end < 4 {
		end = bytes.Index(head, []byte("\n\n")) + 2
	}
	if end < 2 {
		return false
	}
	m, err := mail.ReadMessage(bytes.NewReader(head[:end]))
	if err != nil {
		return false
	}
	t, _, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	return err == nil && t == "multipart/related"
}

// mhtml is what an MHTML file says of its page.
type mhtml struct {
	address, saved, subject string
	savedAt                 time.Time
	html                    []byte // the page's HTML, its transfer encoding undone
	contentType             string // the page part's Content-Type (its charset)
}

// readMHTML reads an MHTML file's header and finds its page. ok is false
// when it is not multipart/related or holds no HTML part.
func readMHTML(data []byte) (mhtml, bool) {
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return mhtml{}, false
	}
	t, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || t != "multipart/related" || params["boundary"] == "" {
		return mhtml{}, false
	}
	out := mhtml{address: oneLine(m.Header.Get("Snapshot-Content-Location"), 2048), saved: oneLine(m.Header.Get("Date"), 200)}
	if d, err := mail.ParseDate(out.saved); err == nil && d.Year() >= 1970 && d.Year() <= 2200 {
		out.savedAt = d
	}
	dec := mime.WordDecoder{CharsetReader: charsetReader}
	if s, err := dec.DecodeHeader(m.Header.Get("Subject")); err == nil {
		out.subject = oneLine(s, 1024)
	}
	r := multipart.NewReader(m.Body, params["boundary"])
	for range maxParts {
		part, err := r.NextRawPart()
		if err != nil {
			return out, false
		}
		pt, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if pt != "text/html" {
			continue
		}
		body, err := io.ReadAll(transferDecoded(part.Header.Get("Content-Transfer-Encoding"), part))
		if err != nil && len(body) == 0 {
			return out, false
		}
		out.html, out.contentType = body, part.Header.Get("Content-Type")
		if out.address == "" {
			out.address = oneLine(part.Header.Get("Content-Location"), 2048)
		}
		return out, true
	}
	return out, false
}

// charsetReader reads an encoded word's charset as UTF-8.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}

// transferDecoded undoes a part's Content-Transfer-Encoding; binary, 8bit,
// 7bit and unknown ones are read as they are.
func transferDecoded(encoding string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, newlineless{r})
	}
	return r
}

// newlineless drops the line breaks between base64 lines.
type newlineless struct{ r io.Reader }

func (n newlineless) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		kept := p[:0]
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
				kept = append(kept, c)
			}
		}
		if len(kept) > 0 || err != nil {
			return len(kept), err
		}
	}
}
