package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
)

// importIMAPOptions are the flags of 'vault import imap'.
type importIMAPOptions struct {
	server, user                  string
	folders                       []string
	starttls, plain               bool
	passwordCommand, tokenCommand string
	ca                            string
	all, dryRun, create, asJSON   bool
	forget                        bool
	timeout                       time.Duration
}

func newImportIMAPCmd(a *app, runF func(*importIMAPOptions) error) *cobra.Command {
	o := &importIMAPOptions{}
	cmd := &cobra.Command{
		Use:   "imap [--server HOST[:PORT] --user USER [--folder F]...]",
		Short: "Import the purchase mails of a mailbox over IMAP, and keep it in step",
		Long: `Read a mailbox over IMAP and import its purchase mails: those from a
marketplace, a payment service, a bank or a carrier the vault knows (by the
sender's domain: notice.aliexpress.com is AliExpress), from a seller who
wrote before, or naming a recorded order or tracking number (the server
searches each mail's text). --all takes every mail of the folders, for a
folder or label that holds only purchases. Personal mail is never fetched:
the vault keeps no trace of it. Each mail is imported as 'vault import email'
imports it: byte for byte (DKIM and Received headers stay provable), with
its attachments, linked to the orders it names; a mail the vault holds
already (same Message-ID or bytes) is not stored again. Nothing on the
server changes: folders are opened read-only and no mail is marked read.

The connection uses TLS (port 993) unless --starttls (port 143, upgraded
before logging in); --plain is only for a server on this machine (Proton
Mail Bridge, a local Dovecot), since without TLS the password and the mail
cross the network readable. The password comes from $VAULT_IMAP_PASSWORD or
from --password-command (its output's first line; the command runs in sh);
an OAuth2 access token (OAUTHBEARER or XOAUTH2, as Outlook.com and Gmail
take) from --token-command. No password or token is stored, printed or
logged; the command itself is remembered, so do not write a password in it.

The vault remembers each mailbox (server, user, folders, how it logs in)
and how far it has read each folder: the next run fetches only the new
mails, so that 'vault import imap' with no flags, from cron or a systemd
timer, reads every remembered mailbox again. Naming a mailbox again
replaces how it is reached and adds the folders named (without --folder:
its remembered folders, or INBOX); --forget forgets the mailbox or the
folders named (the mail imported stays). A folder the server numbered anew
(UIDVALIDITY) is read from its start, and nothing is stored twice.

Mails are recorded in batches as they come: a dropped connection or Ctrl-C
(exit 130) keeps what came, and the next run goes on. A server that stops
answering for a minute, sends more than an answer needs, or sends a mail
over the 64 MB that import email takes (it is skipped with a note) ends the
run with an error; so does --timeout (30 minutes).`,
		Example: `  VAULT_IMAP_PASSWORD=... vault import imap --server imap.gmail.com --user kari@gmail.com
  vault import imap --server imap.gmail.com --user kari@gmail.com --password-command "pass show mail/gmail"
  vault import imap --server outlook.office365.com --user kari@outlook.com --token-command "oama access kari@outlook.com"
  vault import imap --server imap.gmail.com --user kari@gmail.com --password-command "pass show mail/gmail" --folder Purchases --all
  vault import imap --dry-run
  vault import imap`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.check(cmd); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runImportIMAP)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.server, "server", "", "the IMAP server, HOST or HOST:PORT (993, or 143 with --starttls or --plain)")
	f.StringVar(&o.user, "user", "", "the user name to log in as (usually the address)")
	f.StringArrayVar(&o.folders, "folder", nil, "a folder to read (repeatable; default INBOX, or those remembered)")
	f.BoolVar(&o.starttls, "starttls", false, "connect without TLS and upgrade with STARTTLS before logging in")
	f.BoolVar(&o.plain, "plain", false, "no TLS at all: only to a server on this machine (127.0.0.1, ::1)")
	f.StringVar(&o.passwordCommand, "password-command", "", `a command that prints the password, like "pass show mail/gmail" (default $VAULT_IMAP_PASSWORD)`)
	f.StringVar(&o.tokenCommand, "token-command", "", "a command that prints an OAuth2 access token, for OAUTHBEARER or XOAUTH2")
	f.StringVar(&o.ca, "ca", "", "a PEM file of certificate authorities to trust besides the system's (a self-signed server)")
	f.BoolVar(&o.all, "all", false, "take every mail of the folders named, not only the purchase mails")
	f.BoolVar(&o.dryRun, "dry-run", false, "list the mails that would come; fetch and record nothing")
	f.BoolVar(&o.create, "create-orders", false, "create orders from recognised order confirmation mails")
	f.BoolVar(&o.forget, "forget", false, "forget the mailbox (or the folders named) instead of reading it")
	f.DurationVar(&o.timeout, "timeout", 30*time.Minute, "stop after this long (what came is kept; the next run goes on)")
	f.BoolVar(&o.asJSON, "json", false, "print one JSON object per mail")
	return cmd
}

