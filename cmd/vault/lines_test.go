package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"

	"vault"
)

// TestEveryCommandLineParses parses, with the real cobra tree, every vault
// command line the CLI can print: each fix the packages below it type (every
// action), every example and every 'vault ...' its help texts and its own
// messages name. A renamed command or flag fails here, not in a user's shell.
func TestEveryCommandLineParses(t *testing.T) {
	lines := map[string]bool{} // the line, and whether it is whole (its arguments are checked too)
	for _, f := range sampleFixes() {
		for _, l := range commands(f) {
			lines[l] = true
		}
	}
	root := newRootCmd(&app{getenv: os.Getenv})
	walk(root, func(c *cobra.Command) {
		for _, l := range exampleLines(c.Example) {
			lines[l] = true
		}
		for _, l := range quoted(c.Long + " " + c.Short) {
			lines[l] = lines[l] || false
		}
	})
	for _, l := range sourceLines(t) {
		lines[l] = lines[l] || false
	}
	if len(lines) < 100 {
		t.Fatalf("only %d command lines found: the search for them is broken", len(lines))
	}
	for l, whole := range lines {
		if err := parses(l, whole); err != nil {
			t.Errorf("%q: %v", l, err)
		}
	}
}

// sampleFixes are a fix of every action, with its fields as the packages
// below the CLI fill them.
func sampleFixes() []vault.Fix {
	var out []vault.Fix
	for _, do := range vault.Actions {
		f := vault.Fix{Do: do, Record: "CASE-1", Case: "CASE-2", Order: "ORD-1", Kind: "dispute"}
		switch do {
		case vault.DoSet, vault.DoUnset:
			for _, kind := range []vault.RecordKind{vault.RecordOrder, vault.RecordCase, vault.RecordEvidence, vault.RecordAccount} {
				for _, field := range vault.Fields(kind) {
					if field.Flag != "" {
						out = append(out, vault.Fix{Do: do, Record: map[vault.RecordKind]string{vault.RecordOrder: "ORD-1",
							vault.RecordCase: "CASE-1", vault.RecordEvidence: "EV-1", vault.RecordAccount: "ACC-1"}[kind],
							Field: field.Key, Value: "a value, with 'quotes' and *"})
					}
				}
			}
			continue
		case vault.DoAttach:
			for _, k := range vault.EvidenceKinds {
				out = append(out, vault.Fix{Do: do, Kind: string(k), Order: "ORD-1"})
			}
			continue
		case vault.DoConfig:
			for _, s := range vault.Settings {
				out = append(out, vault.Fix{Do: do, Field: string(s.Key), Value: "ADDRESS"})
			}
			continue
		case vault.DoConfirm:
			f.Record = "TX-3"
		case vault.DoUnlink:
			f.Record = "EV-3"
		case vault.DoDraft:
			out = append(out, vault.Fix{Do: do, Kind: "seller", Order: "ORD-1", Field: "problem", Value: "not-received|defective"})
		case vault.DoRule:
			out = append(out, vault.Fix{Do: do})
			f.Record = "visa.chargeback"
		case vault.DoListAll:
			for _, k := range []string{"orders", "cases", "evidence", "accounts"} {
				out = append(out, vault.Fix{Do: do, Kind: k})
			}
			continue
		}
		out = append(out, f)
	}
	return out
}

// walk calls fn on a command and every command below it.
func walk(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walk(sub, fn)
	}
}

// exampleLines are the command lines of an Example, each with its
// continuations joined.
func exampleLines(example string) []string {
	var out []string
	example = strings.ReplaceAll(example, "\\\n", " ")
	for _, l := range strings.Split(example, "\n") {
		l = strings.TrimSpace(l)
		if i := strings.Index(l, "  #"); i > 0 {
			l = strings.TrimSpace(l[:i])
		}
		if strings.HasPrefix(l, "vault ") {
			out = append(out, l)
		}
	}
	return out
}

var quotedLine = regexp.MustCompile(`'(vault [^']*)'`)

