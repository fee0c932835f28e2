package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"filippo.io/age"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"vault/backup"
	"vault/casework"
	"vault/internal/atomicfile"
)

// backupOptions are the flags of 'vault backup'.
type backupOptions struct {
	path       string
	encrypt    bool
	keys       []string
	recipients []age.Recipient
}

func newBackupCmd(a *app, runF func(*backupOptions) error) *cobra.Command {
	o := &backupOptions{}
	cmd := &cobra.Command{
		Use:   "backup FILE [--encrypt | --recipient AGE-KEY...]",
		Short: "Write the whole vault into one archive file",
		Long: `Write the vault into one tar archive: a consistent snapshot of the database
(taken while other vault commands may write), every stored file its records
refer to, and a manifest with each file's size and SHA-256. 'vault restore'
reads it back and verifies everything.

--encrypt protects the archive with a passphrase (from $VAULT_PASSPHRASE, or
asked for on the terminal); --recipient encrypts it to age public keys
(age1...), so only the holder of the matching identity can restore it. Both
use age (age-encryption.org).

The vault is a plain directory: keeping the archive (or the directory
itself) offsite with restic, rclone or a synced folder is the point.`,
		Example: `  vault backup vault-2026-11-25.tar
  VAULT_PASSPHRASE=... vault backup --encrypt vault.tar.age
  vault backup --recipient age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p vault.tar.age`,
		Args: exactArgs(1, "the archive file to write"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.path = args[0]
			var err error
			if o.recipients, err = a.recipients(o.encrypt, o.keys); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runBackup)
		},
	}
	cmd.Flags().BoolVar(&o.encrypt, "encrypt", false, "encrypt with a passphrase ($VAULT_PASSPHRASE or asked for)")
	cmd.Flags().StringArrayVar(&o.keys, "recipient", nil, "encrypt to this age public key (repeatable)")
	return cmd
}

