package main

import (
	"github.com/spf13/pflag"

	"vault/internal/lang"
)

// langFlag is a --lang flag: en, or nb (Norwegian bokmål), read by lang.Parse.
type langFlag struct{ l *lang.Lang }

func (f langFlag) Set(s string) error {
	l, err := lang.Parse(s)
	if err == nil {
		*f.l = l
	}
	return err
}

func (f langFlag) String() string {
	if f.l == nil || *f.l == "" {
		return string(lang.EN)
	}
	return string(*f.l)
}

func (langFlag) Type() string { return "lang" }

// addLang adds --lang to fs, writing the language to l (English unless given).
func addLang(fs *pflag.FlagSet, l *lang.Lang, usage string) {
	*l = lang.EN
	fs.Var(langFlag{l}, "lang", usage+": en or nb (Norwegian bokmål)")
}
