package casework

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/dovecot"
	"vault/internal/testpoint"
	"vault/mailbox"
	"vault/store"
)

// purchase is an AliExpress mail about order n, with a file of size
// bytes attached.
func purchase(n, size int) []byte {
	noise := make([]byte, size)
	for i := range noise {
		noise[i] = byte(i*7 + i/251)
	}
	return []byte(fmt.Sprintf("From: AliExpress <transaction@notice.aliexpress.com>\r\nTo: kari@example.no\r\n"+
		"Subject: Order 81234567%08d shipped\r\nDate: Mon, 5 Oct 2026 10:00:00 +0800\r\nMessage-ID: <%d.shipped@notice.aliexpress.com>\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"+
		"Your order has shipped.\r\n--b\r\nContent-Type: application/octet-stream; name=\"data%d.bin\"\r\n"+
		"Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n", n, n, n, base64.StdEncoding.EncodeToString(noise)))
}

// mailRun reads a Dovecot's folder once, as 'vault import imap' does.
func mailRun(t *testing.T, s *Service, srv *dovecot.Server, f vault.MailFolder) (*Importer, []FolderRead, error) {
	t.Helper()
	ctx := context.Background()
	acc, err := s.DB.RememberMailAccount(ctx, vault.MailAccount{Server: srv.Addr, Login: dovecot.User, Security: vault.MailPlain,
		Auth: vault.MailPassword, Folders: []vault.MailFolder{f}})
	if err != nil {
		t.Fatal(err)
	}
	run, err := s.NewMailRun(ctx, false, false, func(Imported) {})
	if err != nil {
		t.Fatal(err)
	}
	var reads []FolderRead
	err = run.Account(ctx, acc, dovecot.Password, func(r FolderRead) { reads = append(reads, r) })
	return run.Importer(), reads, err
}

func emails(t *testing.T, s *Service) int {
	t.Helper()
	list, err := s.DB.ListEvidence(context.Background(), store.EvidenceFilter{Kind: vault.EvidenceEmail})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// TestMailRenumbered: a folder the server numbers anew (a new UIDVALIDITY)
// is read from its start, and the mails the vault holds are not fetched
// again.
func TestMailRenumbered(t *testing.T) {
	srv := dovecot.Start(t, dovecot.Options{})
	s := testVault(t)
	srv.Append(t, "Purchases", purchase(1, 100), purchase(2, 100), []byte("From: ola@example.no\r\nSubject: Hei\r\n\r\nHei!\r\n"))
	imp, reads, err := mailRun(t, s, srv, vault.MailFolder{Name: "Purchases", All: true})
	if err != nil || imp.Added != 3 || reads[0].New != 3 || reads[0].Renumbered {
		t.Fatalf("first run: %d added, %+v, %v", imp.Added, reads, err)
	}
	old, renewed := srv.Renumber(t, "Purchases")
	if old == renewed {
		t.Fatalf("UIDVALIDITY %d did not change", old)
	}
	srv.Append(t, "Purchases", purchase(3, 100))
	imp, reads, err = mailRun(t, s, srv, vault.MailFolder{Name: "Purchases", All: true})
	if err != nil || !reads[0].Renumbered || reads[0].New != 4 || reads[0].Known != 2 || imp.Added != 1 || imp.Duplicates != 1 {
		// The mail without a Message-ID is fetched again, and known by its bytes.
		t.Fatalf("after renumbering: %d added, %d duplicate, %+v, %v", imp.Added, imp.Duplicates, reads, err)
	}
	accs, _ := s.DB.MailAccounts(context.Background())
	if f := accs[0].Folders[0]; f.UIDValidity != renewed || f.LastUID != 4 {
		t.Errorf("position %+v, want UIDVALIDITY %d, last UID 4", f, renewed)
	}
	if n := emails(t, s); n != 4 {
		t.Errorf("%d mails in the vault, want 4", n)
	}
}

// TestMailDroppedConnection: the server dies while a fetch is under way
// (killed at the third mail handed on, with more than the sockets hold
// still to come). What came is recorded, the position goes no further,
// and the next run brings the rest, each mail once.
func TestMailDroppedConnection(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 12 MB through Dovecot")
	}
	srv := dovecot.Start(t, dovecot.Options{})
	s := testVault(t)
	const n = 30
	var mails [][]byte
	for i := range n {
		mails = append(mails, purchase(i, 300<<10))
	}
	srv.Append(t, "INBOX", mails...)
	handed := 0
	testpoint.SetHook(func(name string) {
		if name == "imap.message" {
			if handed++; handed == 3 {
				srv.Kill()
			}
		}
	})
	defer testpoint.SetHook(nil)
	imp, _, err := mailRun(t, s, srv, vault.MailFolder{Name: "INBOX"})
	testpoint.SetHook(nil)
	if err == nil {
		t.Fatal("the run went on without its server")
	}
	first := imp.Added
	t.Logf("the first run brought %d of %d: %v", first, n, err)
	if first < 3 || first >= n || emails(t, s) != first {
		t.Fatalf("first run: %d imported, %d in the vault; %v", first, emails(t, s), err)
	}
	accs, _ := s.DB.MailAccounts(context.Background())
	if last := accs[0].Folders[0].LastUID; last != uint32(first) {
		t.Errorf("position %d after %d mails recorded", last, first)
	}

	srv.Restart(t)
	imp, reads, err := mailRun(t, s, srv, vault.MailFolder{Name: "INBOX"})
	if err != nil || imp.Added != n-first || imp.Duplicates != 0 || reads[0].Known != 0 || emails(t, s) != n {
		t.Fatalf("second run: %d added, %d duplicate, %+v, %d in the vault; %v", imp.Added, imp.Duplicates, reads, emails(t, s), err)
	}
}

