package evidence

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

// Bounds of what a recogniser reads: the notices' facts are at the top of
// their mails, and a regular expression over megabytes of text, a dozen
// times a mail, would make an mbox import crawl.
const (
	maxNoticeSubject = 1 << 10
	maxNoticeText    = 64 << 10
)

// Recognise reads a marketplace's or PayPal's notice from a mail: an order
// confirmation, a shipment, a delivery, a dispute opened or decided, a
// refund, an account restricted. It is conservative: the sender's domain
// must be the notifier's own (vault.NotifierOf), the subject must say the
// kind of notice, and the text must hold what that kind needs (a tracking
// number for a shipment, an outcome for a decision, an amount for a
// refund, the words of a restriction and the login for an account); a
// mail whose subject says none of these may be an order confirmation
// (RecogniseOrder). Days
// are the mail's day in loc, or the day the mail states (an appeal's last
// day). Anything else, a personal mail above all, is no notice.
func Recognise(e Email, loc *time.Location) (vault.Notice, bool) {
	from, ok := vault.NotifierOf(e.From)
	if !ok {
		return vault.Notice{}, false
	}
	subject, text := bounded(e.Subject, e.Text)
	n := vault.Notice{From: from, Marketplace: from.Marketplace()}
	if !e.Date.IsZero() {
		n.Day = date.Day(e.Date.In(loc))
	}
	for _, r := range noticeRules() {
		if !r.from(from) || !r.subject.MatchString(subject) {
			continue
		}
		n.Kind = r.kind
		if !readNotice(&n, subject, text, e.To, loc) {
			return vault.Notice{}, false // its subject says what it is, and its text does not agree
		}
		return n, true
	}
	c, ok := RecogniseOrder(e)
	if !ok {
		return vault.Notice{}, false
	}
	n.Kind, n.Order, n.Seller, n.Total = vault.NoticeOrdered, c.Number, c.Seller, amount(c.Total)
	return n, true
}

// bounded cuts a mail's subject and text to what a recogniser reads, on a
// rune's boundary.
func bounded(subject, text string) (string, string) {
	return cutValid(subject, maxNoticeSubject), cutValid(text, maxNoticeText)
}

