package casework

import (
	"cmp"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/testpoint"
	"vault/mailbox"
)

// mailLimits bound what an IMAP server may make an import wait for and
// hold: a minute's silence while a command waits, a header of 64 KB, and
// a mail of the size 'import email' takes.
var mailLimits = mailbox.Limits{Read: time.Minute, Header: 64 << 10, Message: evidence.MaxMessage}

// How many mails a round of a folder reads the headers of, and how many
// (and how many bytes, by the server's count) one fetch brings whole.
const (
	headRound  = 200
	fetchMails = 50
	fetchBytes = 32 << 20
)

// MailRun reads purchase mail from mailboxes over IMAP into the vault
// ('vault import imap'). Each new mail of a folder (above the last UID
// read) is judged by its header and a search on the server; a purchase
// mail (every mail, for a folder read whole) is fetched byte for byte and
// imported by the Importer, as 'vault import email' imports it; a mail
// the vault holds already (its Message-ID) is not fetched; personal mail
// is never fetched and leaves no trace. After each round the batch is
// recorded, then the folder's position: an interrupted run keeps what it
// recorded, and the next goes on from there.
type MailRun struct {
	s       *Service
	imp     *Importer
	done    func(Imported)
	dry     bool
	numbers []string
	sellers map[string]bool
	sources map[string]uint32 // the label of each mail handed to the importer, to its UID
	failed  uint32            // the lowest UID of this round that could not be recorded, or 0
	failure error
}

// FolderRead is what a run did with a folder.
type FolderRead struct {
	Login, Folder string
	New           int          // mails above the last UID read
	Purchase      int          // of those, the purchase mails (every one when the folder is read whole)
	Known         int          // of those, already in the vault: not fetched
	Renumbered    bool         // the folder's UIDVALIDITY changed: it was read from its start
	Listed        []MailListed // with a dry run, the mails that would come
	Err           error
}

// MailListed is a mail a dry run would import, and why.
type MailListed struct {
	UID     uint32    `json:"uid"`
	Date    time.Time `json:"date"`
	From    string    `json:"from"`
	Subject string    `json:"subject"`
	Why     string    `json:"why"`
}

// NewMailRun reads what makes a mail a purchase mail (the recorded order
// and tracking numbers, the sellers' addresses). done hears of every mail
// imported; with dry, nothing is fetched or recorded, and FolderRead
// lists what would come.
func (s *Service) NewMailRun(ctx context.Context, createOrders, dry bool, done func(Imported)) (*MailRun, error) {
	sieve, err := s.DB.MailSieve(ctx)
	if err != nil {
		return nil, err
	}
	m := &MailRun{s: s, done: done, dry: dry, sellers: map[string]bool{}, sources: map[string]uint32{}}
	for _, n := range sieve.Numbers {
		if len(n) >= 6 { // shorter ones are in too many mails by chance (the order matcher asks as much)
			m.numbers = append(m.numbers, n)
		}
	}
	for _, a := range sieve.Sellers {
		m.sellers[a] = true
	}
	m.imp = s.NewImporter(vault.Links{}, createOrders, m.heard)
	return m, nil
}

// Importer is the importer the run's mails went through, with its counts.
func (m *MailRun) Importer() *Importer { return m.imp }

// heard notes a mail that could not be recorded for a reason that may
// pass (a full disk, a locked database), so that the folder's position
// stays before it; a mail that is no message, or too large, never will be.
func (m *MailRun) heard(im Imported) {
	uid, top := m.sources[im.Source] // the forwarded messages inside a mail are not its position
	if top && im.Err != nil && !errors.Is(im.Err, evidence.ErrNotEmail) && !errors.Is(im.Err, evidence.ErrTooLarge) &&
		(m.failed == 0 || uid < m.failed) {
		m.failed, m.failure = uid, im.Err
	}
	m.done(im)
}

