package main

import (
	"fmt"
	"strings"

	"vault"
)

// commands writes a fix as the command lines that do it, in order: the one
// place that knows how the packages below the CLI's "what to do" is typed.
func commands(f vault.Fix) []string {
	line := func(words ...string) string { return "vault " + strings.Join(words, " ") }
	switch f.Do {
	case vault.DoSet:
		kind := vault.KindOf(f.Record)
		return []string{line("set", string(kind), f.Record, "--"+flagName(kind, f.Field), shellWord(f.Value))}
	case vault.DoUnset:
		kind := vault.KindOf(f.Record)
		return []string{line("set", string(kind), f.Record, "--unset", flagName(kind, f.Field))}
	case vault.DoAttach:
		return []string{line("attach", "file", placeholder(f.Kind), "--kind", f.Kind, "--order", f.Order)}
	case vault.DoWrite:
		return []string{line("add", "message", "--order", f.Order, "--from", "me", "--at", "DATE", "--text", `"..."`)}
	case vault.DoExport:
		return []string{line("export", "case", f.Record, "--pdf", "dossier.pdf")}
	case vault.DoConfig:
		return []string{line("config", "set", f.Field, shellWord(f.Value))}
	case vault.DoConfirm:
		return []string{line("match", "confirm", f.Record, f.Order)}
	case vault.DoMatch:
		return []string{line("import", "statement", "FILE"), line("match")}
	case vault.DoUnlink:
		return []string{line("unlink", f.Record, "--case", f.Case)}
	case vault.DoLink:
		return []string{line("case", "link", f.Case, "--order", f.Order)}
	case vault.DoAddCase:
		return []string{line("add", "case", "--kind", f.Kind, "--order", f.Order)}
	case vault.DoAddOrder:
		return []string{line("add", "order", "--marketplace", f.Kind, "--number", "NUMBER")}
	case vault.DoAddAccount:
		return []string{line("add", "account", "--marketplace", "MARKETPLACE", "--login", "LOGIN"),
			line("set", "case", f.Record, "--account", "ACC-n")}
	case vault.DoDraft:
		words := []string{"draft", "letter", f.Kind}
		if f.Record != "" {
			words = append(words, "--case", f.Record)
		} else {
			words = append(words, "--order", f.Order)
		}
		if f.Field != "" {
			words = append(words, "--"+f.Field, shellWord(f.Value))
		}
		return []string{line(words...)}
	case vault.DoRule:
		if f.Record == "" {
			return []string{line("rules")}
		}
		return []string{line("rules", f.Record)}
	case vault.DoRepair:
		return []string{line("verify", "--repair")}
	case vault.DoVerify:
		return []string{line("verify")}
	case vault.DoListAll:
		return []string{line("list", f.Kind, "--all")}
	case vault.DoReceive:
		return []string{line("receive")}
	case vault.DoRestore:
		return []string{line("restore", "BACKUP", "--vault", "DIR")}
	case vault.DoCheck:
		return []string{line("check", "case", f.Record)}
	case vault.DoPicture:
		return []string{line("picture", f.Record)}
	}
	panic(fmt.Sprintf("vault: no command line for the fix %q", f.Do)) // a new action without one: caught by TestEveryCommandLineParses
}

// hint is a fix as the CLI prints it after a message: " ('vault ...')",
// several joined by "then".
func hint(f *vault.Fix) string {
	if f == nil {
		return ""
	}
	return " ('" + strings.Join(commands(*f), "', then '") + "')"
}

// flagName is the flag that changes a field of a kind of record.
func flagName(kind vault.RecordKind, key string) string {
	if f, ok := vault.FieldOf(kind, key); ok && f.Flag != "" {
		return f.Flag
	}
	return strings.ReplaceAll(key, "_", "-")
}

// placeholder is what a command line names the file to attach of a kind.
func placeholder(kind string) string {
	switch vault.EvidenceKind(kind) {
	case vault.EvidenceTracking, vault.EvidenceListing, vault.EvidenceScreenshot:
		return "SCREENSHOT"
	case vault.EvidencePhoto, vault.EvidenceVideo:
		return "PHOTO"
	}
	return "FILE"
}

// shellWord writes a value as one word a shell reads back: as it is when
// it has nothing a shell would read otherwise (placeholders, "a|b"
// alternatives as usage texts write them), else in double quotes (which
// read well inside the single quotes around a hint), else in single quotes.
func shellWord(s string) string {
	switch {
	case s != "" && !strings.ContainsAny(s, " \t'\"$`\\*?;&()<>!#~"):
		return s
	case !strings.ContainsAny(s, "\"$`\\!"):
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// printNotes writes what the user should know of a draft or a dossier, each
// with the command that does something about it.
func (a *app) printNotes(notes []vault.Note) {
	for _, n := range notes {
		fmt.Fprintf(a.stderr, "note: %s%s\n", n.Text, hint(n.Fix))
	}
}
