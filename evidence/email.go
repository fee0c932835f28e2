package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
	"vault"

	"github.com/jhillyerd/enmime/v2"
	"golang.org/x/text/encoding/charmap"
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
}

// Attachment is a file carried by an email (attached or inline).
type Attachment struct {
	Name string // safe to use as a file name
	Data []byte
}

// ErrNotEmail means the bytes have none of the headers of a message.
var ErrNotEmail = errors.New("not an email")

// ParseEmail reads one RFC 5322 message: headers incl. RFC 2047 encoded words,
// quoted-printable and base64 bodies, and charsets such as ISO-8859-1/15,
// windows-1252, KOI8-R, GB2312 and Shift_JIS, all turned into UTF-8.
func ParseEmail(raw []byte) (Email, error) {
	env, err := parser.ReadEnvelope(bytes.NewReader(withCharset(raw)))
	if err != nil {
		// enmime's message quotes the offending bytes; they are not for a terminal.
		return Email{}, fmt.Errorf("%w: the headers cannot be read", ErrNotEmail)
	}
	e := Email{
		MessageID: clean(strings.Trim(strings.TrimSpace(env.GetHeader("Message-Id")), "<>")),
		From:      clean(addresses(env, "From")),
		To:        clean(addresses(env, "To")),
		Subject:   clean(strings.TrimSpace(env.GetHeader("Subject"))),
		Text:      clean(strings.TrimSpace(env.Text)),
	}
	if e.MessageID == "" && e.From == "" && e.Subject == "" && env.GetHeader("Date") == "" {
		return Email{}, fmt.Errorf("%w: no From, Date, Subject or Message-ID header", ErrNotEmail)
	}
	if d, err := env.Date(); err == nil && d.Year() >= 1970 && d.Year() <= 2200 {
		e.Date = d.UTC()
	}
	for _, parts := range [][]*enmime.Part{env.Attachments, env.Inlines, env.OtherParts} {
		for _, p := range parts {
			if len(p.Content) > 0 {
				e.Attachments = append(e.Attachments, Attachment{Name: SafeName(p.FileName, "attachment"), Data: p.Content})
			}
		}
	}
	return e, nil
}

// parser trusts declared charsets and guesses none: its guesser read
// undeclared UTF-8 as windows-1252 ("€" became "â‚¬"). Undeclared text is
// decided by withCharset (whole messages) and clean (parts). enmime guesses a
// part's undeclared charset whatever DisableCharacterDetection says, except
// for text shorter than MinCharsetDetectRunes: hence the huge minimum.
var parser = enmime.NewParser(enmime.DisableCharacterDetection(true), enmime.MinCharsetDetectRunes(math.MaxInt))

// withCharset gives a message without a Content-Type header the charset its
// bytes show, for parsing only: UTF-8 when they are valid UTF-8, else
// windows-1252 (enmime would apply RFC 822's us-ascii, through a one-byte
// charset). The stored raw message is not changed.
func withCharset(raw []byte) []byte {
	header, body, ok := bytes.Cut(raw, []byte("\n\r\n"))
	if !ok {
		header, body, _ = bytes.Cut(raw, []byte("\n\n"))
	}
	for _, line := range bytes.Split(header, []byte("\n")) {
		if len(line) > 13 && bytes.EqualFold(line[:13], []byte("content-type:")) {
			return raw
		}
	}
	cs := "windows-1252"
	if utf8.Valid(body) {
		cs = "utf-8"
	}
	return append([]byte("Content-Type: text/plain; charset="+cs+"\r\n"), raw...)
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
func addresses(env *enmime.Envelope, key string) string {
	list, err := env.AddressList(key)
	if err != nil || len(list) == 0 {
		return strings.TrimSpace(env.GetHeader(key))
	}
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = (&mail.Address{Name: a.Name, Address: a.Address}).String()
		if a.Name != "" {
			out[i] = a.Name + " <" + a.Address + ">" // keep UTF-8 names readable, not re-encoded
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
