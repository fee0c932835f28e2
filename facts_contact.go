package vault

import (
	"net/mail"
	"slices"
	"strings"

	"vault/internal/date"
	"vault/internal/lang"
)

// Contact is what the records show of the buyer's letters to the seller
// and the seller's answers: messages typed or read from files, and mails,
// whoever recorded their sender.
type Contact struct {
	Wrote   []Letter `json:"wrote"`   // the buyer's letters, oldest first (undated last)
	Answers []Letter `json:"answers"` // the seller's answers, oldest first (undated last)
	// Unplaced counts the mails of the case whose sender the vault cannot
	// place: the buyer's own addresses are not set ('vault config set email').
	Unplaced int `json:"unplaced,omitempty"`
}

// Letter is one message or mail of the buyer or the seller.
type Letter struct {
	ID    EvidenceID   `json:"id"`
	At    date.Value   `json:"at,omitzero"`
	Kind  EvidenceKind `json:"kind"`
	From  string       `json:"from,omitempty"`  // a mail's sender as written
	Words string       `json:"words,omitempty"` // its first words, on one line
}

// Correspondence counts the letters and the answers, with the first and
// last day the buyer wrote.
func (c Contact) Correspondence() Correspondence {
	out := Correspondence{Wrote: len(c.Wrote), Replies: len(c.Answers)}
	for _, l := range c.Wrote {
		if l.At.IsZero() {
			continue
		}
		if out.First.IsZero() || l.At.Time().Before(out.First.Time()) {
			out.First = l.At
		}
		if l.At.Time().After(out.Last.Time()) {
			out.Last = l.At
		}
	}
	return out
}

// LastAnswer is the seller's last dated answer, else an undated one.
func (c Contact) LastAnswer() (Letter, bool) {
	var last Letter
	found := false
	for _, l := range c.Answers {
		if !found || l.At.Time().After(last.At.Time()) {
			last, found = l, true
		}
	}
	return last, found
}

// contactOf finds the buyer's letters and the seller's answers in a case's
// evidence, placing each mail's sender (PartyOf).
func contactOf(list []Evidence, buyer []string) Contact {
	var c Contact
	for _, e := range list {
		if !e.Kind.IsCorrespondence() || e.Parent != 0 {
			continue
		}
		l := Letter{ID: e.ID, At: e.OccurredAt, Kind: e.Kind, From: e.From, Words: firstWords(or(e.Body, e.Title), 120)}
		switch PartyOf(e, buyer) {
		case PartyMe:
			c.Wrote = append(c.Wrote, l)
		case PartySeller:
			c.Answers = append(c.Answers, l)
		case PartyUnknown:
			if e.Kind == EvidenceEmail {
				c.Unplaced++
			}
		}
	}
	byDay := func(a, b Letter) int { return CompareDated(a.At, b.At) }
	slices.SortStableFunc(c.Wrote, byDay)
	slices.SortStableFunc(c.Answers, byDay)
	return c
}

// CompareDated orders dates, undated last.
func CompareDated(a, b date.Value) int {
	switch az, bz := a.IsZero(), b.IsZero(); {
	case az && bz:
		return 0
	case az:
		return 1
	case bz:
		return -1
	}
	return a.Time().Compare(b.Time())
}

// PartyOf is who evidence comes from: as recorded (typed with --from, set
// with 'vault set evidence', or known by a mail's domain when imported);
// else, for a mail, the buyer when it was sent from one of the buyer's
// addresses, and the seller when it belongs to an order and the buyer's
// addresses are known and it is not from them. Without the buyer's
// addresses a mail of an unknown sender stays unplaced: it might be the
// buyer's own.
func PartyOf(e Evidence, buyer []string) Party {
	if e.Party != PartyUnknown || e.Kind != EvidenceEmail {
		return e.Party
	}
	from := Address(e.From)
	switch {
	case from != "" && slices.Contains(buyer, from):
		return PartyMe
	case len(buyer) > 0 && len(e.Orders) > 0 && from != "":
		return PartySeller
	}
	return PartyUnknown
}

// Placed is the evidence with each mail's sender placed (PartyOf), as the
// facts place it: what a dossier shows as its sender.
func Placed(list []Evidence, buyer []string) []Evidence {
	out := slices.Clone(list)
	for i := range out {
		out[i].Party = PartyOf(out[i], buyer)
	}
	return out
}

// Address is the address of a mail's sender ("Kari <Kari@Example.no>" ->
// "kari@example.no"), "" when it has none.
func Address(from string) string {
	if a, err := mail.ParseAddress(from); err == nil {
		return strings.ToLower(a.Address)
	}
	s := strings.Trim(strings.TrimSpace(from), "<>")
	if at := strings.LastIndexByte(s, '@'); at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " <>") {
		return strings.ToLower(s)
	}
	return ""
}

// firstWords is the start of a text on one line: whole when short, else its
// sentences that fit in n runes, else cut at n.
func firstWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	cut := string([]rune(s)[:n])
	if i := strings.LastIndexAny(cut, ".!?"); i > 0 {
		return cut[:i+1]
	}
	return lang.Cut(s, n)
}

func or(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}
