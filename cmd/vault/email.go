package main

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

	"github.com/spf13/cobra"

	"vault/evidence"
	"vault/internal/date"
	"vault/internal/money"
	"vault/store"
)

func newImportEmailCmd(a *app) *cobra.Command {
	var orderRefs, caseRefs []string
	var asJSON, createOrders bool
	cmd := &cobra.Command{
		Use:   "email FILE... [--order ID] [--case ID] [--create-orders]",
		Short: "Import emails from .eml files, mbox files or standard input",
		Long: `Import emails: .eml files, mbox files (mboxrd or mboxo, as Thunderbird, Gmail's
Takeout and mail servers write them) and '-' for standard input. Each message
is kept byte for byte (so its DKIM signature and Received headers stay
provable) with its sender, recipients, date, subject and text; an HTML-only
message is also kept as text. Attachments are stored as evidence of their own
under the email. Charsets and encodings are converted to UTF-8.

A message whose subject or text holds the number of a recorded order is
linked to that order; --order and --case link every message as well. With
--create-orders, an order confirmation from AliExpress, Temu, Amazon or eBay
whose order is not recorded yet creates it (marketplace, number, total, date). A
message already imported (same Message-ID or same bytes) is not stored
again. A malformed message is reported and skipped, and the rest go on; the
command then exits 1. Messages are recorded in batches (up to 200, or what one
second brings), each batch in one transaction: an interrupted import keeps the
batches it finished and can simply be run again.`,
		Example: `  vault import email confirmation.eml
  vault import email ~/Downloads/Takeout/Mail/AliExpress.mbox
  vault import email - --order ORD-1 < message.eml`,
		Args: atLeastOne("at least one file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, files []string) error {
			v, links, err := a.openLinked(cmd.Context(), orderRefs, caseRefs)
			if err != nil {
				return err
			}
			imp := &importer{a: a, v: v, links: links, asJSON: asJSON, createOrders: createOrders}
			for _, f := range files {
				if err := imp.file(cmd.Context(), f); err != nil {
					imp.refuse(f, err)
				}
			}
			imp.flush(cmd.Context())
			return imp.summary()
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&orderRefs, "order", nil, "link every message to this order too (repeatable)")
	f.StringArrayVar(&caseRefs, "case", nil, "link every message to this case too (repeatable)")
	f.BoolVar(&createOrders, "create-orders", false, "create orders from recognised order confirmation mails")
	f.BoolVar(&asJSON, "json", false, "print one JSON object per message")
	return cmd
}

// importer parses and stores messages one by one, records them in batches
// and keeps the tally.
type importer struct {
	a                    *app
	v                    *vault
	links                store.Links
	asJSON, createOrders bool
	added, dup, refused  int
	batch                []store.EmailImport
	labels               []string
	since                time.Time // when the batch's first message came
}

// A batch is recorded when it holds batchSize messages or is batchTime old.
const (
	batchSize = 200
	batchTime = time.Second
)

// file imports an .eml file, an mbox file, or standard input ("-").
func (imp *importer) file(ctx context.Context, path string) error {
	var r io.Reader = imp.a.stdin
	if path != "-" {
		f, err := openRegular(path)
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
			imp.refuse(label, err)
		case err != nil:
			return err
		default:
			imp.message(ctx, label, "", raw)
		}
	}
}

// message parses and stores one raw message and adds it to the batch.
func (imp *importer) message(ctx context.Context, label, fileName string, raw []byte) {
	item, err := imp.prepare(label, fileName, raw)
	if err != nil {
		imp.refuse(label, err)
		return
	}
	if len(imp.batch) == 0 {
		imp.since = time.Now()
	}
	imp.batch, imp.labels = append(imp.batch, item), append(imp.labels, label)
	if len(imp.batch) >= batchSize || time.Since(imp.since) >= batchTime {
		imp.flush(ctx)
	}
}

// prepare parses a raw message, stores its bytes and attachments, and
// describes the order it confirms when asked to create orders.
func (imp *importer) prepare(label, fileName string, raw []byte) (store.EmailImport, error) {
	m, err := evidence.ParseEmail(raw)
	if err != nil {
		return store.EmailImport{}, err
	}
	e, err := imp.store(m, fileName, raw)
	if err != nil {
		return store.EmailImport{}, err
	}
	item := store.EmailImport{Email: e}
	if c, ok := evidence.RecogniseOrder(m); ok && imp.createOrders {
		item.Order = imp.order(label, c)
	}
	return item, nil
}