func (a *app) runBackup(ctx context.Context, o *backupOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	if err := svc.CheckOutput(o.path); err != nil {
		return err
	}
	var m backup.Manifest
	err = atomicfile.Write(o.path, func(w io.Writer) error {
		out, closeAge, err := backup.Encrypt(w, o.recipients)
		if err != nil {
			return err
		}
		if m, err = svc.Backup(ctx, out); err != nil {
			return err
		}
		return closeAge()
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, o.path)
	fmt.Fprintf(a.stderr, "vault: backed up %s; audit head %s (entry %d): keep it apart from the vault to check later with 'vault verify --head'\n",
		plural(len(m.Files), "file"), m.AuditHead, m.AuditEntries)
	a.printUnbacked(m.Missing)
	if len(m.Missing) > 0 {
		return fmt.Errorf("the backup is written, but without %s the records refer to: run 'vault verify', and attach a good copy of each if you have one",
			plural(len(m.Missing), "damaged file"))
	}
	return nil
}

// printUnbacked names the stored files a backup could not hold whole.
func (a *app) printUnbacked(missing []backup.Missing) {
	for _, x := range missing {
		what := "is missing from the vault (or not a regular file), so it is not in the backup"
		if x.Why == "altered" {
			what = "was altered in the vault (its bytes do not match its SHA-256): the archive holds those bytes, and a restore leaves them out"
		}
		fmt.Fprintf(a.stderr, "vault: %s: %s %s\n", x.Record, x.Path, what)
	}
}

// restoreOptions are the flags of 'vault restore'.
type restoreOptions struct {
	path, identity string
}

func newRestoreCmd(a *app, runF func(*restoreOptions) error) *cobra.Command {
	o := &restoreOptions{}
	cmd := &cobra.Command{
		Use:   "restore FILE --vault DIR [--identity FILE]",
		Short: "Restore a backup archive into a new vault directory",
		Long: `Restore an archive written by 'vault backup' into DIR (--vault, $VAULT_DIR or
the default), which must be empty or not exist. Every file is checked against
its SHA-256 and the manifest, then the whole vault is verified ('vault
verify') before the restore is declared a success; a restore that does not
verify is removed again. An encrypted archive needs $VAULT_PASSPHRASE (or a
terminal to ask on) or --identity with the age identity file.`,
		Example: `  vault restore vault-2026-11-25.tar --vault ~/vault-restored`,
		Args:    exactArgs(1, "the archive file to read"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.path = args[0]
			return do(cmd.Context(), o, runF, a.runRestore)
		},
	}
	cmd.Flags().StringVar(&o.identity, "identity", "", "age identity file for an archive encrypted to a public key")
	return cmd
}

func (a *app) runRestore(ctx context.Context, o *restoreOptions) error {
	dir, err := a.dir()
	if err != nil {
		return err
	}
	f, err := os.Open(o.path)
	if err != nil {
		return err
	}
	defer f.Close()
	in, err := backup.Decrypt(f, func() ([]age.Identity, error) { return a.identities(o.identity) })
	if err != nil {
		return err
	}
	missing, err := casework.Restore(ctx, in, dir, a.now, a.loc)
	var bad *casework.NotVerifiedError
	if errors.As(err, &bad) {
		a.printVerify(bad.Report)
	}
	if err != nil {
		return err
	}
	for _, l := range missing {
		fmt.Fprintf(a.stderr, "vault: %s: %s: %s; the archive's manifest says the vault lacked it when it was backed up (%s)\n",
			l.Record, l.File, "its file is missing", l.Why)
	}
	if len(missing) > 0 {
		return fmt.Errorf("restored %s, but without %s: 'vault verify' lists them; attach a good copy of each if you have one",
			dir, plural(len(missing), "stored file"))
	}
	fmt.Fprintf(a.stdout, "restored and verified %s\n", dir)
	return nil
}

// recipients are the age recipients the backup is encrypted to (none: plain).
func (a *app) recipients(encrypt bool, keys []string) ([]age.Recipient, error) {
	if encrypt && len(keys) > 0 {
		return nil, usagef("use --encrypt (passphrase) or --recipient (keys), not both")
	}
	var out []age.Recipient
	for _, k := range keys {
		r, err := age.ParseX25519Recipient(k)
		if err != nil {
			return nil, usagef("--recipient %q: %v", k, err)
		}
		out = append(out, r)
	}
	if encrypt {
		pass, err := a.passphrase(true)
		if err != nil {
			return nil, err
		}
		r, err := age.NewScryptRecipient(pass)
		if err != nil {
			return nil, err
		}
		r.SetWorkFactor(workFactor)
		out = append(out, r)
	}
	return out, nil
}

// identities decrypt an archive: those of the identity file, else the passphrase.
func (a *app) identities(identityFile string) ([]age.Identity, error) {
	if identityFile != "" {
		idf, err := os.Open(identityFile)
		if err != nil {
			return nil, err
		}
		defer idf.Close()
		ids, err := age.ParseIdentities(idf)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", identityFile, err)
		}
		return ids, nil
	}
	pass, err := a.passphrase(false)
	if err != nil {
		return nil, err
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, err
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	return []age.Identity{id}, nil
}

// maxWorkFactor bounds the scrypt cost of a backup's passphrase to 2^18,
// the one age (and vault) encrypts with: age accepts up to 2^22, and a
// 187-byte file asking for that made a wrong passphrase cost 4.2 GB and
// 15 s (#18).
const maxWorkFactor = 18

// workFactor is the scrypt cost a backup's passphrase is encrypted with:
// age's own, 2^18 (about a second). Only a test binary lowers it, to run
// the same code in a fraction of that.
var workFactor = maxWorkFactor

// passphrase comes from $VAULT_PASSPHRASE or, on a terminal, from a prompt
// (asked twice when setting one).
func (a *app) passphrase(confirm bool) (string, error) {
	if p := a.getenv("VAULT_PASSPHRASE"); p != "" {
		return p, nil
	}
	in, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return "", errors.New("a passphrase is needed: set VAULT_PASSPHRASE or run in a terminal")
	}
	fmt.Fprint(a.stderr, "passphrase: ")
	p, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(a.stderr)
	if err != nil || len(p) == 0 {
		return "", errors.New("no passphrase given")
	}
	if confirm {
		fmt.Fprint(a.stderr, "again: ")
		again, _ := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(a.stderr)
		if !bytes.Equal(p, again) {
			return "", errors.New("the passphrases differ")
		}
	}
	return string(p), nil
}