func cutValid(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// readNotice fills in what the mail gives for n's kind and reports whether
// it gives what the kind needs.
func readNotice(n *vault.Notice, subject, text, to string, loc *time.Location) bool {
	t := newLines(text)
	if n.Kind == vault.NoticeRestricted {
		n.Login = loginIn(t, to)
		n.Reason = cut(reasonIn(t), 200)
		n.AppealBy = appealIn(t, n.Day, loc)
		return n.Login != "" && restrictedWords().MatchString(t.with(restrictedKeys...))
	}
	n.Dispute = labelled(disputeLabel(), t.with("dispute", "case", "claim", "tvist", "sak", "fall"))
	if n.Kind == vault.NoticeShipped || n.Kind == vault.NoticeDelivered {
		n.Tracking = labelled(trackingLabel(), t.with("track", "sporing", "sendungs"))
	}
	n.Order = orderIn(n, subject, t)
	switch n.Kind {
	case vault.NoticeShipped:
		if m := carrierLabel().FindStringSubmatch(t.with(carrierKeys...)); m != nil {
			n.Carrier = cut(m[1], 60)
		}
		return n.Order != "" && n.Tracking != ""
	case vault.NoticeDelivered:
		return n.Order != ""
	case vault.NoticeDisputeOpened:
		return n.Order != "" || n.Dispute != ""
	case vault.NoticeDisputeDecided:
		n.Outcome, n.Refund = outcomeIn(subject+"\n"+t.with(outcomeKeys...)), refundIn(t)
		return n.Outcome != "" && (n.Order != "" || n.Dispute != "")
	case vault.NoticeRefunded:
		n.Refund = refundIn(t)
		return !n.Refund.IsZero()
	}
	return false
}

// lines is a mail's text by lines, each also in lower case, so that a
// regular expression runs only over the lines that hold its words: Go's
// run at a few megabytes a second over text, and a notice's facts are on
// a few of its lines.
type lines struct{ text, lower []string }

func newLines(s string) lines {
	t := lines{text: strings.Split(s, "\n")}
	t.lower = make([]string, len(t.text))
	for i, l := range t.text {
		t.lower[i] = strings.ToLower(l)
	}
	return t
}

// with is the text of the lines that hold one of words (lower case).
func (t lines) with(words ...string) string {
	var b strings.Builder
	for i, l := range t.lower {
		for _, w := range words {
			if strings.Contains(l, w) {
				b.WriteString(t.text[i])
				b.WriteByte('\n')
				break
			}
		}
	}
	return b.String()
}

// The words of the lines a fact is looked for on.
var (
	orderKeys      = []string{"order", "invoice", "ordre", "bestilling", "bestell", "faktura"}
	carrierKeys    = []string{"carrier", "courier", "shipping", "logistics", "shipped with", "delivered by", "transportør", "fraktselskap", "leveres av", "versand", "zusteller"}
	outcomeKeys    = []string{"favo", "refund", "denied", "reject", "declin", "partial", "result", "outcome", "granted", "approved", "fordel", "avsl", "avvis", "delvis", "gunsten", "erstatt"}
	refundKeys     = []string{"refund", "refus", "refundert", "beløp", "erstatt", "rückerstattung"}
	restrictedKeys = []string{"restrict", "suspend", "limit", "block", "frozen", "on hold", "deactivat", "begrens", "sperr", "steng", "gesperrt", "eingeschränkt"}
	loginKeys      = []string{"account", "login", "mail", "user", "member", "konto", "bruker", "benutzer"}
	reasonKeys     = []string{"reason", "årsak", "grunn", "begrunnelse", "grund", "due to", "because", "wegen"}
	appealKeys     = []string{"appeal", "submit", "respond", "provide", "klag", "anke", "innsigelse", "einspruch"}
)

// noticeRule says a kind of notice by its subject, for some notifiers.
type noticeRule struct {
	kind    vault.NoticeKind
	only    []vault.Notifier // nil: every notifier
	subject *regexp.Regexp
}

func (r noticeRule) from(n vault.Notifier) bool {
	if r.only == nil {
		return true
	}
	for _, x := range r.only {
		if x == n {
			return true
		}
	}
	return false
}

// noticeRules are tried in order: a restriction before anything (its mail
// may name an order), a decision before a refund (its subject may say
// "refund"), a delivery before a shipment.
var noticeRules = sync.OnceValue(func() []noticeRule {
	rx := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	markets := []vault.Notifier{vault.Notifier(vault.AliExpress), vault.Notifier(vault.Temu), vault.Notifier(vault.Amazon),
		vault.Notifier(vault.EBay)}
	return []noticeRule{
		{vault.NoticeRestricted, nil, rx(`account\b.{0,40}\b(restricted|suspended|limited|blocked|frozen|on hold|deactivated|locked)|` +
			`(restricted|suspended|limited|blocked) your account|account (access )?(restriction|suspension|limitation)|` +
			`konto.{0,30}(begrenset|sperret|suspendert|stengt)|(begrenset|sperret) (tilgangen|kontoen)|konto.{0,30}gesperrt|kontosperrung`)},
		{vault.NoticeDisputeDecided, nil, rx(`(dispute|case|claim|request|a-to-z|tvist|saken|reklamasjon).{0,40}\b(closed|decided|resolved|ended|decision|lukket|avgjort|avsluttet)|` +
			`(closed|decided|resolved) (your|the|a) (dispute|case|claim|request)|decision on (your|the|a) |dispute result`)},
		{vault.NoticeDisputeOpened, nil, rx(`(dispute|case|claim|request|a-to-z|tvist|sak).{0,40}\b(opened|open|submitted|received|filed|created|started|åpnet|opprettet|mottatt)|` +
			`(opened|filed|submitted) (a|your) (dispute|case|claim|request)|(åpnet|opprettet) (en )?(tvist|sak)`)},
		{vault.NoticeRefunded, nil, rx(`refund|refunded|money back|refusjon|refundert|tilbakebetal|erstattung|rückzahlung`)},
		{vault.NoticeDelivered, markets, rx(`\bdelivered\b|delivery (confirmed|completed)|\blevert\b|zugestellt`)},
		{vault.NoticeShipped, markets, rx(`\bshipped\b|dispatched|on (its|the) way|has been sent|\bsendt\b|er på vei|versandt|versandbestätigung|unterwegs`)},
	}
})

// The labels the values of a notice follow. A label starts a line (as a
// table row turned into text does) but for a dispute's number, which mails
// write inside sentences too ("your dispute (ID: 7001...)").
var (
	trackingLabel = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^\s*(?:tracking (?:number|no\.?|id|code)|tracking ?#|sporingsnummer|sporingsnr\.?|sendungsnummer|trackingnummer)\s*[:：#]?\s*([A-Z0-9]{8,34})\b`)
	})
	carrierLabel = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^\s*(?:carrier|courier|shipping (?:company|carrier|method)|logistics (?:company|provider)|shipped with|delivered by|transportør|fraktselskap|leveres av|versanddienstleister|versand mit|zusteller)\s*[:：]?\s*(\S.*?)\s*$`)
	})
	disputeLabel = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:dispute|case|claim|tvist|tviste|sak|saks|fall)\s*\(?(?:id|number|no\.?|nummer|nr\.?|#|-id)\s*[:：#]?\s*([A-Z0-9][A-Z0-9-]{3,30}[0-9])\b`)
	})
	orderLabel = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)(?:order (?:number|no\.?|id|#)|order ?#|invoice id|ordrenummer|bestillingsnummer|bestellnummer|fakturanummer)\s*[:：#]?\s*([A-Z0-9][A-Z0-9-]{4,38}[0-9])\b`)
	})
)