// TestMailTooLarge: a mail over the size an import takes (by the server's
// count) is skipped with a note and not fetched; the rest come.
func TestMailTooLarge(t *testing.T) {
	srv := dovecot.Start(t, dovecot.Options{})
	s := testVault(t)
	srv.Append(t, "INBOX", purchase(1, 100), purchase(2, 20<<10), purchase(3, 100))
	defer func(l mailbox.Limits) { mailLimits = l }(mailLimits)
	mailLimits.Message = 10 << 10
	var skipped []Imported
	ctx := context.Background()
	acc, _ := s.DB.RememberMailAccount(ctx, vault.MailAccount{Server: srv.Addr, Login: dovecot.User, Security: vault.MailPlain,
		Auth: vault.MailPassword, Folders: []vault.MailFolder{{Name: "INBOX"}}})
	run, err := s.NewMailRun(ctx, false, false, func(m Imported) {
		if m.Err != nil {
			skipped = append(skipped, m)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	err = run.Account(ctx, acc, dovecot.Password, func(FolderRead) {})
	imp := run.Importer()
	if err != nil || imp.Added != 2 || imp.Skipped != 1 || len(skipped) != 1 || !errors.Is(skipped[0].Err, evidence.ErrTooLarge) ||
		!strings.HasSuffix(skipped[0].Source, "INBOX uid 2") {
		t.Fatalf("%d added, %d skipped: %+v; %v", imp.Added, imp.Skipped, skipped, err)
	}
	accs, _ := s.DB.MailAccounts(ctx)
	if last := accs[0].Folders[0].LastUID; last != 3 {
		t.Errorf("position %d: the skipped mail holds it back", last)
	}
}

// TestMailPurchaseOnly: the purchase mails come (by sender, by a seller
// known, by a recorded number the server finds in an encoded body);
// personal mail does not, not even as a row; a dry run fetches and
// records nothing.
func TestMailPurchaseOnly(t *testing.T) {
	srv := dovecot.Start(t, dovecot.Options{})
	s := testVault(t)
	ctx := context.Background()
	addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-211-09876543210987654", Tracking: []string{"UH123456789NO"}})
	if _, err := s.DB.AddEvidence(ctx, []vault.Evidence{{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Party: vault.PartySeller,
		From: "Shenzhen Gadget <gadget.store@163.example>", Body: "Please wait 30 days"}}, vault.Links{Orders: []vault.OrderID{1}}); err != nil {
		t.Fatal(err)
	}
	hidden := base64.StdEncoding.EncodeToString([]byte("<p>Sporingsnummer: <b>UH123456789NO</b></p>"))
	srv.Append(t, "INBOX",
		[]byte("From: Posten <varsling@posten.no>\r\nSubject: Pakken er levert\r\nMessage-ID: <1@posten.no>\r\n\r\nLevert.\r\n"),
		[]byte("From: gadget.store@163.example\r\nSubject: About your order\r\nMessage-ID: <2@163.example>\r\n\r\nShipped today.\r\n"),
		[]byte("From: Kari <kari@example.no>\r\nSubject: Fwd: pakke\r\nMessage-ID: <3@example.no>\r\nMIME-Version: 1.0\r\n"+
			"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"+hidden+"\r\n"),
		[]byte("From: Ola <ola@example.no>\r\nSubject: Middag?\r\nMessage-ID: <4@example.no>\r\n\r\nKommer du?\r\n"),
		[]byte("From: AliExpress Deals <deals@aliexpress-deals.example>\r\nSubject: 90% off\r\nMessage-ID: <5@deals>\r\n\r\nBuy!\r\n"),
	)
	acc, _ := s.DB.RememberMailAccount(ctx, vault.MailAccount{Server: srv.Addr, Login: dovecot.User, Security: vault.MailPlain,
		Auth: vault.MailPassword, Folders: []vault.MailFolder{{Name: "INBOX"}}})

	dry, err := s.NewMailRun(ctx, false, true, func(m Imported) { t.Errorf("a dry run imported %+v", m) })
	if err != nil {
		t.Fatal(err)
	}
	var read FolderRead
	if err := dry.Account(ctx, acc, dovecot.Password, func(r FolderRead) { read = r }); err != nil {
		t.Fatal(err)
	}
	var whys []string
	for _, l := range read.Listed {
		whys = append(whys, fmt.Sprint(l.UID, " ", l.Why))
	}
	if got := strings.Join(whys, "; "); got != "1 a carrier; 2 a seller who wrote before; 3 names a recorded order or tracking number" {
		t.Errorf("dry run lists %s", got)
	}
	if accs, _ := s.DB.MailAccounts(ctx); accs[0].Folders[0].LastUID != 0 || emails(t, s) != 0 {
		t.Errorf("a dry run recorded something: %+v", accs)
	}

	run, err := s.NewMailRun(ctx, false, false, func(Imported) {})
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Account(ctx, acc, dovecot.Password, func(r FolderRead) { read = r }); err != nil {
		t.Fatal(err)
	}
	if run.Importer().Added != 3 || read.New != 5 || read.Purchase != 3 {
		t.Errorf("%d imported of %+v", run.Importer().Added, read)
	}
	for _, q := range []string{"Middag", "Kommer", "Deals", "ola@example.no"} {
		if res, err := s.DB.Search(ctx, q, 10); err != nil || len(res.Hits) != 0 {
			t.Errorf("personal mail found by %q: %+v %v", q, res.Hits, err)
		}
	}
}

// BenchmarkMailRun reads a folder of 1,000 purchase mails (20 KB each,
// like a marketplace's HTML mail) and 1,000 personal ones from Dovecot
// into an empty vault: headers, the server's search, fetching and
// importing the purchase mails.
func BenchmarkMailRun(b *testing.B) {
	srv := dovecot.Start(b, dovecot.Options{})
	var mails [][]byte
	for i := range 1000 {
		mails = append(mails, purchase(i, 15<<10),
			[]byte(fmt.Sprintf("From: Ola <ola@example.no>\r\nSubject: Hei %d\r\nMessage-ID: <%d@example.no>\r\n\r\nKommer du?\r\n", i, i)))
	}
	srv.Append(b, "INBOX", mails...)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s, err := Create(ctx, b.TempDir()+"/v", time.Now, time.UTC)
		if err != nil {
			b.Fatal(err)
		}
		addOrder(b, s, vault.Order{Marketplace: vault.AliExpress, Number: "8123456700000001"})
		run, err := s.NewMailRun(ctx, false, false, func(Imported) {})
		if err != nil {
			b.Fatal(err)
		}
		acc := vault.MailAccount{Server: srv.Addr, Login: dovecot.User, Security: vault.MailPlain, Auth: vault.MailPassword,
			Folders: []vault.MailFolder{{Name: "INBOX"}}}
		b.StartTimer()
		if err := run.Account(ctx, acc, dovecot.Password, func(FolderRead) {}); err != nil || run.Importer().Added != 1000 {
			b.Fatalf("%d imported: %v", run.Importer().Added, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
