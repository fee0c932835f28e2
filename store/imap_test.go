package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vault"
)

func TestMailAccounts(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	gmail := vault.MailAccount{Server: "imap.gmail.com:993", Login: "kari@gmail.com", Security: vault.MailTLS,
		Auth: vault.MailPassword, Command: "pass show mail/gmail", Folders: []vault.MailFolder{{Name: "INBOX"}}}
	got, err := db.RememberMailAccount(ctx, gmail)
	if err != nil || !cmp.Equal(got, gmail) {
		t.Fatalf("remembered %+v, %v", got, err)
	}
	if err := db.SetMailPosition(ctx, gmail.Server, gmail.Login, "INBOX", 1796676964, 42); err != nil {
		t.Fatal(err)
	}

	// Named again: how it is reached is replaced, a folder is added, the
	// position of the one known stays.
	again := gmail
	again.Command, again.Folders = "", []vault.MailFolder{{Name: "Purchases", All: true}, {Name: "INBOX"}}
	got, err = db.RememberMailAccount(ctx, again)
	want := again
	want.Folders = []vault.MailFolder{{Name: "INBOX", UIDValidity: 1796676964, LastUID: 42}, {Name: "Purchases", All: true}}
	if err != nil || !cmp.Equal(got, want) {
		t.Fatalf("remembered again %+v, %v", got, err)
	}
	outlook := vault.MailAccount{Server: "outlook.office365.com:993", Login: "kari@outlook.com", Security: vault.MailTLS,
		Auth: vault.MailToken, Command: "oama access kari@outlook.com", Folders: []vault.MailFolder{{Name: "INBOX"}}}
	if _, err := db.RememberMailAccount(ctx, outlook); err != nil {
		t.Fatal(err)
	}
	all, err := db.MailAccounts(ctx)
	if err != nil || !cmp.Equal(all, []vault.MailAccount{want, outlook}) {
		t.Fatalf("accounts %+v, %v", all, err)
	}

	if err := db.ForgetMail(ctx, gmail.Server, gmail.Login, []string{"Purchases"}); err != nil {
		t.Fatal(err)
	}
	if err := db.ForgetMail(ctx, gmail.Server, gmail.Login, []string{"Purchases"}); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("forget a forgotten folder: %v", err)
	}
	if err := db.ForgetMail(ctx, outlook.Server, outlook.Login, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.ForgetMail(ctx, "imap.example.com:993", "nobody", nil); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("forget an unknown mailbox: %v", err)
	}
	all, _ = db.MailAccounts(ctx)
	if len(all) != 1 || len(all[0].Folders) != 1 || all[0].Folders[0].LastUID != 42 {
		t.Errorf("after forgetting: %+v", all)
	}
	if err := db.ForgetMail(ctx, gmail.Server, gmail.Login, []string{"INBOX"}); err != nil {
		t.Fatal(err)
	}
	if all, _ = db.MailAccounts(ctx); len(all) != 0 {
		t.Errorf("a mailbox without folders is remembered: %+v", all)
	}

	bad := gmail
	bad.Folders = nil
	bad.Security = "ssl"
	if _, err := db.RememberMailAccount(ctx, bad); err == nil {
		t.Error("a security the schema does not know was kept")
	}
}

func TestMailSieve(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o1, _ := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "8123456789012345", Tracking: []string{"LP00123456789CN"}})
	o2, _ := db.AddOrder(ctx, vault.Order{Marketplace: "temu", Number: "PO-211-09876543210987654"})
	if err := db.Retract(ctx, o2.String(), "typed by mistake"); err != nil {
		t.Fatal(err)
	}
	mails := []vault.Evidence{
		{Kind: vault.EvidenceEmail, Source: vault.SourceEmail, From: "Shop <Shop@Example.CN>", MessageID: "a@x"}, // about the order, placed once the buyer's addresses are known
		{Kind: vault.EvidenceEmail, Source: vault.SourceEmail, From: "Kari <kari@example.no>", MessageID: "b@x"}, // the buyer's own
		{Kind: vault.EvidenceEmail, Source: vault.SourceEmail, From: "other@example.com", Party: vault.PartySeller, MessageID: "c@x"},
		{Kind: vault.EvidenceEmail, Source: vault.SourceEmail, From: "notice@aliexpress.com", Party: vault.PartyMarketplace},
	}
	if _, err := db.AddEvidence(ctx, mails, vault.Links{Orders: []vault.OrderID{o1}}); err != nil {
		t.Fatal(err)
	}
	s, err := db.MailSieve(ctx)
	slices.Sort(s.Numbers)
	if err != nil || !cmp.Equal(s.Numbers, []string{"8123456789012345", "LP00123456789CN"}) || !cmp.Equal(s.Sellers, []string{"other@example.com"}) {
		t.Fatalf("sieve %+v, %v", s, err)
	}
	if err := db.SetConfig(ctx, vault.SettingEmail, "kari@example.no"); err != nil {
		t.Fatal(err)
	}
	s, _ = db.MailSieve(ctx)
	slices.Sort(s.Sellers)
	if !cmp.Equal(s.Sellers, []string{"other@example.com", "shop@example.cn"}) {
		t.Errorf("sellers once the buyer's addresses are known: %v", s.Sellers)
	}

	known, err := db.KnownMessages(ctx, []string{"a@x", "c@x", "zzz@x", ""})
	if err != nil || !cmp.Equal(known, map[string]bool{"a@x": true, "c@x": true}) {
		t.Errorf("known %v, %v", known, err)
	}
	many := make([]string, 1200) // more than one query's worth
	many[1100] = "c@x"
	if known, err := db.KnownMessages(ctx, many); err != nil || !known["c@x"] {
		t.Errorf("known of 1,200: %v, %v", known, err)
	}
}