// Account reads the folders of a mailbox, logging in with secret (the
// password or the token), and tells each folder's outcome to folderDone.
// Once logged in, it remembers the mailbox and its folders (but for a dry
// run). It stops at the first error that ends the connection; a folder
// that cannot be read (one the server does not have) is told, and the
// others are read.
func (m *MailRun) Account(ctx context.Context, a vault.MailAccount, secret string, folderDone func(FolderRead)) error {
	cfg := mailbox.Config{Server: a.Server, User: a.Login, Security: a.Security, Auth: a.Auth, Secret: secret, Limits: mailLimits}
	if a.CA != "" {
		pool, err := trust(a.CA)
		if err != nil {
			return err
		}
		cfg.RootCAs = pool
	}
	c, err := mailbox.Dial(ctx, cfg)
	if err != nil {
		return err
	}
	defer c.Close()
	if a, err = m.remember(ctx, a); err != nil {
		return err
	}
	failed := 0
	for _, f := range a.Folders {
		r := m.folder(ctx, c, a, f)
		folderDone(r)
		if r.Err != nil && (c.Broken() != nil || ctx.Err() != nil) {
			return r.Err
		}
		if r.Err != nil {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d folders could not be read", failed, len(a.Folders))
	}
	return nil
}

// remember stores the mailbox, now that it logged in, and returns it with
// how far each of its folders was read; a dry run stores nothing.
func (m *MailRun) remember(ctx context.Context, a vault.MailAccount) (vault.MailAccount, error) {
	if !m.dry {
		return m.s.DB.RememberMailAccount(ctx, a)
	}
	known, err := m.s.DB.MailAccounts(ctx)
	for _, k := range known {
		for i, f := range a.Folders {
			if j := slices.IndexFunc(k.Folders, func(g vault.MailFolder) bool { return g.Name == f.Name }); j >= 0 &&
				k.Server == a.Server && k.Login == a.Login {
				a.Folders[i].UIDValidity, a.Folders[i].LastUID = k.Folders[j].UIDValidity, k.Folders[j].LastUID
			}
		}
	}
	return a, err
}

// trust is the system's certificate authorities and those of a PEM file.
func trust(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--ca: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--ca %s: no PEM certificate in it", path)
	}
	return pool, nil
}

// folder reads one folder's new mails, a round of headers at a time.
func (m *MailRun) folder(ctx context.Context, c *mailbox.Conn, a vault.MailAccount, f vault.MailFolder) FolderRead {
	r := FolderRead{Login: a.Login, Folder: f.Name}
	box, err := c.Examine(f.Name)
	if err != nil {
		r.Err = err
		return r
	}
	last := f.LastUID
	if f.UIDValidity != 0 && f.UIDValidity != box.UIDValidity {
		r.Renumbered, last = true, 0
	}
	fresh, err := c.New(box, last)
	rounds := 0
	for round := fresh.After(last, headRound); err == nil && len(round) > 0; round = fresh.After(last, headRound) {
		rounds++
		last, err = m.round(ctx, c, &r, box, f.All, round)
		err = cmp.Or(err, m.keep(ctx, a, f, box, last))
	}
	if err == nil && rounds == 0 {
		err = m.keep(ctx, a, f, box, last) // a folder numbered anew, and empty
	}
	r.Err = err
	return r
}

// keep records how far a folder has been read, whatever the context
// says: what was recorded of it must not be read again.
func (m *MailRun) keep(ctx context.Context, a vault.MailAccount, f vault.MailFolder, box mailbox.Folder, last uint32) error {
	if m.dry {
		return nil
	}
	return m.s.DB.SetMailPosition(context.WithoutCancel(ctx), a.Server, a.Login, f.Name, box.UIDValidity, last)
}

// round judges a round of new mails by their headers, fetches and imports
// the purchase mails, and records them. It returns the UID the folder has
// been read up to: the round's last, or the one before the first mail it
// could not bring in.
func (m *MailRun) round(ctx context.Context, c *mailbox.Conn, r *FolderRead, box mailbox.Folder, all bool, round []uint32) (uint32, error) {
	upTo := round[len(round)-1]
	heads, err := c.Heads(round)
	if err != nil {
		return round[0] - 1, err
	}
	r.New += len(heads)
	take, err := m.choose(ctx, c, r, box, heads, all)
	if err != nil {
		return round[0] - 1, err
	}
	if m.dry {
		return upTo, nil
	}
	m.failed, m.failure = 0, nil
	handed := map[uint32]bool{}
	for _, group := range fetchGroups(take) {
		err = c.Fetch(group, func(uid uint32, raw []byte) error {
			m.sources[label(r, uid)], handed[uid] = uid, true
			m.imp.message(ctx, label(r, uid), "", raw)
			testpoint.Reach("imap.message") // a mail handed on: where an interrupt or a dropped connection stops
			return ctx.Err()
		})
		var large *mailbox.TooLargeError
		if errors.As(err, &large) && large.UID != 0 && slices.Contains(group, large.UID) {
			handed[large.UID] = true
			m.imp.Skip(label(r, large.UID), fmt.Errorf("%w: %v", evidence.ErrTooLarge, large))
			err = fmt.Errorf("%w; the connection was closed after it: run again to go on", large)
		}
		if err != nil {
			break
		}
	}
	m.imp.Flush(ctx)
	for _, h := range take { // the first mail to come that did not
		if !handed[h.UID] {
			upTo = min(upTo, h.UID-1)
			break
		}
	}
	if m.failed != 0 && m.failed <= upTo {
		upTo, err = m.failed-1, cmp.Or(err, fmt.Errorf("uid %d could not be recorded (%v): the next run tries it again", m.failed, m.failure))
	}
	return upTo, cmp.Or(err, ctx.Err())
}