// labelled is the first value that follows one of re's labels and holds a
// digit (a number, not a word).
func labelled(re *regexp.Regexp, text string) string {
	for _, m := range re.FindAllStringSubmatch(text, 8) {
		if strings.ContainsAny(m[1], "0123456789") {
			return m[1]
		}
	}
	return ""
}

// orderIn is the order number a notice names: the marketplace's format
// after an order label, else in the subject, else on a line that speaks of
// an order (not the dispute's or the parcel's number). PayPal's mails name another's order:
// any marketplace's format after a label, which also says whose it is.
func orderIn(n *vault.Notice, subject string, t lines) string {
	text := t.with(orderKeys...)
	label := labelled(orderLabel(), text)
	if n.From == vault.PayPal {
		for m, re := range orderNumbers() {
			if label != "" && re.FindString(label) == label {
				n.Marketplace = m
			}
		}
		return label
	}
	re := orderNumbers()[n.Marketplace]
	if re == nil {
		return ""
	}
	if label != "" && re.FindString(label) == label {
		return label
	}
	if s := re.FindString(subject); s != "" {
		return s
	}
	for _, s := range re.FindAllString(text, 8) {
		if s != n.Dispute && s != n.Tracking {
			return s
		}
	}
	return ""
}

// Outcomes by their words (in lower case: a case-folding expression is
// several times slower), the loser's first: "not in your favour" holds "in
// your favour".
var (
	lostWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`not in your favou?r|in (the )?seller'?s favou?r|(denied|rejected|declined) (your|the) (dispute|case|claim|request)|` +
			`(dispute|case|claim|request) (was |has been )?(denied|rejected|declined)|unable to (approve|grant|issue) (a |your )?refund|no refund|` +
			`ikke til din fordel|til selgerens fordel|avslått|avvist`)
	})
	partialWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`partial(ly)? refund|delvis (refusjon|refundert)|teilerstattung|teilweise erstattet`)
	})
	wonWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`in your favou?r|refund (has been |was )?(agreed|approved|granted|issued)|full refund|` +
			`(granted|approved) your (claim|request|dispute)|(result|outcome)\s*[:：]\s*refund|til din fordel|zu ihren gunsten`)
	})
)

func outcomeIn(text string) vault.Outcome {
	text = strings.ToLower(text)
	switch {
	case lostWords().MatchString(text):
		return vault.OutcomeLost
	case partialWords().MatchString(text):
		return vault.OutcomePartial
	case wonWords().MatchString(text):
		return vault.OutcomeWon
	}
	return ""
}

// amountPattern is an amount as mails write it: a symbol or code before or
// after the number, groups of thousands by space, point or comma.
const amountPattern = `(?:(?:US|CA|AU|C|A)?\s?[$€£]|NOK|USD|EUR|GBP|SEK|DKK|CNY|kr\.?)\s?\d{1,3}(?:[ .,\x{00A0}]\d{3})*(?:[.,]\d{1,2})?` +
	`|\d{1,3}(?:[ .,\x{00A0}]\d{3})*(?:[.,]\d{1,2})?\s?(?:NOK|USD|EUR|GBP|SEK|DKK|CNY|kr\b\.?|€|,-)`