// check refuses flags that do not go together.
func (o *importIMAPOptions) check(cmd *cobra.Command) error {
	switch {
	case (o.server == "") != (o.user == ""):
		return usagef("--server and --user go together: they name the mailbox")
	case o.starttls && o.plain:
		return usagef("--starttls and --plain: choose one")
	case o.passwordCommand != "" && o.tokenCommand != "":
		return usagef("--password-command and --token-command: choose one")
	case o.timeout <= 0:
		return usagef("--timeout must be more than 0")
	}
	if o.server == "" {
		for _, name := range []string{"folder", "starttls", "plain", "password-command", "token-command", "ca", "all", "forget"} {
			if cmd.Flags().Changed(name) {
				return usagef("--%s needs --server and --user (with neither, every remembered mailbox is read as remembered)", name)
			}
		}
	}
	return nil
}

// account is the mailbox the flags name, with the server's port filled in.
func (o *importIMAPOptions) account() (vault.MailAccount, error) {
	a := vault.MailAccount{Login: o.user, Security: vault.MailTLS, Auth: vault.MailPassword, Command: o.passwordCommand}
	port := "993"
	switch {
	case o.starttls:
		a.Security, port = vault.MailStartTLS, "143"
	case o.plain:
		a.Security, port = vault.MailPlain, "143"
	}
	if o.tokenCommand != "" {
		a.Auth, a.Command = vault.MailToken, o.tokenCommand
	}
	a.Server = o.server
	if _, _, err := net.SplitHostPort(o.server); err != nil {
		a.Server = net.JoinHostPort(strings.Trim(o.server, "[]"), port)
	}
	if host, p, err := net.SplitHostPort(a.Server); err != nil || host == "" || p == "" || strings.ContainsAny(host, " /@") {
		return a, usagef("--server %q: give a host name or address, with :PORT if need be", o.server)
	}
	if o.ca != "" {
		ca, err := filepath.Abs(o.ca)
		if err != nil {
			return a, err
		}
		a.CA = ca
	}
	for _, f := range o.folders {
		a.Folders = append(a.Folders, vault.MailFolder{Name: f, All: o.all})
	}
	return a, nil
}

func (a *app) runImportIMAP(ctx context.Context, o *importIMAPOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	accounts, err := a.mailAccounts(ctx, svc, o)
	if err != nil || o.forget {
		return err
	}
	run, err := svc.NewMailRun(ctx, o.create, o.dryRun, func(m casework.Imported) { a.reportImported(m, o.asJSON, false) })
	if err != nil {
		return err
	}
	work, cancel := context.WithTimeoutCause(ctx, o.timeout, errRunTimeout)
	defer cancel()
	failed := 0
	for _, acc := range accounts {
		if work.Err() != nil {
			break
		}
		err := a.readAccount(work, run, acc, o)
		if err != nil && work.Err() == nil {
			failed++
			fmt.Fprintf(a.stderr, "vault: %s at %s: %s\n", acc.Login, acc.Server, oneLine(err))
		}
	}
	imp := run.Importer()
	switch {
	case o.dryRun && ctx.Err() != nil:
		return interruptedf("interrupted")
	case o.dryRun && failed > 0:
		return fmt.Errorf("%s of %d could not be read", plural(failed, "mailbox"), len(accounts))
	case o.dryRun:
		return nil
	}
	if errors.Is(context.Cause(work), errRunTimeout) {
		fmt.Fprintf(a.stderr, "vault: %d imported, %d duplicate, %d skipped\n", imp.Added, imp.Duplicates, imp.Skipped)
		return fmt.Errorf("stopped after %v (--timeout): what came is kept, and the next run goes on", o.timeout)
	}
	if err := a.importSummary(ctx, imp, 0, 0, understoodCount{}, false); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%s of %d could not be read", plural(failed, "mailbox"), len(accounts))
	}
	return nil
}

