package vault

import (
	"strings"
	"time"

	"vault/internal/date"
	"vault/internal/lang"
)

// EvidenceKind is what a piece of evidence is.
type EvidenceKind string

// The kinds of evidence; processors' categories (Stripe's receipt,
// customer_communication, shipping_documentation ...) map onto them.
const (
	EvidenceConfirmation EvidenceKind = "confirmation"
	EvidenceReceipt      EvidenceKind = "receipt"
	EvidenceMessage      EvidenceKind = "message"
	EvidenceEmail        EvidenceKind = "email"
	EvidenceScreenshot   EvidenceKind = "screenshot"
	EvidencePhoto        EvidenceKind = "photo"
	EvidenceVideo        EvidenceKind = "video"
	EvidenceTracking     EvidenceKind = "tracking"
	EvidenceStatement    EvidenceKind = "statement"
	EvidenceListing      EvidenceKind = "listing"
	EvidencePage         EvidenceKind = "page" // a saved web page that is neither a listing nor a tracking page
	EvidenceOther        EvidenceKind = "other"
)

// EvidenceKinds are the kinds of evidence the schema accepts.
var EvidenceKinds = []EvidenceKind{EvidenceConfirmation, EvidenceReceipt, EvidenceMessage, EvidenceEmail,
	EvidenceScreenshot, EvidencePhoto, EvidenceVideo, EvidenceTracking, EvidenceStatement, EvidenceListing, EvidencePage, EvidenceOther}

// ParseEvidenceKind reads an evidence kind.
func ParseEvidenceKind(s string) (EvidenceKind, error) {
	return parseWord("evidence kind", s, EvidenceKinds)
}

// IsCorrespondence reports whether evidence of this kind is written
// communication: a message or an email.
func (k EvidenceKind) IsCorrespondence() bool { return k == EvidenceMessage || k == EvidenceEmail }

// Word is the kind in the language of a dossier.
func (k EvidenceKind) Word(l lang.Lang) string { return word(l, string(k), evidenceKindNB[k]) }

var evidenceKindNB = map[EvidenceKind]string{EvidenceConfirmation: "ordrebekreftelse", EvidenceReceipt: "kvittering",
	EvidenceMessage: "melding", EvidenceEmail: "e-post", EvidenceScreenshot: "skjermbilde", EvidencePhoto: "foto",
	EvidenceVideo: "video", EvidenceTracking: "sporing", EvidenceStatement: "kontoutskrift", EvidenceListing: "annonse",
	EvidencePage: "nettside", EvidenceOther: "annet"}

// Party is who a piece of evidence comes from.
type Party string

// The parties; PartyUnknown is a sender the vault cannot place.
const (
	PartyUnknown     Party = ""
	PartySeller      Party = "seller"
	PartyMe          Party = "me"
	PartyMarketplace Party = "marketplace"
	PartyCarrier     Party = "carrier"
	PartyBank        Party = "bank"
)

// Parties are the parties a user can name.
var Parties = []Party{PartySeller, PartyMe, PartyMarketplace, PartyCarrier, PartyBank}

// ParseParty reads a party.
func ParseParty(s string) (Party, error) { return parseWord("party", s, Parties) }

// Word is the party in the language of a dossier.
func (p Party) Word(l lang.Lang) string { return word(l, string(p), partyNB[p]) }

var partyNB = map[Party]string{PartySeller: "selger", PartyMe: "meg", PartyMarketplace: "markedsplass",
	PartyCarrier: "transportør", PartyBank: "bank"}

// Source is how evidence came in.
type Source string

// The sources of evidence.
const (
	SourceFile  Source = "file"  // attached, or a message read from a file
	SourceEmail Source = "email" // imported mail and its attachments
	SourceTyped Source = "typed" // a message typed on the command line
	SourceVault Source = "vault" // made by vault from other evidence: a saved page's picture
)

