package vault

import "fmt"

// SettingKey names one of the vault's settings.
type SettingKey string

// The settings.
const (
	SettingName    SettingKey = "name"
	SettingCountry SettingKey = "country"
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
	if k != SettingCountry || s == "" {
		return s, nil
	}
	if c := Country(s); ValidCountry(c) && c != OutsideEEA {
		return c, nil
	}
	return "", fmt.Errorf("country %q: give a two-letter code like NO, SE or DE", s)
}
