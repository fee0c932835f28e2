package main

import (
	"os"
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
		if !run[c] {
			t.Errorf("readme.txtar does not run the README's\n\t%s", c)
		}
	}
}

var comment = regexp.MustCompile(`\s+#\s.*$`)

// readmeCommands are the lines of the sh blocks that run vault, with their
// continuations joined, their comments and spacing dropped, and quoted as
// testscript quotes.
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
		if strings.HasPrefix(line, "vault ") { // testscript quotes with ' where sh has "
			out = append(out, strings.ReplaceAll(strings.Join(strings.Fields(line), " "), `"`, "'"))
		}
	}
	return out
}