// Evidence is one piece of documentation: a file, a message or an email.
type Evidence struct {
	ID         EvidenceID   `json:"id"`
	Kind       EvidenceKind `json:"kind"`
	Source     Source       `json:"source"`
	OccurredAt date.Value   `json:"occurred_at,omitzero"`
	Party      Party        `json:"party,omitempty"`
	Title      string       `json:"title,omitempty"`
	Body       string       `json:"body,omitempty"`
	Note       string       `json:"note,omitempty"`
	Blob       *Blob        `json:"blob,omitempty"`
	FileName   string       `json:"file_name,omitempty"`
	Parent     EvidenceID   `json:"parent,omitzero"`
	MessageID  string       `json:"message_id,omitempty"` // emails only
	From       string       `json:"from,omitempty"`
	To         string       `json:"to,omitempty"`
	Orders     []OrderID    `json:"orders,omitempty"`
	Cases      []CaseID     `json:"cases,omitempty"`
	CreatedAt  time.Time    `json:"created_at"`
	Retracted  string       `json:"retracted,omitempty"` // why it was retracted, if it was
	// Page is what a saved web page says of itself, set on a file to record
	// as one; reading evidence leaves it nil (store.DB.Pages reads pages).
	Page *Page `json:"page,omitempty"`
}

// Blob describes stored bytes: their SHA-256 (hex), size and media type.
type Blob struct {
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
}

// IsBuyerLetter reports whether e is a letter the buyer sent: a message or
// an email from me, not a file carried by one.
func (e Evidence) IsBuyerLetter() bool {
	return e.Party == PartyMe && e.Kind.IsCorrespondence() && e.Parent == 0
}

// IsPicture reports whether vault made e of a saved page (its Parent): the
// page's picture, shown in the dossier as the page's exhibit.
func (e Evidence) IsPicture() bool { return e.Source == SourceVault && e.Parent != 0 }

// PageFormat is how e keeps a web page saved from a browser, by its file's
// media type: "html" (one file, as SingleFile saves it) or "mhtml" (an
// archive, as "Save page as ... Webpage, single file" does); "" for any
// other file, and for an email or a message, whatever its type.
func (e Evidence) PageFormat() string {
	if e.Blob == nil || e.Kind.IsCorrespondence() {
		return ""
	}
	switch t, _, _ := strings.Cut(e.Blob.MediaType, ";"); strings.TrimSpace(t) {
	case "text/html", "application/xhtml+xml":
		return "html"
	case "multipart/related", "application/x-mimearchive", "message/rfc822":
		return "mhtml"
	}
	return ""
}

// Correspondence is what the evidence shows of the buyer's letters and the
// answers to them.
type Correspondence struct {
	Wrote       int        // letters the buyer sent
	First, Last date.Value // the first and last dated ones
	Replies     int
}

// Links names the orders and cases evidence belongs to.
type Links struct {
	Orders []OrderID
	Cases  []CaseID
	Inbox  bool // none of either is right: the evidence waits in the inbox
}

// Added reports what recording one piece of evidence did.
type Added struct {
	ID EvidenceID `json:"id"`
	// Duplicate is true when the same bytes were already recorded as ID;
	// the existing record gained the new links instead of a new row.
	Duplicate bool `json:"duplicate,omitempty"`
}

// Email is an email to record: the message itself (kind email, its raw
// bytes as Blob) and the files it carried.
type Email struct {
	Message     Evidence
	Attachments []Evidence
}

// EmailAdded reports what was done with one email.
type EmailAdded struct {
	ID EvidenceID `json:"id"`
	// Duplicate is set when the message (same Message-ID or same bytes) was
	// already recorded as ID; nothing new was stored but links.
	Duplicate   bool         `json:"duplicate,omitempty"`
	Attachments []EvidenceID `json:"attachments,omitempty"`
	// Matched lists the orders whose number appears in the subject or text.
	Matched []OrderID `json:"matched,omitempty"`
}
