package mailbox

import (
	"fmt"
	"io"
	"slices"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Folder is a folder as EXAMINE opened it.
type Folder struct {
	Name        string
	UIDValidity uint32 // changes when the server numbers the folder's mails anew
	Messages    uint32 // how many mails it holds
}

// Examine opens a folder read-only: nothing the client does marks a mail
// read or changes the folder.
func (c *Conn) Examine(name string) (Folder, error) {
	c.g.arm("EXAMINE "+name, answer)
	defer c.g.disarm()
	d, err := c.c.Select(name, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return Folder{}, c.fail(fmt.Errorf("open folder %s: %w", name, err))
	}
	if d.UIDValidity == 0 {
		return Folder{}, fmt.Errorf("open folder %s: the server gave no UIDVALIDITY, so its mails cannot be told apart from one run to the next", name)
	}
	return Folder{Name: name, UIDValidity: d.UIDValidity, Messages: d.NumMessages}, nil
}

// New lists the mails of the open folder whose UID is greater than after.
func (c *Conn) New(f Folder, after uint32) (UIDs, error) {
	if after == ^uint32(0) {
		return UIDs{}, nil
	}
	return c.search(f, "UID SEARCH", &imap.SearchCriteria{UID: []imap.UIDSet{since(after)}})
}

// Search lists those of the mails with these UIDs whose header or text
// holds any of the words. The server searches the mails as it decodes
// them (base64, quoted-printable, charsets), so a number in an encoded
// HTML part is found.
func (c *Conn) Search(f Folder, of []uint32, words []string) (UIDs, error) {
	var among imap.UIDSet
	for _, u := range of {
		among.AddNum(imap.UID(u))
	}
	var all imap.UIDSet
	for chunk := range slices.Chunk(words, 100) { // each search reads every mail: few of them, lines of a few KB
		crit := anyText(chunk)
		crit.UID = []imap.UIDSet{among}
		found, err := c.search(f, "UID SEARCH TEXT", crit)
		if err != nil {
			return UIDs{}, err
		}
		all = append(all, found.ranges...)
	}
	return uids(all), nil
}

// since is the UIDs above after: "after+1:*".
func since(after uint32) imap.UIDSet {
	return imap.UIDSet{{Start: imap.UID(after + 1), Stop: 0}}
}

// anyText is a search for mails holding any of the words: ORs, nested in
// halves so that their depth grows as the logarithm of their number.
func anyText(words []string) *imap.SearchCriteria {
	if len(words) == 1 {
		return &imap.SearchCriteria{Text: words}
	}
	half := len(words) / 2
	return &imap.SearchCriteria{Or: [][2]imap.SearchCriteria{{*anyText(words[:half]), *anyText(words[half:])}}}
}

// search runs a UID SEARCH, whose answer may list each of the folder's
// mails once (11 bytes each at most), compactly when the server has
// ESEARCH.
func (c *Conn) search(f Folder, what string, crit *imap.SearchCriteria) (UIDs, error) {
	c.g.arm(what, answer+11*int64(f.Messages))
	defer c.g.disarm()
	var opts *imap.SearchOptions
	if c.c.Caps().Has(imap.CapESearch) {
		opts = &imap.SearchOptions{ReturnAll: true}
	}
	d, err := c.c.UIDSearch(crit, opts).Wait()
	if err != nil {
		return UIDs{}, c.fail(fmt.Errorf("search folder %s: %w", f.Name, err))
	}
	set, _ := d.All.(imap.UIDSet)
	return uids(set), nil
}

// Head is what is read of a mail before deciding to fetch it.
type Head struct {
	UID    uint32
	Size   int64  // as the server gives it (RFC822.SIZE)
	Header []byte // its From, Subject, Date and Message-ID lines
}

// headFields are the header lines a Head holds.
var headFields = []string{"From", "Subject", "Date", "Message-ID"}

// Heads reads the size and the identifying header lines of the mails with
// these UIDs (those the folder holds; the rest are left out).
func (c *Conn) Heads(uids []uint32) ([]Head, error) {
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: headFields, Peek: true,
		Partial: &imap.SectionPartial{Size: c.limits.Header}}
	var out []Head
	err := c.fetch("UID FETCH (headers)", uids, &imap.FetchOptions{UID: true, RFC822Size: true,
		BodySection: []*imap.FetchItemBodySection{section}}, c.limits.Header, func(m fetched) error {
		out = append(out, Head{UID: m.uid, Size: m.size, Header: m.body})
		return nil
	})
	return out, err
}

// Fetch fetches the whole of the mails with these UIDs, byte for byte, and
// hands each to fn as it comes (while fn runs, the server may wait). A
// mail larger than Limits.Message is not read: the connection is closed
// and the error is a *TooLargeError.
func (c *Conn) Fetch(uids []uint32, fn func(uid uint32, raw []byte) error) error {
	return c.fetch("UID FETCH (mails)", uids, &imap.FetchOptions{UID: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}}, c.limits.Message, func(m fetched) error {
		if m.body == nil {
			return nil // the server has the mail no more
		}
		c.g.pause()
		defer c.g.resume()
		return fn(m.uid, m.body)
	})
}

// fetched is one message of a FETCH answer.
type fetched struct {
	uid  uint32
	size int64
	body []byte // the section asked for; nil when the server sent none
}

// fetch runs a UID FETCH and hands each message of its answer to fn. A
// section is read only when its literal is at most max bytes; the budget
// of the answer is its framing (4 KB a message) and the literals read.
func (c *Conn) fetch(what string, uids []uint32, opts *imap.FetchOptions, max int64, fn func(fetched) error) error {
	if len(uids) == 0 {
		return nil
	}
	c.g.arm(what, answer+4096*int64(len(uids)))
	defer c.g.disarm()
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	cmd := c.c.Fetch(set, opts)
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		m, err := c.message(msg, max)
		if err == nil && m.uid != 0 {
			err = fn(m)
		}
		if err != nil {
			c.g.abort(err) // unread literals are not waited for
			cmd.Close()
			return err
		}
	}
	if err := cmd.Close(); err != nil {
		return c.fail(fmt.Errorf("fetch: %w", err))
	}
	return nil
}

// message reads one message's items; its section only when it is at
// most max bytes.
func (c *Conn) message(msg *imapclient.FetchMessageData, max int64) (fetched, error) {
	var m fetched
	for item := msg.Next(); item != nil; item = msg.Next() {
		switch it := item.(type) {
		case imapclient.FetchItemDataUID:
			m.uid = uint32(it.UID)
		case imapclient.FetchItemDataRFC822Size:
			m.size = it.Size
		case imapclient.FetchItemDataBodySection:
			if it.Literal == nil {
				continue
			}
			n := it.Literal.Size()
			if n > max {
				return m, &TooLargeError{UID: m.uid, Size: n, Max: max}
			}
			c.g.allow(n)
			m.body = make([]byte, n)
			if _, err := io.ReadFull(it.Literal, m.body); err != nil {
				return m, c.fail(fmt.Errorf("fetch: %w", err))
			}
		}
	}
	return m, nil
}

// TooLargeError is a mail (or a header) larger than the client reads; it
// was not read, and the connection was closed.
type TooLargeError struct {
	UID       uint32 // 0 when the server sent the mail before its UID
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("uid %d: the server sent %s where at most %s are read", e.UID, size(e.Size), size(e.Max))
}
