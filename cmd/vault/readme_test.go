package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeCommands: every vault command of the README's walkthrough is
// run, as written, by testdata/script/readme.txtar, so the README stays true.
func TestReadmeCommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("testdata/script/readme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start, end := strings.Index(text, "## Walkthrough"), strings.Index(text, "## Evidence in")
	if start < 0 || end < start {
		t.Fatal("no walkthrough in the README")
	}
	run := map[string]bool{}
	for _, line := range strings.Split(string(script), "\n") {
		run[strings.TrimPrefix(line, "! ")] = true
	}
	commands := readmeCommands(text[start:end])
	if len(commands) < 20 {
		t.Fatalf("only %d commands found in the walkthrough", len(commands))
	}
	for _, c := range commands {
		c = strings.ReplaceAll(strings.Join(strings.Fields(c), " "), `"`, "'") // testscript quotes with ' where sh has "
		if !run[c] {
			t.Errorf("readme.txtar does not run the README's\n\t%s", c)
		}
	}
}

var comment = regexp.MustCompile(`\s+#\s.*$`)

// readmeCommands are the lines of the sh blocks that run vault, with their
// continuations joined and their comments dropped, as a shell runs them.
func readmeCommands(text string) []string {
	var out []string
	inBlock, cont := false, ""
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			inBlock = !inBlock
			continue
		case !inBlock:
			continue
		}
		line = cont + strings.TrimSpace(comment.ReplaceAllString(line, ""))
		if strings.HasSuffix(line, `\`) {
			cont = strings.TrimSuffix(line, `\`)
			continue
		}
		cont = ""
		if strings.HasPrefix(line, "vault ") {
			out = append(out, line)
		}
	}
	return out
}

// TestReadmeWalkthrough runs the README's walkthrough and "An order's
// life" as a new user would: each vault line, as written, by sh, one after
// the other in an empty directory, on the day the README was last checked.
// Each must succeed.
func TestReadmeWalkthrough(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: readme.txtar runs the same commands with their output checked")
	}
	vaultBinary(t) // on PATH, for sh
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start, end := strings.Index(text, "## Walkthrough"), strings.Index(text, "## Evidence in")
	dir := t.TempDir()
	for _, line := range readmeCommands(text[start:end]) {
		cmd := exec.Command("sh", "-c", line)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "VAULT_DIR="+filepath.Join(dir, "vault"), "VAULT_NOW=2026-12-07T12:00:00Z", "TZ=Europe/Oslo")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
	}
}

// TestReadmeIMAPLines: the README's 'vault import imap' set-ups (Gmail,
// Outlook.com, the timer) are command lines the command takes as written;
// they need a real mailbox to run.
func TestReadmeIMAPLines(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	unindented := regexp.MustCompile(`(?m)^ +`).ReplaceAllString(string(readme), "") // the set-ups are in a list
	for _, c := range readmeCommands(unindented) {
		if strings.HasPrefix(c, "vault import imap") {
			lines = append(lines, c)
		}
	}
	if len(lines) < 3 {
		t.Fatalf("only %d 'vault import imap' lines in the README", len(lines))
	}
	for _, line := range lines {
		args, err := shellWords(strings.TrimPrefix(line, "vault import imap"))
		if err != nil {
			t.Fatal(err)
		}
		ran := false
		if err := parse(newImportIMAPCmd(flagApp(), func(*importIMAPOptions) error { ran = true; return nil }), args...); err != nil || !ran {
			t.Errorf("%s: %v", line, err)
		}
	}
}