var (
	refundLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^\s*(?:refund(?:ed)? amount|amount refunded|refund total|total refund(?:ed)?|refund|refusjonsbeløp|refundert beløp|beløp|erstattungsbetrag|erstattet)\s*[:：]?\s*(` + amountPattern + `)`)
	})
	refundPhrase = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:refund(?:ed)?(?: of| for)?|refusjon(?:en)?(?: på)?|refundert|erstattet|rückerstattung (?:von|über))\s*(` + amountPattern + `)`)
	})
)

// refundIn is the amount a refund notice gives back: on a labelled line,
// else after "refund of" in a sentence.
func refundIn(t lines) money.Money {
	text := t.with(refundKeys...)
	for _, re := range []*regexp.Regexp{refundLine(), refundPhrase()} {
		if m := re.FindStringSubmatch(text); m != nil {
			if a := amount(m[1]); !a.IsZero() {
				return a
			}
		}
	}
	return money.Money{}
}

// amount reads an amount as a mail writes it; zero when it cannot.
func amount(s string) money.Money {
	s = strings.NewReplacer("\u00a0", " ", "US $", "US$", "CA $", "C$", "AU $", "A$", "C $", "C$", "A $", "A$").Replace(strings.TrimSpace(s))
	m, err := money.Parse(s)
	if err != nil {
		return money.Money{}
	}
	return m
}

// Restrictions, logins, reasons and appeals.
var (
	restrictedWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(restricted|suspended|limited|blocked|frozen|on hold|deactivated|restriction|suspension|limitation|` +
			`begrenset|sperret|suspendert|stengt|gesperrt|eingeschränkt)\b`)
	})
	loginLabel = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^\s*(?:account|login|e-?mail(?: address)?|user ?id|member id|konto|brukernavn|e-postadresse|benutzername|konto-e-mail)\s*[:：]\s*(\S+@\S+\.[A-Za-z]{2,}|[A-Za-z0-9_.-]{3,40})\s*$`)
	})
	reasonLabel = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^\s*(?:reason|årsak|grunn|begrunnelse|grund)\s*[:：]\s*(\S.*?)\s*$`)
	})
	reasonPhrase = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:due to|because of|på grunn av|wegen)\s+([^.\n]{3,200})`)
	})
	appealBy = sync.OnceValue(func() *regexp.Regexp {
		day := `\d{4}-\d{2}-\d{2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\.? [[:alpha:]æøå]+\.? \d{4}|[[:alpha:]]+\.? \d{1,2},? \d{4}`
		return regexp.MustCompile(`(?i)(?:appeal|submit|respond|provide|klage|klag|anke|innsigelse|einspruch)[^\n]{0,120}?\b(?:by|before|no later than|until|innen|senest|bis(?: zum)?)\s+(` + day + `)`)
	})
	appealWithin = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:appeal|submit|respond|provide|klage|klag|anke|innsigelse|einspruch)[^\n]{0,120}?\b(?:within|innen|innerhalb von)\s+(\d{1,3})\s+(?:calendar )?(?:days|dager|tagen)`)
	})
)

// loginIn is the login an account notice names: after a label, else the
// one address the mail was sent to.
func loginIn(t lines, to string) string {
	if m := loginLabel().FindStringSubmatch(t.with(loginKeys...)); m != nil {
		return m[1]
	}
	if strings.Count(to, "@") != 1 {
		return ""
	}
	addr := to
	if i := strings.LastIndexByte(addr, '<'); i >= 0 {
		addr = strings.TrimSuffix(strings.TrimSpace(addr[i+1:]), ">")
	}
	if strings.ContainsAny(addr, " <>,") {
		return ""
	}
	return addr
}

func reasonIn(t lines) string {
	text := t.with(reasonKeys...)
	if m := reasonLabel().FindStringSubmatch(text); m != nil {
		return m[1]
	}
	if m := reasonPhrase().FindStringSubmatch(text); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// appealIn is the last day to appeal that a notice states: a day after
// "appeal ... by", or "within N days" of the mail's day.
func appealIn(t lines, day date.Value, loc *time.Location) date.Value {
	text := t.with(appealKeys...)
	if m := appealBy().FindStringSubmatch(text); m != nil {
		if v, err := date.Parse(strings.TrimRight(m[1], "."), loc); err == nil && v.IsDay() {
			return v
		}
	}
	if m := appealWithin().FindStringSubmatch(text); m != nil && !day.IsZero() {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			return date.Day(day.Time().AddDate(0, 0, n))
		}
	}
	return date.Value{}
}

// cut shortens s to n runes.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