// flush records the batch and reports each message of it; when the batch
// cannot be recorded at all, each of its messages is reported skipped.
func (imp *importer) flush(ctx context.Context) {
	if len(imp.batch) == 0 {
		return
	}
	results, err := imp.v.db.ImportEmails(ctx, imp.batch, imp.links)
	batch, labels := imp.batch, imp.labels
	imp.batch, imp.labels = nil, nil
	if err != nil {
		for _, l := range labels {
			imp.refuse(l, err)
		}
		return
	}
	for i, r := range results {
		switch {
		case r.Err != nil:
			imp.refuse(labels[i], r.Err)
			continue
		case r.Created != 0:
			o := batch[i].Order
			fmt.Fprintf(imp.a.stderr, "vault: %s: created %s (%s %s %s) from the order confirmation\n",
				labels[i], r.Created, o.Marketplace, o.Number, o.Total)
		}
		imp.report(labels[i], r.EmailAdded)
	}
}

// store writes the raw message and its attachments to the blob store.
func (imp *importer) store(m evidence.Email, fileName string, raw []byte) (store.Email, error) {
	st, err := imp.v.blobs.Put(bytes.NewReader(raw))
	if err != nil {
		return store.Email{}, err
	}
	msg := store.Evidence{Kind: "email", Source: "email", Party: evidence.Party(m.From),
		Title: cmp.Or(m.Subject, "(no subject)"), Body: m.Text, FileName: fileName,
		MessageID: m.MessageID, From: m.From, To: m.To,
		Blob: &store.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: "message/rfc822"}}
	if !m.Date.IsZero() {
		msg.OccurredAt = date.Instant(m.Date)
	}
	e := store.Email{Message: msg}
	for _, att := range m.Attachments {
		st, err := imp.v.blobs.Put(bytes.NewReader(att.Data))
		if err != nil {
			return store.Email{}, err
		}
		media := evidence.Detect(st.Head, att.Name)
		e.Attachments = append(e.Attachments, store.Evidence{Kind: evidence.KindFor(media.Type), Source: "email",
			OccurredAt: msg.OccurredAt, Party: msg.Party, Title: att.Name, FileName: att.Name,
			Blob: &store.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: media.Type}})
	}
	return e, nil
}

// order is the order a confirmation describes; the batch creates it unless
// its number is recorded already, and the email is then linked to it.
func (imp *importer) order(label string, c evidence.Confirmation) *store.Order {
	o := &store.Order{Marketplace: c.Marketplace, Number: c.Number, Note: "created from its confirmation mail"}
	if !c.Ordered.IsZero() {
		o.Ordered = date.Day(c.Ordered.In(imp.a.loc))
	}
	if c.Total != "" {
		total, err := money.Parse(c.Total)
		if err != nil {
			fmt.Fprintf(imp.a.stderr, "vault: %s: total %q not understood; order recorded without it\n", label, c.Total)
		}
		o.Total = total
	}
	return o
}

func (imp *importer) report(label string, added store.EmailAdded) {
	a := imp.a
	if added.Duplicate {
		imp.dup++
		fmt.Fprintf(a.stderr, "vault: %s: already imported as %s\n", label, added.ID)
	} else {
		imp.added++
	}
	if len(added.Matched) > 0 {
		fmt.Fprintf(a.stderr, "vault: %s: %s linked to %s (order number found in the mail)\n", label, added.ID, joinIDs(added.Matched))
	}
	if imp.asJSON {
		printJSONLine(a.stdout, struct {
			Source string `json:"source"`
			store.EmailAdded
		}{label, added})
		return
	}
	fmt.Fprintln(a.stdout, added.ID)
}

func (imp *importer) refuse(label string, err error) {
	imp.refused++
	fmt.Fprintf(imp.a.stderr, "vault: %s: skipped: %s\n", label, oneLine(err))
	if imp.asJSON {
		printJSONLine(imp.a.stdout, map[string]string{"source": label, "error": oneLine(err)})
	}
}

func (imp *importer) summary() error {
	all := imp.added + imp.dup + imp.refused
	fmt.Fprintf(imp.a.stderr, "vault: %s: %d imported, %d duplicate, %d skipped\n", plural(all, "message"), imp.added, imp.dup, imp.refused)
	if imp.refused > 0 {
		return fmt.Errorf("%d of %d messages skipped", imp.refused, all)
	}
	return nil
}
