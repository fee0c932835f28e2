package vault

// SettingKey names one of the vault's settings.
type SettingKey string

// The settings.
const (
	SettingName SettingKey = "name"
)

// Setting is a setting with what it is for.
type Setting struct {
	Key   SettingKey
	About string
}

// Settings are the settings a vault keeps, in the order help lists them.
var Settings = []Setting{
	{SettingName, "the claimant's name, printed on every dossier's cover"},
}

// ParseSettingKey reads a setting's name.
func ParseSettingKey(s string) (SettingKey, error) {
	keys := make([]SettingKey, len(Settings))
	for i, st := range Settings {
		keys[i] = st.Key
	}
	return parseWord("setting", s, keys)
}
