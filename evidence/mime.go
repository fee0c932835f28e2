package evidence

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// MaxDepth bounds how deeply multipart parts may nest: real mail nests
// three or four levels, and each level of a hostile message would cost
// another pass over what it holds.
const MaxDepth = 20

// maxParts bounds the parts of one message.
const maxParts = 1000

// ErrTooDeep is a message whose parts nest deeper than MaxDepth.
var ErrTooDeep = errors.New("parts nested too deeply")

// parts collects a message's content as its MIME parts are walked: the
// first text and HTML bodies, more text parts appended, and the rest as
// attachments.
type parts struct {
	plain, html []string
	attachments []Attachment
	forwarded   [][]byte
	n           int
}

// walk reads one part (the message itself at depth 0): a multipart's
// parts in turn, or a body to keep.
func (p *parts) walk(h textproto.MIMEHeader, body io.Reader, depth int) error {
	if p.n++; p.n > maxParts {
		return fmt.Errorf("%w: more than %d parts", ErrNotEmail, maxParts)
	}
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mediaType == "" {
		mediaType, params = "text/plain", nil // RFC 2045's default, without its charset
	}
	if strings.HasPrefix(mediaType, "multipart/") && params["boundary"] != "" {
		if depth >= MaxDepth {
			return fmt.Errorf("%w: %w (more than %d levels)", ErrNotEmail, ErrTooDeep, MaxDepth)
		}
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextRawPart()
			if err != nil {
				return nil // the end, or a part cut short: keep what came before
			}
			if err := p.walk(part.Header, part, depth+1); err != nil {
				return err
			}
		}
	}
	data, err := io.ReadAll(decoded(h.Get("Content-Transfer-Encoding"), body))
	if err != nil && len(data) == 0 {
		return nil // an undecodable body: nothing to keep
	}
	p.keep(h, mediaType, params, data)
	return nil
}

// keep files a leaf part: an inline text or HTML body, or an attachment.
func (p *parts) keep(h textproto.MIMEHeader, mediaType string, params map[string]string, data []byte) {
	disposition, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	if name != "" {
		name = header(name) // some mailers encode words inside the parameter
	}
	inline := disposition != "attachment" && name == ""
	switch {
	case mediaType == "message/rfc822" && len(data) > 0:
		p.forwarded = append(p.forwarded, data) // imported as a message of its own
	case inline && mediaType == "text/plain":
		p.plain = append(p.plain, decodeText(data, params["charset"]))
	case inline && mediaType == "text/html":
		p.html = append(p.html, decodeText(data, params["charset"]))
	case len(data) > 0:
		p.attachments = append(p.attachments, Attachment{Name: SafeName(name, "attachment"), Data: data})
	}
}

// text is the message's text: its text parts, or else its HTML as text.
func (p *parts) text() string {
	if len(p.plain) > 0 {
		return strings.TrimSpace(strings.Join(p.plain, "\n\n"))
	}
	var out []string
	for _, h := range p.html {
		out = append(out, HTMLText(h))
	}
	return strings.TrimSpace(strings.Join(out, "\n\n"))
}

// decoded undoes a content transfer encoding; 7bit, 8bit, binary and
// unknown ones are read as they are.
func decoded(encoding string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &base64Text{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// base64Text drops what a base64 body holds besides the alphabet (line
// breaks, spaces, stray characters), as mail readers do.
type base64Text struct{ r io.Reader }

func (b *base64Text) Read(p []byte) (int, error) {
	for {
		n, err := b.r.Read(p)
		kept := p[:0]
		for _, c := range p[:n] {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' {
				kept = append(kept, c)
			}
		}
		if len(kept) > 0 || err != nil {
			return len(kept), err
		}
	}
}

// decodeText turns a text body into UTF-8: by its declared charset, else
// as clean reads undeclared text.
func decodeText(data []byte, charset string) string {
	if charset != "" {
		if enc, err := htmlindex.Get(charset); err == nil {
			if s, err := enc.NewDecoder().Bytes(data); err == nil {
				return strings.ToValidUTF8(string(bytes.ReplaceAll(s, []byte("\r\n"), []byte("\n"))), "\uFFFD")
			}
		}
	}
	return clean(string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))))
}
