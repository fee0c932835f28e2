package vault

import (
	"fmt"
	"slices"
	"strings"
)

// SettingKey names one of the vault's settings.
type SettingKey string

// The settings.
const (
	SettingName    SettingKey = "name"
	SettingCountry SettingKey = "country"
	SettingEmail   SettingKey = "email"
)

// Setting is a setting with what it is for.
type Setting struct {
	Key   SettingKey
	About string
}

// Settings are the settings a vault keeps, in the order help lists them.
var Settings = []Setting{
	{SettingName, "the claimant's name, printed on every dossier's cover"},
	{SettingCountry, "the country you live in (a code like NO, SE, DE; default NO): its consumer law applies"},
	{SettingEmail, "your own e-mail addresses, separated by spaces or commas: mails from them are yours, and other mails about an order are the seller's (or the marketplace's)"},
}

// ParseSettingKey reads a setting's name.
func ParseSettingKey(s string) (SettingKey, error) {
	keys := make([]SettingKey, len(Settings))
	for i, st := range Settings {
		keys[i] = st.Key
	}
	return parseWord("setting", s, keys)
}

// Value reads a setting's value as it is kept: a country as its code.
func (k SettingKey) Value(s string) (string, error) {
	if k == SettingEmail {
		return addresses(s)
	}
	if k != SettingCountry || s == "" {
		return s, nil
	}
	if c := Country(s); ValidCountry(c) && c != OutsideEEA {
		return c, nil
	}
	return "", fmt.Errorf("country %q: give a two-letter code like NO, SE or DE", s)
}

// addresses reads the buyer's addresses as typed ("kari@example.no,
// Kari@Work.no") into their stored form: each checked, in lower case, once,
// separated by ", ".
func addresses(s string) (string, error) {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' }) {
		a := Address(f)
		if a == "" {
			return "", fmt.Errorf("email %q: give an e-mail address like kari@example.no", f)
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return strings.Join(out, ", "), nil
}

// BuyerAddresses are the buyer's addresses as the email setting keeps them.
func BuyerAddresses(setting string) []string {
	if setting == "" {
		return nil
	}
	return strings.Split(setting, ", ")
}
