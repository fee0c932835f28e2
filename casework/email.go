package casework

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/date"
	"vault/internal/money"
	"vault/internal/testpoint"
	"vault/pages"
	"vault/store"
)

// Imported is what became of one message of an import.
type Imported struct {
	Source     string            // the file, or "FILE message N" in an mbox
	Added      vault.EmailAdded  // when Err is nil
	Created    *vault.Order      // an order created from its confirmation, with its id
	Understood *vault.Understood // what its notice filled and suggested, for a new mail that is one
	Notes      []string          // what the user should know, though it was imported
	Err        error             // skipped, with the reason
}

// Importer imports mail: it parses and stores messages one by one and
// records them in batches, telling each message's fate to a callback.
type Importer struct {
	s                          *Service
	links                      vault.Links
	createOrders               bool
	done                       func(Imported)
	batch                      []store.EmailImport
	pending                    []Imported // the batch's messages, reported once recorded
	since                      time.Time  // when the batch's first message came
	Added, Duplicates, Skipped int
}

// A batch is recorded when it holds batchSize messages or is batchTime old:
// an mbox of 10,000 messages must not hold the write lock for minutes.
const (
	batchSize = 200
	batchTime = time.Second
)

// NewImporter imports messages linked to links (and to every recorded
// order whose number they mention); with createOrders, a recognised order
// confirmation creates its order. A new message that is a marketplace's or
// PayPal's notice (evidence.Recognise) fills what the records it names
// leave empty and suggests the rest (see store's understand). done hears
// of every message.
func (s *Service) NewImporter(links vault.Links, createOrders bool, done func(Imported)) *Importer {
	return &Importer{s: s, links: links, createOrders: createOrders, done: done}
}

// File imports an .eml file, an mbox file, or r when path is "-".
func (imp *Importer) File(ctx context.Context, path string, stdin io.Reader) error {
	r := stdin
	if path != "-" {
		f, err := OpenRegular(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(5)
	if !evidence.IsMbox(head) {
		raw, err := io.ReadAll(io.LimitReader(br, evidence.MaxMessage+1))
		if err == nil && len(raw) > evidence.MaxMessage {
			err = evidence.ErrTooLarge
		}
		if err != nil {
			return err
		}
		imp.message(ctx, path, filepath.Base(path), raw)
		return nil
	}
	mbox := evidence.NewMbox(br)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := mbox.Next()
		label := fmt.Sprintf("%s message %d", path, n)
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, evidence.ErrTooLarge):
			imp.Skip(label, err)
		case err != nil:
			return err
		default:
			imp.message(ctx, label, "", raw)
		}
		testpoint.Reach("email.message") // a message boundary: where an interrupt stops
	}
}

