package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"vault"
)

// Email is what the vault keeps of a parsed message, besides its raw bytes.
type Email struct {
	MessageID   string // without angle brackets; "" when the message has none
	From        string
	To          string
	Subject     string
	Date        time.Time // zero when missing or unreadable
	Text        string    // the text part, or the HTML part turned into text
	Attachments []Attachment
	// Forwarded are the messages it carries whole (message/rfc822 parts,
	// as "forward as attachment" sends them), raw.
	Forwarded [][]byte
}

// Attachment is a file carried by an email (attached or inline).
type Attachment struct {
	Name string // safe to use as a file name
	Data []byte
}

// ErrNotEmail means the bytes have none of the headers of a message.
var ErrNotEmail = errors.New("not an email")

// ParseEmail reads one RFC 5322 message: headers incl. RFC 2047 encoded words,
// MIME parts (multipart nested up to MaxDepth), quoted-printable and base64
// bodies, and charsets such as ISO-8859-1/15, windows-1252, KOI8-R, GB2312
// and Shift_JIS, all turned into UTF-8. The text is the message's text
// part, or its HTML part turned into text; every other part with content is
// an attachment.
func ParseEmail(raw []byte) (Email, error) {
	e, msg, err := parseHeader(raw)
	if err != nil {
		return Email{}, err
	}
	var body parts
	if err := body.walk(textproto.MIMEHeader(msg.Header), msg.Body, 0); err != nil {
		return Email{}, err
	}
	e.Text, e.Attachments, e.Forwarded = body.text(), body.attachments, body.forwarded
	return e, nil
}

// ParseHeader reads a message's header alone (the rest, if any, is not
// read): its Message-ID, sender, recipients, subject and date, as
// ParseEmail gives them.
func ParseHeader(raw []byte) (Email, error) {
	e, _, err := parseHeader(raw)
	return e, err
}

func parseHeader(raw []byte) (Email, *mail.Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		// The message of net/mail quotes the offending bytes; they are not for a terminal.
		return Email{}, nil, fmt.Errorf("%w: the headers cannot be read", ErrNotEmail)
	}
	h := msg.Header
	e := Email{
		MessageID: clean(strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>")),
		From:      addresses(h, "From"),
		To:        addresses(h, "To"),
		Subject:   header(h.Get("Subject")),
	}
	if e.MessageID == "" && e.From == "" && e.Subject == "" && h.Get("Date") == "" {
		return Email{}, nil, fmt.Errorf("%w: no From, Date, Subject or Message-ID header", ErrNotEmail)
	}
	if d, err := mail.ParseDate(h.Get("Date")); err == nil && d.Year() >= 1970 && d.Year() <= 2200 {
		e.Date = d.UTC()
	}
	return e, msg, nil
}

// words decodes RFC 2047 encoded words in any charset the vault can read.
var words = &mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}}

// header decodes a header's encoded words; bytes outside them are read as
// clean reads undeclared text. A word that does not decode stays as it is.
func header(s string) string {
	if d, err := words.DecodeHeader(s); err == nil {
		s = d
	}
	return clean(strings.TrimSpace(s))
}

// clean makes text of undeclared charset UTF-8: text that is valid UTF-8 is
// taken as such (a windows-1252 text almost never is), anything else is read
// as windows-1252, the superset of ISO-8859-1 that old mailers send. The raw
// message keeps the original bytes either way.
func clean(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if d, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
		s = d
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// addresses renders an address header as "Name <addr>, ...", or as the raw
// (decoded) header when it does not parse.
func addresses(h mail.Header, key string) string {
	parser := mail.AddressParser{WordDecoder: words}
	list, err := parser.ParseList(h.Get(key))
	if err != nil || len(list) == 0 {
		return header(h.Get(key))
	}
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = clean(a.Address)
		if a.Name != "" {
			out[i] = clean(a.Name) + " <" + out[i] + ">" // keep UTF-8 names readable, not re-encoded
		}
	}
	return strings.Join(out, ", ")
}

// Party guesses who sent a message from the sender's domain: a marketplace
// the vault knows, a carrier, a bank or payment service, or unknown.
func Party(from string) vault.Party {
	at := strings.LastIndexByte(from, '@')
	if at < 0 {
		return vault.PartyUnknown
	}
	domain := strings.ToLower(strings.TrimRight(from[at+1:], "> "))
	if _, ok := vault.MarketplaceOfDomain(domain); ok {
		return vault.PartyMarketplace
	}
	// Ordered lists, not a map: a domain may name two, and the answer must
	// not depend on map iteration order.
	for _, p := range []struct {
		party vault.Party
		names []string
	}{
		{vault.PartyCarrier, []string{"posten", "bring", "postnord", "dhl", "ups.com", "fedex", "gls", "cainiao", "instabox", "helthjem"}},
		{vault.PartyBank, []string{"paypal", "klarna", "vipps", "dnb", "nordea", "sparebank"}},
	} {
		for _, n := range p.names {
			if strings.Contains(domain, n) {
				return p.party
			}
		}
	}
	return vault.PartyUnknown
}
