package evidence

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
)

// MaxMessage bounds one message of an mbox: it is held in memory to parse.
const MaxMessage = 64 << 20

// ErrTooLarge is returned for a message over MaxMessage; Next can go on.
var ErrTooLarge = errors.New("message too large")

// Mbox splits an mbox stream (mboxrd or mboxo: "From " lines separate
// messages) into raw messages, one in memory at a time.
type Mbox struct {
	r             *bufio.Reader
	started, done bool
	n             int // messages returned so far
}

// IsMbox reports whether content that starts with head is an mbox.
func IsMbox(head []byte) bool { return bytes.HasPrefix(head, []byte("From ")) }

// NewMbox reads an mbox from r.
func NewMbox(r io.Reader) *Mbox { return &Mbox{r: bufio.NewReaderSize(r, 64<<10)} }

// Next returns the next message without its "From " line, with mboxrd quoting
// (">From ", ">>From " ...) undone. A "From " line separates messages only
// after a blank line, and only when it names a sender and a date. Next returns io.EOF after the last message, and
// ErrTooLarge for a message it skipped; the one after can still be read.
func (m *Mbox) Next() ([]byte, error) {
	if m.done {
		return nil, io.EOF
	}
	if !m.started {
		line, _, err := m.line()
		if !IsMbox(line) {
			m.done = true
			if len(line) == 0 && err == io.EOF {
				return nil, io.EOF
			}
			return nil, errors.New("not an mbox: the first line does not start with \"From \"")
		}
		m.started = true
	}
	m.n++
	var msg bytes.Buffer
	prevBlank, tooLarge, longLine := false, false, false
	for {
		line, long, err := m.line()
		if long {
			tooLarge, longLine = true, true
		}
		if prevBlank && isSeparator(line) {
			break // the separator of the next message, consumed
		}
		prevBlank = len(bytes.TrimRight(line, "\r\n")) == 0
		if !tooLarge && msg.Len()+len(line) > MaxMessage {
			tooLarge = true
			msg = bytes.Buffer{}
		}
		if !tooLarge {
			msg.Write(unquoteFrom(line))
		}
		if err != nil {
			m.done = true
			if err != io.EOF {
				return nil, err
			}
			break
		}
	}
	switch {
	case longLine:
		return nil, fmt.Errorf("message %d: %w (a line over %d MB)", m.n, ErrTooLarge, maxLine>>20)
	case tooLarge:
		return nil, fmt.Errorf("message %d: %w (over %d MB)", m.n, ErrTooLarge, MaxMessage>>20)
	}
	// The blank line before the next separator belongs to the mbox, not the message.
	return trimFinalNewline(msg.Bytes()), nil
}

// separator is the "From " line that starts a message: a sender (an
// address, MAILER-DAEMON, "-") and the date it was delivered, as in
// "From seller@example.com Tue Oct 20 09:30:00 2026" (Gmail writes a
// zone before the year). Mail readers ask as much, so that a body line
// "From the seller: ..." after a blank line in an mboxo file stays text.
var separator = regexp.MustCompile(`^From \S+ +(?:[A-Z][a-z]{2} +){1,2}\d{1,2} +\d{1,2}:\d{2}(?::\d{2})?(?: +[+-]\d{4}| +[A-Z]{3,4})? +\d{4}\s*$`)

func isSeparator(line []byte) bool { return IsMbox(line) && separator.Match(line) }

// maxLine bounds a line of an mbox: RFC 5322 allows 998 characters; a
// line a thousand times that is no mail.
const maxLine = 1 << 20

// line reads one line, keeping at most maxLine bytes of it: a line of a
// gigabyte without a newline is read through, not held (#18). long reports
// that it was cut; its message is then skipped as too large.
func (m *Mbox) line() (line []byte, long bool, err error) {
	for {
		part, err := m.r.ReadSlice('\n')
		if len(line)+len(part) <= maxLine {
			line = append(line, part...)
		} else {
			long = true
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, long, err
		}
	}
}

// unquoteFrom undoes mboxrd quoting: ">From " -> "From ", ">>From " -> ">From ".
func unquoteFrom(line []byte) []byte {
	i := 0
	for i < len(line) && line[i] == '>' {
		i++
	}
	if i > 0 && bytes.HasPrefix(line[i:], []byte("From ")) {
		return line[1:]
	}
	return line
}

func trimFinalNewline(b []byte) []byte {
	switch {
	case bytes.HasSuffix(b, []byte("\r\n\r\n")):
		return b[:len(b)-2]
	case bytes.HasSuffix(b, []byte("\n\n")):
		return b[:len(b)-1]
	}
	return b
}
