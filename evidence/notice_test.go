package evidence

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

func noticeFixture(t testing.TB, name string) Email {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "notices", name))
	if err != nil {
		t.Fatal(err)
	}
	e, err := ParseEmail(raw)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func day(s string) date.Value {
	v, err := date.Stored(s)
	if err != nil {
		panic(err)
	}
	return v
}

// days compares dates by their stored form.
var days = cmp.Comparer(func(a, b date.Value) bool { return a.String() == b.String() })

func amt(s string) money.Money {
	m, err := money.Parse(s)
	if err != nil {
		panic(err)
	}
	return m
}

// TestRecogniseFixtures reads each marketplace's mails of each kind, and
// the mails that are no notice: a phishing mail with the very words of a
// restriction, from a domain that only contains the name, and a friend's.
func TestRecogniseFixtures(t *testing.T) {
	const ali, temu, amz, ebay = "8140123456789012", "PO-211-04827365019283746", "302-4412907-5530021", "14-12045-33170"
	A, T, Z, E, P := vault.Notifier(vault.AliExpress), vault.Notifier(vault.Temu), vault.Notifier(vault.Amazon), vault.Notifier(vault.EBay), vault.PayPal
	tests := []struct {
		file string
		want vault.Notice
		ok   bool
	}{
		{"aliexpress-confirmation.eml", vault.Notice{Kind: vault.NoticeOrdered, From: A, Marketplace: vault.AliExpress, Order: ali,
			Day: day("2026-02-02"), Total: amt("23.90 USD"), Seller: "Shenzhen Gadget Store"}, true},
		{"aliexpress-shipped.eml", vault.Notice{Kind: vault.NoticeShipped, From: A, Marketplace: vault.AliExpress, Order: ali,
			Day: day("2026-02-05"), Tracking: "LP00612345678901", Carrier: "Cainiao Super Economy Global"}, true},
		{"aliexpress-delivered.eml", vault.Notice{Kind: vault.NoticeDelivered, From: A, Marketplace: vault.AliExpress, Order: ali,
			Day: day("2026-02-18"), Tracking: "LP00612345678901"}, true},
		{"aliexpress-dispute-opened.eml", vault.Notice{Kind: vault.NoticeDisputeOpened, From: A, Marketplace: vault.AliExpress, Order: ali,
			Day: day("2026-02-20"), Dispute: "5091234567890123"}, true},
		{"aliexpress-dispute-closed.eml", vault.Notice{Kind: vault.NoticeDisputeDecided, From: A, Marketplace: vault.AliExpress, Order: ali,
			Day: day("2026-02-28"), Dispute: "5091234567890123", Outcome: vault.OutcomeWon, Refund: amt("23.90 USD")}, true},
		{"aliexpress-refund.eml", vault.Notice{Kind: vault.NoticeRefunded, From: A, Marketplace: vault.AliExpress, Order: ali,
			Day: day("2026-03-03"), Refund: amt("23.90 USD")}, true},
		{"aliexpress-restricted.eml", vault.Notice{Kind: vault.NoticeRestricted, From: A, Marketplace: vault.AliExpress,
			Day: day("2026-03-02"), Login: "kari.nordmann@example.no", Reason: "Abnormal dispute activity", AppealBy: day("2026-04-01")}, true},
		{"aliexpress-phishing.eml", vault.Notice{}, false},

		{"temu-confirmation.eml", vault.Notice{Kind: vault.NoticeOrdered, From: T, Marketplace: vault.Temu, Order: temu,
			Day: day("2026-02-03"), Total: amt("289.40 NOK")}, true},
		{"temu-shipped.eml", vault.Notice{Kind: vault.NoticeShipped, From: T, Marketplace: vault.Temu, Order: temu,
			Day: day("2026-02-06"), Tracking: "00370712345678901234", Carrier: "PostNord"}, true},
		{"temu-shipped-nb.eml", vault.Notice{Kind: vault.NoticeShipped, From: T, Marketplace: vault.Temu, Order: temu,
			Day: day("2026-02-07"), Tracking: "70712345678901234567", Carrier: "Posten Bring"}, true},
		{"temu-delivered-nb.eml", vault.Notice{Kind: vault.NoticeDelivered, From: T, Marketplace: vault.Temu, Order: temu,
			Day: day("2026-02-12")}, true},
		{"temu-refund.eml", vault.Notice{Kind: vault.NoticeRefunded, From: T, Marketplace: vault.Temu, Order: temu,
			Day: day("2026-02-16"), Refund: amt("89.90 NOK")}, true},

		{"amazon-confirmation.eml", vault.Notice{Kind: vault.NoticeOrdered, From: Z, Marketplace: vault.Amazon, Order: amz,
			Day: day("2026-02-03"), Total: amt("35.99 EUR"), Seller: "Anker EU"}, true},
		{"amazon-shipped-de.eml", vault.Notice{Kind: vault.NoticeShipped, From: Z, Marketplace: vault.Amazon, Order: amz,
			Day: day("2026-02-04"), Tracking: "00340434512345678901", Carrier: "DHL"}, true},
		{"amazon-delivered.eml", vault.Notice{Kind: vault.NoticeDelivered, From: Z, Marketplace: vault.Amazon, Order: amz,
			Day: day("2026-02-09")}, true},
		{"amazon-claim-opened.eml", vault.Notice{Kind: vault.NoticeDisputeOpened, From: Z, Marketplace: vault.Amazon, Order: amz,
			Day: day("2026-02-16")}, true},
		{"amazon-claim-decided.eml", vault.Notice{Kind: vault.NoticeDisputeDecided, From: Z, Marketplace: vault.Amazon, Order: amz,
			Day: day("2026-02-23"), Outcome: vault.OutcomeWon, Refund: amt("35.99 EUR")}, true},
		{"amazon-refund.eml", vault.Notice{Kind: vault.NoticeRefunded, From: Z, Marketplace: vault.Amazon, Order: amz,
			Day: day("2026-02-24"), Refund: amt("35.99 EUR")}, true},
		{"amazon-restricted.eml", vault.Notice{Kind: vault.NoticeRestricted, From: Z, Marketplace: vault.Amazon,
			Day: day("2026-03-05"), Login: "kari.nordmann@example.no", Reason: "unusual payment activity", AppealBy: day("2026-03-20")}, true},

		{"ebay-confirmation.eml", vault.Notice{Kind: vault.NoticeOrdered, From: E, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-04"), Total: amt("18.50 GBP"), Seller: "gadget_world_uk"}, true},
		{"ebay-shipped.eml", vault.Notice{Kind: vault.NoticeShipped, From: E, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-06"), Tracking: "RB123456789GB", Carrier: "Royal Mail"}, true},
		{"ebay-delivered.eml", vault.Notice{Kind: vault.NoticeDelivered, From: E, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-17")}, true},
		{"ebay-case-opened.eml", vault.Notice{Kind: vault.NoticeDisputeOpened, From: E, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-18"), Dispute: "5213456789"}, true},
		{"ebay-case-closed.eml", vault.Notice{Kind: vault.NoticeDisputeDecided, From: E, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-26"), Dispute: "5213456789", Outcome: vault.OutcomeWon, Refund: amt("18.50 GBP")}, true},
		{"ebay-restricted.eml", vault.Notice{Kind: vault.NoticeRestricted, From: E, Marketplace: vault.EBay, Day: day("2026-03-10"),
			Login: "kari_nordmann_77", Reason: "Too many cases closed without seller resolution", AppealBy: day("2026-03-24")}, true},

		{"paypal-dispute-opened.eml", vault.Notice{Kind: vault.NoticeDisputeOpened, From: P, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-19"), Dispute: "PP-D-12345678"}, true},
		{"paypal-dispute-decided.eml", vault.Notice{Kind: vault.NoticeDisputeDecided, From: P, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-27"), Dispute: "PP-D-12345678", Outcome: vault.OutcomeWon, Refund: amt("18.50 GBP")}, true},
		{"paypal-refund-nb.eml", vault.Notice{Kind: vault.NoticeRefunded, From: P, Marketplace: vault.EBay, Order: ebay,
			Day: day("2026-02-28"), Refund: amt("18.50 GBP")}, true},
		{"paypal-limited.eml", vault.Notice{Kind: vault.NoticeRestricted, From: P, Day: day("2026-03-11"), Login: "kari.nordmann@example.no",
			Reason: "We need more information about your recent transactions", AppealBy: day("2026-04-01")}, true},
		{"paypal-phishing.eml", vault.Notice{}, false},
		{"personal.eml", vault.Notice{}, false},
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "notices", "*.eml"))
	if len(files) != len(tests) {
		t.Errorf("%d fixtures, %d in the table", len(files), len(tests))
	}
	for _, tt := range tests {
		got, ok := Recognise(noticeFixture(t, tt.file), time.UTC)
		if ok != tt.ok || !cmp.Equal(got, tt.want, days) {
			t.Errorf("%s: Recognise = %v\n%s", tt.file, ok, cmp.Diff(tt.want, got, days))
		}
	}
}

// TestRecogniseNasty: inputs a mailbox holds, or a forger writes.
func TestRecogniseNasty(t *testing.T) {
	shipped := noticeFixture(t, "aliexpress-shipped.eml")
	with := func(change func(*Email)) Email {
		e := shipped
		change(&e)
		return e
	}
	head := "Order number: 8140123456789012\nTracking number: LP00612345678901\n"
	tests := []struct {
		name string
		mail Email
		ok   bool
		want func(vault.Notice) bool // checked when ok
	}{
		{"empty", Email{}, false, nil},
		{"a notifier, nothing else", Email{From: "transaction@notice.aliexpress.com"}, false, nil},
		{"the fixture", shipped, true, nil},
		{"upper-case domain", with(func(e *Email) { e.From = "AliExpress <TRANSACTION@NOTICE.ALIEXPRESS.COM>" }), true, nil},
		{"a domain containing the name", with(func(e *Email) { e.From = "AliExpress <transaction@aliexpress.com.evil.example>" }), false, nil},
		{"a name before the domain", with(func(e *Email) { e.From = "AliExpress <transaction@notice-aliexpress.com>" }), false, nil},
		{"the address as display name", with(func(e *Email) { e.From = "transaction@aliexpress.com <x@evil.example>" }), false, nil},
		{"two senders", with(func(e *Email) { e.From = "a@aliexpress.com, b@evil.example" }), false, nil},
		{"shipped without a tracking number", with(func(e *Email) { e.Text = "Order number: 8140123456789012\nYour package is on its way." }), false, nil},
		{"shipped without an order number", with(func(e *Email) {
			e.Subject, e.Text = "Your package has been shipped", "Tracking number: LP00612345678901\n"
		}), false, nil},
		{"a dispute's subject, a shipment's text", with(func(e *Email) { e.Subject = "Dispute closed" }), false, nil},
		{"emoji in the subject", with(func(e *Email) { e.Subject = "📦🚚 Your order 8140123456789012 has been shipped ✅" }), true, nil},
		{"a CJK carrier", with(func(e *Email) { e.Text = head + "Carrier: 菜鸟无忧物流-标准\n" }), true,
			func(n vault.Notice) bool { return n.Carrier == "菜鸟无忧物流-标准" }},
		{"a Chinese mail is not read", with(func(e *Email) { e.Subject = "您的订单已发货"; e.Text = "运单号：LP00612345678901" }), false, nil},
		{"æøå", Email{From: "Temu <orders@temu.com>", To: "Åse Ødegård <åse@example.no>", Subject: "Kontoen din er sperret",
			Text: "Vi har sperret kontoen din.\nÅrsak: Mistenkelig aktivitet på kjøp av blåbærsyltetøy\nDu kan klage innen 14 dager.",
			Date: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}, true,
			func(n vault.Notice) bool {
				return n.Login == "åse@example.no" && n.Reason == "Mistenkelig aktivitet på kjøp av blåbærsyltetøy" &&
					n.AppealBy == day("2026-03-15")
			}},
		{"a restriction to nobody", Email{From: "x@aliexpress.com", Subject: "Your account has been restricted",
			Text: "Your account is restricted."}, false, nil},
		{"a restriction's subject without its words", Email{From: "x@aliexpress.com", To: "k@example.no",
			Subject: "Your account has been restricted", Text: "Hello! Here are our new deals."}, false, nil},
		{"a decision without an outcome", Email{From: "x@ebay.com", Subject: "We've closed your case",
			Text: "Case number: 5213456789\nOrder number: 14-12045-33170\nThe buyer withdrew the request."}, false, nil},
		{"not in your favour is lost", Email{From: "x@ebay.com", Subject: "We've closed your case",
			Text: "Case number: 5213456789\nWe've decided this case not in your favour."}, true,
			func(n vault.Notice) bool { return n.Outcome == vault.OutcomeLost }},
		{"a partial refund", Email{From: "x@paypal.com", Subject: "We've closed your case",
			Text: "Case ID: PP-D-87654321\nWe've issued a partial refund of $5.00."}, true,
			func(n vault.Notice) bool { return n.Outcome == vault.OutcomePartial && n.Refund == amt("5.00 USD") }},
		{"a refund of nothing readable", Email{From: "x@temu.com", Subject: "Your refund", Text: "Refund amount: lots"}, false, nil},
		{"an appeal day that is no day", Email{From: "x@ebay.com", To: "k@example.no", Subject: "We've restricted your account",
			Text: "Your account is restricted. Appeal by 31 February 2026."}, true,
			func(n vault.Notice) bool { return n.AppealBy.IsZero() }},
		{"truncated HTML", mustParse(t, "From: Temu <orders@temu.com>\r\nSubject: Your Temu order has shipped\r\n"+
			"Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><table><tr><td>Order ID:</td><td>PO-211-04827365019283746</td></tr>"+
			"<tr><td>Tracking number:</td><td>00370712345678901234</td></tr><tr><td>Carr"), true,
			func(n vault.Notice) bool { return n.Tracking == "00370712345678901234" && n.Carrier == "" }},
		{"facts within the first 64 KB of a huge text", with(func(e *Email) { e.Text = head + strings.Repeat("x ", 5<<20) }), true, nil},
		{"facts after the first 64 KB", with(func(e *Email) { e.Text = strings.Repeat("æ", 40<<10) + "\n" + head }), false, nil},
	}
	for _, tt := range tests {
		got, ok := Recognise(tt.mail, time.UTC)
		if ok != tt.ok {
			t.Errorf("%s: Recognise = %v (%s), want %v", tt.name, ok, got.Summary(), tt.ok)
			continue
		}
		if ok && tt.want != nil && !tt.want(got) {
			t.Errorf("%s: %+v", tt.name, got)
		}
	}
}

func mustParse(t *testing.T, raw string) Email {
	t.Helper()
	e, err := ParseEmail([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// FuzzRecognise: whatever a mail holds, a notice comes only from a
// notifier's own domain, with what its kind needs, in valid UTF-8 and
// within its bounds, and its numbers are words of the mail.
func FuzzRecognise(f *testing.F) {
	for _, name := range []string{"aliexpress-dispute-closed.eml", "aliexpress-restricted.eml", "temu-shipped-nb.eml",
		"paypal-refund-nb.eml", "amazon-shipped-de.eml", "aliexpress-phishing.eml"} {
		e := noticeFixture(f, name)
		f.Add(e.From, e.To, e.Subject, e.Text)
	}
	f.Add("", "", "", "")
	f.Add("x@temu.com", "a@b", "refund", "Refund: 1 kr\xff\xfe")
	f.Fuzz(func(t *testing.T, from, to, subject, text string) {
		e := Email{From: from, To: to, Subject: subject, Text: text, Date: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		n, ok := Recognise(e, time.UTC)
		if !ok {
			if n != (vault.Notice{}) {
				t.Fatalf("no notice, but %+v", n)
			}
			return
		}
		if who, known := vault.NotifierOf(from); !known || who != n.From {
			t.Fatalf("a notice from %q: %+v", from, n)
		}
		for _, s := range []string{n.Order, n.Seller, n.Tracking, n.Carrier, n.Dispute, n.Login, n.Reason} {
			if utf8.ValidString(from+to+subject+text) && !utf8.ValidString(s) {
				t.Fatalf("%q: not UTF-8 from UTF-8", s)
			}
		}
		for _, s := range []string{n.Order, n.Tracking, n.Dispute} {
			if s != "" && !strings.Contains(subject+"\n"+text, s) {
				t.Fatalf("%q is not in the mail", s)
			}
		}
		if utf8.RuneCountInString(n.Reason) > 200 || utf8.RuneCountInString(n.Carrier) > 60 {
			t.Fatalf("unbounded: %+v", n)
		}
		switch n.Kind {
		case vault.NoticeShipped:
			ok = n.Order != "" && n.Tracking != ""
		case vault.NoticeDisputeDecided:
			ok = n.Outcome != ""
		case vault.NoticeRefunded:
			ok = n.Refund.Minor > 0 || n.Refund.Currency != ""
		case vault.NoticeRestricted:
			ok = n.Login != "" && n.Order == ""
		case vault.NoticeOrdered, vault.NoticeDelivered:
			ok = n.Order != ""
		}
		if !ok {
			t.Fatalf("a %s notice without what it needs: %+v", n.Kind, n)
		}
	})
}
