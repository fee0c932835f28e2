package store

import (
	"context"
	"strings"
	"testing"

	"vault"
)

// TestNoticeSealed: what a notice records is in the audit log, the
// account and the suggestion each a record of their own; a suggestion
// changed behind the vault's back shows in verify, and a mail that fails
// is rolled back with what its notice did.
func TestNoticeSealed(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	mail := func(id string) vault.Email {
		return vault.Email{Message: vault.Evidence{Kind: "email", Source: "email", MessageID: id, Title: "Your account has been restricted",
			From: "no-reply@service.aliexpress.com", Blob: &vault.Blob{SHA256: strings.Repeat(id[:1], 64), Size: 10, MediaType: "message/rfc822"}}}
	}
	n := vault.Notice{Kind: vault.NoticeRestricted, From: vault.Notifier(vault.AliExpress), Login: "kari@example.no",
		Day: day("2026-03-02"), Reason: "abnormal dispute activity"}
	r, err := db.ImportEmails(ctx, []EmailImport{{Email: mail("a1"), Notice: &n}}, vault.Links{})
	if err != nil || r[0].Err != nil {
		t.Fatal(err, r[0].Err)
	}
	u := r[0].Understood
	if u == nil || u.Account != 1 || len(u.Suggested) != 1 || u.Suggested[0].ID != 1 {
		t.Fatalf("understood %+v", u)
	}
	for _, record := range []string{"ACC-1", "SUG-1"} {
		if log, _ := db.Audit(ctx, record); len(log) != 1 {
			t.Errorf("%s: %d entries", record, len(log))
		}
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatal(got)
	}
	rawExec(t, db, `UPDATE suggestions SET state = 'accepted'`)
	wantOneProblem(t, problems(t, db), "SUG-1: changed since its last audit entry")
	rawExec(t, db, `UPDATE suggestions SET state = 'open'`)

	// A batch whose second mail fails: its account is rolled back with it.
	other := n
	other.Login = "ola@example.no"
	bad := mail("b2")
	bad.Message.Kind = "no such kind"
	r, err = db.ImportEmails(ctx, []EmailImport{{Email: mail("c3"), Notice: &n}, {Email: bad, Notice: &other}}, vault.Links{})
	if err != nil || r[0].Err != nil || r[1].Err == nil || r[1].Understood != nil {
		t.Fatalf("%v %+v", err, r)
	}
	accounts, _ := db.Accounts(ctx, true)
	if len(accounts) != 1 {
		t.Errorf("accounts %+v", accounts)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatal(got)
	}
}