// choose picks the purchase mails of a round (every mail when all),
// leaves out those the vault holds, and skips those too large with a
// note. With a dry run it lists them instead.
func (m *MailRun) choose(ctx context.Context, c *mailbox.Conn, r *FolderRead, box mailbox.Folder, heads []mailbox.Head, all bool) ([]mailbox.Head, error) {
	type chosen struct {
		mailbox.Head
		e   evidence.Email
		why string
	}
	var cands []chosen
	var open []uint32 // the mails their sender does not make purchase mails
	for _, h := range heads {
		e, err := evidence.ParseHeader(h.Header)
		why := "every mail of the folder"
		if !all {
			why = m.sender(e, err)
		}
		if why == "" {
			open = append(open, h.UID)
		}
		cands = append(cands, chosen{h, e, why})
	}
	if len(open) > 0 && len(m.numbers) > 0 { // in rounds: a first read of a large folder gets on, and stops, a round at a time
		hits, err := c.Search(box, open, m.numbers)
		if err != nil {
			return nil, err
		}
		for i := range cands {
			if cands[i].why == "" && hits.Contains(cands[i].UID) {
				cands[i].why = "names a recorded order or tracking number"
			}
		}
	}
	cands = slices.DeleteFunc(cands, func(c chosen) bool { return c.why == "" })
	var ids []string
	for _, c := range cands {
		ids = append(ids, c.e.MessageID)
	}
	r.Purchase += len(cands)
	known, err := m.s.DB.KnownMessages(ctx, ids)
	if err != nil {
		return nil, err
	}
	var take []mailbox.Head
	for _, c := range cands {
		tooLarge := fmt.Errorf("%w (%d MB by the server's count; import email takes up to %d MB)", evidence.ErrTooLarge, c.Size>>20, mailLimits.Message>>20)
		switch {
		case c.e.MessageID != "" && known[c.e.MessageID]:
			r.Known++
		case m.dry:
			if c.Size > mailLimits.Message {
				c.why = "would be skipped: " + tooLarge.Error()
			}
			r.Listed = append(r.Listed, MailListed{UID: c.UID, Date: c.e.Date, From: c.e.From, Subject: c.e.Subject, Why: c.why})
		case c.Size > mailLimits.Message:
			m.imp.Skip(label(r, c.UID), tooLarge)
		default:
			take = append(take, c.Head)
		}
	}
	return take, nil
}

// label names a mail in what an import tells.
func label(r *FolderRead, uid uint32) string {
	return fmt.Sprintf("%s %s uid %d", r.Login, r.Folder, uid)
}

// sender says why a mail's sender makes it a purchase mail, or "" when
// it does not: a marketplace, payment service, bank or carrier the vault
// knows, or a seller who has written before.
func (m *MailRun) sender(e evidence.Email, headerErr error) string {
	if headerErr != nil {
		return ""
	}
	if party, ok := vault.PurchaseSender(e.From); ok {
		return map[vault.Party]string{vault.PartyMarketplace: "a marketplace", vault.PartyBank: "a payment service or bank",
			vault.PartyCarrier: "a carrier"}[party]
	}
	if m.sellers[vault.Address(e.From)] {
		return "a seller who wrote before"
	}
	return ""
}

// fetchGroups splits the mails to fetch into commands of at most
// fetchMails mails and about fetchBytes by the server's count.
func fetchGroups(take []mailbox.Head) [][]uint32 {
	var out [][]uint32
	var cur []uint32
	var bytes int64
	for _, h := range take {
		if len(cur) > 0 && (len(cur) == fetchMails || bytes+h.Size > fetchBytes) {
			out, cur, bytes = append(out, cur), nil, 0
		}
		cur, bytes = append(cur, h.UID), bytes+h.Size
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