// CountMessages counts the messages of an .eml file (one) or an mbox
// file, so that an import can say how far it got. It is 0 for standard
// input and for a file it cannot read (the import then says why).
func CountMessages(path string) int {
	if path == "-" {
		return 0
	}
	f, err := OpenRegular(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	if head, _ := br.Peek(5); !evidence.IsMbox(head) {
		return 1
	}
	mbox := evidence.NewMbox(br)
	n := 0
	for {
		_, err := mbox.Next()
		if err == io.EOF {
			return n
		}
		if err != nil && !errors.Is(err, evidence.ErrTooLarge) {
			return n
		}
		n++
	}
}

// Skip reports a message or a file that could not be imported, in its
// place among the messages of the batch.
func (imp *Importer) Skip(source string, err error) {
	imp.pending = append(imp.pending, Imported{Source: source, Err: err})
	if len(imp.batch) == 0 {
		imp.report(nil, nil, nil)
	}
}

// maxForwarded bounds how deeply forwarded messages are followed.
const maxForwarded = 3

// message parses and stores one raw message and adds it to the batch.
func (imp *Importer) message(ctx context.Context, source, fileName string, raw []byte) {
	imp.messageAt(ctx, source, fileName, raw, 0)
}

// messageAt imports a message and then, as messages of their own, those it
// carries forwarded as attachments: the seller's original, with its own
// sender, date and subject, is the evidence; the forwarding mail is kept too.
func (imp *Importer) messageAt(ctx context.Context, source, fileName string, raw []byte, depth int) {
	item, notes, forwarded, err := imp.prepare(fileName, raw)
	if err != nil {
		imp.Skip(source, err)
		return
	}
	defer func() {
		if depth >= maxForwarded {
			return
		}
		for i, inner := range forwarded {
			imp.messageAt(ctx, fmt.Sprintf("%s, forwarded message %d", source, i+1), fileName, inner, depth+1)
		}
	}()
	if len(imp.batch) == 0 {
		imp.since = time.Now()
	}
	imp.batch = append(imp.batch, item)
	imp.pending = append(imp.pending, Imported{Source: source, Notes: notes})
	if len(imp.batch) >= batchSize || time.Since(imp.since) >= batchTime {
		imp.Flush(ctx)
	}
}

// prepare parses a raw message, stores its bytes and attachments, reads
// the notice it is, and describes the order it confirms when asked to
// create orders.
func (imp *Importer) prepare(fileName string, raw []byte) (store.EmailImport, []string, [][]byte, error) {
	m, err := evidence.ParseEmail(raw)
	if err != nil {
		return store.EmailImport{}, nil, nil, err
	}
	e, notes, err := imp.store(m, fileName, raw)
	if err != nil {
		return store.EmailImport{}, nil, nil, err
	}
	item := store.EmailImport{Email: e}
	n, ok := evidence.Recognise(m, imp.s.Loc)
	if !ok {
		return item, notes, m.Forwarded, nil
	}
	item.Notice = &n
	if c, ok := evidence.RecogniseOrder(m); ok && n.Kind == vault.NoticeOrdered && imp.createOrders {
		var note string
		item.Order, note = imp.order(c)
		if note != "" {
			notes = append(notes, note)
		}
	}
	return item, notes, m.Forwarded, nil
}

// Flush records the batch and reports each of its messages; when the batch
// cannot be recorded at all, each of its messages is reported skipped. An
// interrupt does not stop it: the batch's files are stored already, and a
// batch takes at most a second, so the import ends with a record for every
// file it wrote.
func (imp *Importer) Flush(ctx context.Context) {
	if len(imp.batch) == 0 {
		imp.report(nil, nil, nil)
		return
	}
	results, err := imp.s.DB.ImportEmails(context.WithoutCancel(ctx), imp.batch, imp.links)
	imp.report(imp.batch, results, err)
}

// report tells the pending messages' fate, in order: those of the batch
// from results (or err, when the batch failed as a whole).
func (imp *Importer) report(batch []store.EmailImport, results []store.EmailImported, err error) {
	pending := imp.pending
	imp.batch, imp.pending = nil, nil
	i := 0 // the next message of the batch
	for _, p := range pending {
		if p.Err == nil {
			switch {
			case err != nil:
				p.Err = err
			case results[i].Err != nil:
				p.Err = results[i].Err
			default:
				p.Added, p.Understood = results[i].EmailAdded, results[i].Understood
				if results[i].Created != 0 {
					p.Created = batch[i].Order
					p.Created.ID = results[i].Created
				}
			}
			i++
		}
		switch {
		case p.Err != nil:
			imp.Skipped++
		case p.Added.Duplicate:
			imp.Duplicates++
		default:
			imp.Added++
		}
		imp.done(p)
	}
}

// store writes the raw message and its attachments to the blob store. A
// picture that attach would refuse (a decompression bomb, a picture that
// does not decode) is not kept as a file of its own: it stays inside the
// raw message, and a note says so.
func (imp *Importer) store(m evidence.Email, fileName string, raw []byte) (vault.Email, []string, error) {
	st, err := imp.s.Blobs.Put(bytes.NewReader(raw))
	if err != nil {
		return vault.Email{}, nil, err
	}
	msg := vault.Evidence{Kind: vault.EvidenceEmail, Source: vault.SourceEmail, Party: evidence.Party(m.From),
		Title: cmp.Or(m.Subject, "(no subject)"), Body: m.Text, FileName: fileName,
		MessageID: m.MessageID, From: m.From, To: m.To,
		Blob: &vault.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: "message/rfc822"}}
	if !m.Date.IsZero() {
		msg.OccurredAt = date.Instant(m.Date)
	}
	e := vault.Email{Message: msg}
	var notes []string
	for _, att := range m.Attachments {
		media := evidence.Detect(att.Data, att.Name) // it reads the head
		if evidence.Class(media.Type) == evidence.ClassImage {
			open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(att.Data)), nil }
			if _, err := evidence.DecodeImage(open); err != nil {
				notes = append(notes, fmt.Sprintf("attachment %q is kept only inside the message: %v", att.Name, err))
				continue
			}
		}
		st, err := imp.s.Blobs.Put(bytes.NewReader(att.Data))
		if err != nil {
			return vault.Email{}, nil, err
		}
		a := vault.Evidence{Kind: evidence.KindFor(media.Type), Source: vault.SourceEmail,
			OccurredAt: msg.OccurredAt, Party: msg.Party, Title: att.Name, FileName: att.Name,
			Blob: &vault.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: media.Type}}
		if mayBePage(media.Type) {
			if p, ok := pages.Read(att.Data); ok {
				asPage(&a, p, false)
				a.Party = vault.PartyUnknown // the page's, not the sender's
			}
		}
		e.Attachments = append(e.Attachments, a)
	}
	return e, notes, nil
}

// order is the order a confirmation describes; the batch creates it unless
// its number is recorded already, and the email is then linked to it.
func (imp *Importer) order(c evidence.Confirmation) (*vault.Order, string) {
	o := &vault.Order{Marketplace: c.Marketplace, Number: c.Number, Seller: c.Seller, Note: "created from its confirmation mail"}
	if !c.Ordered.IsZero() {
		o.Ordered = date.Day(c.Ordered.In(imp.s.Loc))
	}
	note := ""
	if c.Total != "" {
		total, err := money.Parse(c.Total)
		if err != nil {
			note = fmt.Sprintf("total %q not understood; order recorded without it", c.Total)
		}
		o.Total = total
	}
	return o, note
}
