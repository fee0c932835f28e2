package vault

import (
	"fmt"
	"strings"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// RecordKind is a kind of record whose fields can change after it was
// added: an order, a case, evidence, an account.
type RecordKind string

// The kinds of record that have fields.
const (
	RecordOrder    RecordKind = "order"
	RecordCase     RecordKind = "case"
	RecordEvidence RecordKind = "evidence"
	RecordAccount  RecordKind = "account"
)

// KindOf is the kind of record an id names: ORD-1 is an order, CASE-2 a
// case, EV-3 evidence, ACC-1 an account; "" for any other.
func KindOf(record string) RecordKind {
	prefix, _, _ := strings.Cut(record, "-")
	return map[string]RecordKind{"ORD": RecordOrder, "CASE": RecordCase, "EV": RecordEvidence, "ACC": RecordAccount}[strings.ToUpper(prefix)]
}

// FieldType is what a field holds, which says how a value typed for it is read.
type FieldType string

// The types of field.
const (
	TextField        FieldType = "text"
	MoneyField       FieldType = "money"       // an amount with its currency
	DateField        FieldType = "date"        // a day or an instant
	WordField        FieldType = "word"        // one word of a vocabulary (Field.Words)
	ListField        FieldType = "list"        // lines added and removed one at a time
	MarketplaceField FieldType = "marketplace" // a marketplace, by any name people give it
	AccountField     FieldType = "account"     // an account's id, ACC-n
)

// Field is one field of a kind of record, as every layer names it: its key
// in the stored form (Fields, edits, the facts tables), the flag of 'vault
// set' that changes it, its key in the record's JSON, what it holds,
// whether it is a fact recorded later (kept apart, see Order.Facts), and its
// label in each language.
type Field struct {
	Key       string
	Flag      string // "" when 'vault set' does not change it (a case's status follows its outcome)
	JSON      string
	Type      FieldType
	Later     bool
	About     string   // what it holds, for help texts
	Words     []string // the vocabulary of a word field
	label, nb string
}

// Label is the field's label in l: "Delivered", "Levert".
func (f Field) Label(l lang.Lang) string { return word(l, f.label, f.nb) }

// Word is the field's label in l inside a sentence: "delivered", "levert".
func (f Field) Word(l lang.Lang) string { return strings.ToLower(f.Label(l)) }

// fieldOf is a field of records of type R, with where in R it lives.
type fieldOf[R any] struct {
	Field
	at func(*R) any // a pointer to the record's field of that type
}

// fieldsOf lists a table's fields.
func fieldsOf[R any](table []fieldOf[R]) []Field {
	out := make([]Field, len(table))
	for i, f := range table {
		out[i] = f.Field
	}
	return out
}

// Fields lists the fields of a kind of record, in the order help lists them.
func Fields(kind RecordKind) []Field {
	switch kind {
	case RecordOrder:
		return fieldsOf(orderFields)
	case RecordCase:
		return fieldsOf(caseFields)
	case RecordEvidence:
		return fieldsOf(evidenceFields)
	case RecordAccount:
		return fieldsOf(accountFields)
	}
	return nil
}

// FieldOf finds a field of a kind of record by its key.
func FieldOf(kind RecordKind, key string) (Field, bool) {
	for _, f := range Fields(kind) {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// FieldByFlag finds a field of a kind of record by the flag that changes it.
func FieldByFlag(kind RecordKind, flag string) (Field, bool) {
	for _, f := range Fields(kind) {
		if f.Flag != "" && strings.EqualFold(f.Flag, flag) {
			return f, true
		}
	}
	return Field{}, false
}

// field makes a table's row: the flag is the key with dashes, the JSON key
// the key itself, unless the options say otherwise.
func field[R any](key string, t FieldType, label, nb, about string, at func(*R) any, opts ...func(*Field)) fieldOf[R] {
	f := Field{Key: key, Flag: strings.ReplaceAll(key, "_", "-"), JSON: key, Type: t, About: about, label: label, nb: nb}
	for _, o := range opts {
		o(&f)
	}
	return fieldOf[R]{f, at}
}

// Options of a table's row.
func later(f *Field)                    { f.Later = true }
func noFlag(f *Field)                   { f.Flag = "" }
func flag(name string) func(*Field)     { return func(f *Field) { f.Flag = name } }
func jsonKey(k string) func(*Field)     { return func(f *Field) { f.JSON = k } }
func words(w []string) func(*Field)     { return func(f *Field) { f.Words = w } }
func wordsOf[T ~string](v []T) []string { return Words(v) }

var orderFields = []fieldOf[Order]{
	field("marketplace", MarketplaceField, "Marketplace", "Markedsplass", "where it was bought", func(o *Order) any { return &o.Marketplace }),
	field("number", TextField, "Order number", "Ordrenummer", "the marketplace's order number", func(o *Order) any { return &o.Number }),
	field("seller", TextField, "Seller", "Selger", "the seller or shop", func(o *Order) any { return &o.Seller }),
	field("items", ListField, "Items", "Varer", "an item line", func(o *Order) any { return &o.Items }, flag("item")),
	field("total", MoneyField, "Total", "Totalt", "the total paid, with currency", func(o *Order) any { return &o.Total }),
	field("ordered", DateField, "Ordered", "Bestilt", "order date", func(o *Order) any { return &o.Ordered }),
	field("paid", DateField, "Paid", "Betalt", "payment date", func(o *Order) any { return &o.Paid }),
	field("shipped", DateField, "Shipped", "Sendt", "date shipped", func(o *Order) any { return &o.Shipped }),
	field("expected", DateField, "Expected", "Forventet levert", "the latest delivery date the seller or marketplace gave", func(o *Order) any { return &o.Expected }),
	field("delivered", DateField, "Delivered", "Levert", "date delivered", func(o *Order) any { return &o.Delivered }),
	field("payment", TextField, "Payment", "Betaling", "payment method, e.g. \"visa 4242\"", func(o *Order) any { return &o.Payment }),
	field("tracking", ListField, "Tracking", "Sporing", "a tracking number", func(o *Order) any { return &o.Tracking }),
	field("note", TextField, "Note", "Merknad", "a free note", func(o *Order) any { return &o.Note }),
	field("site", TextField, "Site", "Nettsted", "the marketplace's country site, e.g. amazon.de", func(o *Order) any { return &o.Site }, later),
	field("seller_country", TextField, "Seller's country", "Selgerens land", "where the seller is: a two-letter code (CN, DE) or "+OutsideEEA,
		func(o *Order) any { return (*country)(&o.SellerCountry) }, later),
	field("protection_ends", DateField, "Protection ends", "Kjøperbeskyttelsen slutter", "the last day of the buyer protection shown on the order page",
		func(o *Order) any { return &o.ProtectionEnds }, later),
	field("refunded", MoneyField, "Refunded", "Refundert", "the amount refunded, with currency", func(o *Order) any { return &o.Refunded }, later),
	field("refunded_at", DateField, "Refunded at", "Refundert den", "when the refund came", func(o *Order) any { return &o.RefundedAt }, later),
	field("last_delivered", DateField, "Last delivered", "Siste del levert", "the day the last parcel came, when the order came in several",
		func(o *Order) any { return &o.LastDelivered }, later),
}

var caseFields = []fieldOf[Case]{
	field("title", TextField, "Title", "Tittel", "a short title", func(c *Case) any { return &c.Title }),
	field("receiver", TextField, "Receiver", "Mottaker", "who decides", func(c *Case) any { return &c.Receiver }),
	field("reference", TextField, "Reference", "Referanse", "the receiver's reference", func(c *Case) any { return &c.Reference }),
	field("amount", MoneyField, "Amount claimed", "Krevd beløp", "amount claimed, with currency", func(c *Case) any { return &c.Amount }),
	field("opened", DateField, "Case opened", "Sak åpnet", "when the case was opened", func(c *Case) any { return &c.Opened }),
	field("status", WordField, "Status", "Status", "where the case stands", func(c *Case) any { return &c.Status }, noFlag,
		words(wordsOf(CaseStatuses))),
	field("outcome", WordField, "Outcome", "Utfall", "how it was decided", func(c *Case) any { return &c.Outcome }, later,
		words(wordsOf(Outcomes))),
	field("refunded", MoneyField, "Refunded", "Refundert", "what the decision gave back, with currency", func(c *Case) any { return &c.Refunded }, later),
	field("decided", DateField, "Decided", "Avgjort", "when it was decided (default today with --outcome)", func(c *Case) any { return &c.Decided }, later),
	field("dispute_number", TextField, "Dispute number", "Tvistenummer", "the marketplace's own number for the dispute",
		func(c *Case) any { return &c.DisputeNumber }, later),
	field("problem", WordField, "Problem", "Problem", "what went wrong", func(c *Case) any { return &c.Problem }, later,
		words(wordsOf(Troubles))),
	field("discovered", DateField, "Discovered", "Oppdaget", "when you found the defect (a warranty case)", func(c *Case) any { return &c.Discovered }, later),
	field("bank_reference", TextField, "Bank reference", "Bankens referanse", "the card issuer's reference",
		func(c *Case) any { return &c.BankReference }, later),
	field("account", AccountField, "Account", "Konto", "the marketplace account of a reinstatement (ACC-n)", func(c *Case) any { return &c.Account }, later),
}

var evidenceFields = []fieldOf[Evidence]{
	field("kind", WordField, "Kind", "Type", "what it is", func(e *Evidence) any { return &e.Kind }, words(wordsOf(EvidenceKinds))),
	field("at", DateField, "Date", "Dato", "when it was taken or sent", func(e *Evidence) any { return &e.OccurredAt }, jsonKey("occurred_at")),
	field("from", WordField, "From", "Fra", "who it comes from", func(e *Evidence) any { return &e.Party }, jsonKey("party"),
		words(wordsOf(Parties))),
	field("title", TextField, "Title", "Tittel", "its title", func(e *Evidence) any { return &e.Title }),
	field("note", TextField, "Note", "Merknad", "a note kept with it", func(e *Evidence) any { return &e.Note }),
	field("text", TextField, "Text", "Tekst", "a typed message's text", func(e *Evidence) any { return &e.Body }, jsonKey("body")),
}

var accountFields = []fieldOf[Account]{
	field("marketplace", MarketplaceField, "Marketplace", "Markedsplass", "the marketplace", func(a *Account) any { return &a.Marketplace }),
	field("login", TextField, "Login", "Innlogging", "the e-mail address or user id the marketplace knows", func(a *Account) any { return &a.Login }),
	field("blocked", DateField, "Restricted", "Begrenset", "when it was blocked", func(a *Account) any { return &a.Blocked }),
	field("reason", TextField, "Reason given", "Oppgitt grunn", "the reason the marketplace gave", func(a *Account) any { return &a.Reason }),
	field("appeal_by", DateField, "Appeal by", "Klagefrist", "the last day to appeal", func(a *Account) any { return &a.AppealBy }),
	field("note", TextField, "Note", "Merknad", "a note", func(a *Account) any { return &a.Note }),
}

// country is a seller's country in its stored form, checked when set.
type country string

// get is the stored form of the value p points to.
func get(p any) string {
	switch v := p.(type) {
	case *string:
		return *v
	case *country:
		return string(*v)
	case *[]string:
		return strings.Join(*v, "\n")
	case *date.Value:
		return v.String()
	case *money.Money:
		return v.String()
	case *Marketplace:
		return string(*v)
	case *CaseStatus:
		return string(*v)
	case *Outcome:
		return string(*v)
	case *Trouble:
		return string(*v)
	case *EvidenceKind:
		return string(*v)
	case *Party:
		return string(*v)
	case *AccountID:
		if *v == 0 {
			return ""
		}
		return v.String()
	}
	panic(fmt.Sprintf("vault: a field of type %T", p)) // a table's row points at a type get does not know: caught by the tests
}

// put sets the value p points to from its stored form ("" is not set).
func put(p any, s string) error {
	var err error
	switch v := p.(type) {
	case *string:
		*v = s
	case *country:
		if *v = country(Country(s)); s != "" && !ValidCountry(string(*v)) {
			err = fmt.Errorf("%q: give a two-letter country code (CN, DE, NO) or %s", s, OutsideEEA)
		}
	case *[]string:
		*v = nil
		if s != "" {
			*v = strings.Split(s, "\n")
		}
	case *date.Value:
		*v, err = date.Stored(s)
	case *money.Money:
		*v, err = storedMoney(s)
	case *Marketplace:
		*v = ParseMarketplace(s)
	case *CaseStatus:
		*v, err = orNone(s, ParseCaseStatus)
	case *Outcome:
		*v, err = orNone(s, ParseOutcome)
	case *Trouble:
		*v, err = orNone(s, ParseTrouble)
	case *EvidenceKind:
		*v, err = orNone(s, ParseEvidenceKind)
	case *Party:
		*v, err = orNone(s, ParseParty)
	case *AccountID:
		*v = 0
		if s != "" {
			*v, err = ParseAccountID(s)
		}
	default:
		panic(fmt.Sprintf("vault: a field of type %T", p))
	}
	return err
}

// orNone reads a word of a vocabulary; "" is none.
func orNone[T ~string](s string, parse func(string) (T, error)) (T, error) {
	if s == "" {
		return "", nil
	}
	return parse(s)
}

// storedMoney reads an amount in its stored form; "" is none.
func storedMoney(s string) (money.Money, error) {
	if s == "" {
		return money.Money{}, nil
	}
	return money.Parse(s)
}

// fieldsMap is a record's fields in their stored form, by key.
func fieldsMap[R any](r *R, table []fieldOf[R]) map[string]string {
	m := make(map[string]string, len(table))
	for _, f := range table {
		m[f.Key] = get(f.at(r))
	}
	return m
}

// factsMap is a record's facts recorded later that are set, by key.
func factsMap[R any](r *R, table []fieldOf[R]) map[string]string {
	m := map[string]string{}
	for _, f := range table {
		if v := get(f.at(r)); f.Later && v != "" {
			m[f.Key] = v
		}
	}
	return m
}

// setFact sets one of a record's facts recorded later from its stored form.
func setFact[R any](r *R, table []fieldOf[R], record, what, key, value string) error {
	for _, f := range table {
		if f.Key == key && f.Later {
			return put(f.at(r), value)
		}
	}
	return &FieldError{record, key, "not a fact of " + what}
}

// change makes one change to a record's field: a list takes Add, Remove
// and Unset, any other field Set and Unset; a field without a flag takes
// none.
func change[R any](r *R, table []fieldOf[R], record, what string, c Change) error {
	bad := func(why string) error { return &FieldError{record, c.Field, why} }
	for _, f := range table {
		if f.Key != c.Field || f.Flag == "" {
			continue
		}
		if list, ok := f.at(r).(*[]string); ok {
			return editList(list, c, bad)
		}
		value, ok := c.scalar()
		if !ok {
			return bad("takes a value, not " + string(c.Op))
		}
		if err := put(f.at(r), value); err != nil {
			return bad(err.Error())
		}
		return nil
	}
	return bad("not a field of " + what)
}
