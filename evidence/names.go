package evidence

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxName bounds a file name in bytes, below every common file system's 255.
const maxName = 150

// SafeName turns a file name from outside (an email attachment, a form) into
// one safe to write anywhere: no directories ("../../etc/passwd" gives
// "passwd"), no control characters or NUL, no characters Windows forbids, not
// a Windows device name, not hidden, at most 150 bytes of valid UTF-8 with
// the extension kept. An empty result becomes fallback.
func SafeName(name, fallback string) string {
	// One step can expose what another removes (a cut leaves a trailing
	// space, or a new short extension): repeat until nothing changes. Each
	// step only shortens or replaces, so this ends within a few rounds.
	for range 8 {
		next := safeStep(name, fallback)
		if next == name {
			break
		}
		name = next
	}
	return name
}

func safeStep(name, fallback string) string {
	name = strings.ToValidUTF8(name, "_")
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if name == "" || name == "_" {
		return fallback
	}
	stem, ext := name, path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	stem = strings.TrimSuffix(name, ext)
	if isDeviceName(stem) {
		stem = "_" + stem
	}
	for len(stem)+len(ext) > maxName {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	stem = strings.TrimRight(stem, " .") // the cut may have exposed some
	if stem == "" {
		return fallback + ext
	}
	return stem + ext
}

// isDeviceName reports Windows' reserved names: CON, PRN, AUX, NUL, COM1-9, LPT1-9.
func isDeviceName(stem string) bool {
	s := strings.ToUpper(strings.SplitN(stem, ".", 2)[0])
	switch s {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(s) == 4 && (strings.HasPrefix(s, "COM") || strings.HasPrefix(s, "LPT")) && s[3] >= '1' && s[3] <= '9'
}