// errRunTimeout is the cause of a run's end at --timeout.
var errRunTimeout = errors.New("--timeout")

// mailAccounts are the mailboxes to read: the one the flags name,
// remembered first (or forgotten, with --forget), or every remembered one.
func (a *app) mailAccounts(ctx context.Context, svc *casework.Service, o *importIMAPOptions) ([]vault.MailAccount, error) {
	if o.server == "" {
		all, err := svc.DB.MailAccounts(ctx)
		if err == nil && len(all) == 0 {
			err = errors.New("no mailbox is remembered: name one with --server and --user")
		}
		return all, err
	}
	acc, err := o.account()
	if err != nil {
		return nil, err
	}
	if o.forget {
		if err := svc.DB.ForgetMail(ctx, acc.Server, acc.Login, o.folders); err != nil {
			return nil, err
		}
		fmt.Fprintf(a.stderr, "vault: forgot %s\n", joinNonEmpty(" of ", strings.Join(o.folders, ", "), acc.Login+" at "+acc.Server))
		return nil, nil
	}
	if len(acc.Folders) == 0 {
		if acc.Folders, err = rememberedFolders(ctx, svc, acc, o.all); err != nil {
			return nil, err
		}
	}
	return []vault.MailAccount{acc}, nil
}

// rememberedFolders are the folders remembered of a mailbox, or INBOX;
// with all, each is to be read whole.
func rememberedFolders(ctx context.Context, svc *casework.Service, acc vault.MailAccount, all bool) ([]vault.MailFolder, error) {
	folders := []vault.MailFolder{{Name: "INBOX"}}
	known, err := svc.DB.MailAccounts(ctx)
	for _, k := range known {
		if k.Server == acc.Server && k.Login == acc.Login && len(k.Folders) > 0 {
			folders = k.Folders
		}
	}
	for i := range folders {
		folders[i].All = folders[i].All || all
	}
	return folders, err
}

// readAccount logs in to one mailbox and reads its folders, telling how
// each went.
func (a *app) readAccount(ctx context.Context, run *casework.MailRun, acc vault.MailAccount, o *importIMAPOptions) error {
	secret, err := a.mailSecret(ctx, acc)
	if err != nil {
		return err
	}
	return run.Account(ctx, acc, secret, func(r casework.FolderRead) { a.reportFolder(r, o) })
}

// reportFolder tells what came of a folder: with a dry run, each mail that
// would come (on stdout); then one line on stderr.
func (a *app) reportFolder(r casework.FolderRead, o *importIMAPOptions) {
	var rows [][]string
	for _, l := range r.Listed {
		if o.asJSON {
			printJSONLine(a.stdout, struct {
				Folder string `json:"folder"`
				casework.MailListed
			}{r.Folder, l})
			continue
		}
		day := ""
		if !l.Date.IsZero() {
			day = l.Date.In(a.loc).Format("2006-01-02")
		}
		rows = append(rows, []string{r.Folder + " uid " + itoa(int64(l.UID)), day, short(l.From, 60), short(l.Subject, 60), "(" + l.Why + ")"})
	}
	table(a.stdout, rows)
	if r.Renumbered {
		fmt.Fprintf(a.stderr, "vault: %s %s: the server numbered the folder anew (UIDVALIDITY changed): read from its start; nothing is stored twice\n", r.Login, r.Folder)
	}
	if r.Err != nil && !errors.Is(r.Err, context.Canceled) && !errors.Is(r.Err, errRunTimeout) { // the summary says those
		fmt.Fprintf(a.stderr, "vault: %s %s: %s\n", r.Login, r.Folder, oneLine(r.Err))
	}
	if r.Err != nil && r.New == 0 {
		return // the folder could not be opened: its error says so
	}
	dry := ""
	if o.dryRun {
		dry = "dry run: "
	}
	fmt.Fprintf(a.stderr, "vault: %s%s %s: %s, %s (%d already in the vault)\n", dry, r.Login, r.Folder, plural(r.New, "new mail"),
		plural(r.Purchase, "purchase mail"), r.Known)
}
