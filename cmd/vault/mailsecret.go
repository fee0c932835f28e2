package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"vault"
)

// secretTime is how long a password or token command may take: enough
// to type a passphrase into gpg's or a keyring's prompt.
const secretTime = 2 * time.Minute

// mailSecret is the password or token for a mailbox: its command's
// output, or $VAULT_IMAP_PASSWORD. It is never kept, printed or logged.
func (a *app) mailSecret(ctx context.Context, acc vault.MailAccount) (string, error) {
	flag := "--password-command"
	if acc.Auth == vault.MailToken {
		flag = "--token-command"
	}
	if acc.Command == "" {
		if p := a.getenv("VAULT_IMAP_PASSWORD"); p != "" && acc.Auth == vault.MailPassword {
			return p, nil
		}
		return "", fmt.Errorf("no password: set $VAULT_IMAP_PASSWORD, or give %s", flag)
	}
	return runSecret(ctx, flag, acc.Command, a.stderr)
}

// runSecret runs a command in sh, as mail clients run theirs (mbsync's
// PassCmd, msmtp's passwordeval), so that quotes and pipes work, and
// returns the first line of its output. Its errors and prompts go to the
// terminal; its output is never part of an error.
func runSecret(ctx context.Context, flag, command string, stderr io.Writer) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, secretTime)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	var out bytes.Buffer
	cmd.Stdout = &limited{w: &out, n: 64 << 10}
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("%s did not finish within %v", flag, secretTime)
		}
		return "", fmt.Errorf("%s failed: %w", flag, err)
	}
	line, _, _ := strings.Cut(out.String(), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return "", fmt.Errorf("%s printed nothing on its first line", flag)
	}
	return line, nil
}

// limited keeps the first n bytes written to it and drops the rest.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	keep := p[:min(len(p), l.n)]
	l.n -= len(keep)
	l.w.Write(keep)
	return len(p), nil
}