// quoted are the 'vault ...' a text names.
func quoted(text string) []string {
	var out []string
	for _, m := range quotedLine.FindAllStringSubmatch(strings.Join(strings.Fields(text), " "), -1) {
		out = append(out, m[1])
	}
	return out
}

var verb = regexp.MustCompile(`%(\[\d+\])?[sdvq]`)

// sourceLines are the 'vault ...' the CLI's own messages name: every string
// literal of its source, with format verbs filled.
func sourceLines(t *testing.T) []string {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, l := range quoted(verb.ReplaceAllString(s, "X-1")) {
				out = append(out, l)
			}
			return true
		})
	}
	return out
}

// parses checks a command line against a new cobra tree: each word in
// command position names a command (a placeholder in capitals, or each of
// "a|b", does too), every flag exists and takes what it is given, and, for
// a whole line, the arguments are what the command takes.
func parses(line string, whole bool) error {
	words, err := shellWords(strings.TrimPrefix(line, "vault "))
	if err != nil {
		return err
	}
	c := newRootCmd(&app{getenv: os.Getenv, stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}})
	for len(words) > 0 && c.HasSubCommands() && !strings.HasPrefix(words[0], "-") {
		next, ok := subcommand(c, words[0])
		switch {
		case !ok && c.Runnable(): // "vault rules ID": an argument of a command that has subcommands too
		case !ok && anyWord(words[0]):
			return nil // "vault set KIND": any of them
		case !ok:
			return errUnknown(c, words[0])
		}
		if !ok {
			break
		}
		c, words = next, words[1:]
	}
	if err := c.ParseFlags(words); err != nil && (whole || !strings.HasPrefix(err.Error(), "flag needs an argument")) {
		return err // a text may name a flag without its value: 'vault verify --head'
	}
	if !whole || c.Args == nil {
		return nil
	}
	return c.Args(c, c.Flags().Args())
}

// subcommand finds a command's subcommand by name or alias; "a|b" when each
// is one (the first is returned).
func subcommand(c *cobra.Command, word string) (*cobra.Command, bool) {
	var first *cobra.Command
	for _, alt := range strings.Split(word, "|") {
		found := false
		for _, sub := range c.Commands() {
			if sub.Name() == alt || sub.HasAlias(alt) {
				found = true
				if first == nil {
					first = sub
				}
			}
		}
		if !found {
			return nil, false
		}
	}
	return first, true
}

// anyWord reports whether a word stands for any value: KIND, ID, ...
func anyWord(w string) bool {
	return w == "..." || strings.IndexFunc(w, func(r rune) bool { return unicode.IsLower(r) }) < 0
}

type unknownError struct{ path, word string }

func (e unknownError) Error() string { return e.path + " has no command " + strconv.Quote(e.word) }

func errUnknown(c *cobra.Command, w string) error { return unknownError{c.CommandPath(), w} }

// shellWords splits a line as a shell would: on blanks, with single and
// double quotes and backslashes.
func shellWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in, quote, escaped := false, rune(0), false
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped, in = false, true
		case r == '\\' && quote != '\'':
			escaped = true
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, strconv.ErrSyntax
	}
	if in {
		out = append(out, cur.String())
	}
	return out, nil
}

func TestShellWords(t *testing.T) {
	for in, want := range map[string]string{
		`set order ORD-1 --payment "Visa credit ****4242"`: `set|order|ORD-1|--payment|Visa credit ****4242`,
		`a 'it'\''s' b`:                 `a|it's|b`,
		`--text "..."`:                  `--text|...`,
		`x   y`:                         `x|y`,
		`--problem not-received|defect`: `--problem|not-received|defect`,
	} {
		got, err := shellWords(in)
		if err != nil || strings.Join(got, "|") != want {
			t.Errorf("%s: %q %v", in, got, err)
		}
	}
	for _, v := range []string{"DATE", "349,00 NOK", "Visa ****4242", "it's", `say "hi"`, "$HOME", "a|b", ""} {
		if got, err := shellWords("x " + shellWord(v)); err != nil || len(got) != 2 || got[1] != v {
			t.Errorf("shellWord(%q) reads back as %q (%v)", v, got, err)
		}
	}
}
