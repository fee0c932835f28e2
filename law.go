package vault

import "slices"

// Law is the body of consumer law that applies to an order.
type Law string

// The laws the vault's rules and letters know.
const (
	NoLaw        Law = ""   // none the vault knows
	NorwegianLaw Law = "no" // forbrukerkjøpsloven, angrerettloven, finansavtaleloven, foreldelsesloven
	EULaw        Law = "eu" // Directives 2011/83/EU and (EU) 2019/771
)

// eeaCurrencies are the currencies of EU/EEA states other than Norway.
var eeaCurrencies = []string{"EUR", "SEK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "ISK"}

// LawFor decides which consumer law applies to an order. It is the one
// place that decides it: the deadlines' rules, the letters and the dossier
// all ask. It follows the currency paid, the only sign of a country the
// vault records: NOK is Norwegian law, another EU/EEA currency the EU
// directives, anything else none the vault can name.
func LawFor(o Order) Law {
	switch c := o.Total.Currency; {
	case c == "NOK":
		return NorwegianLaw
	case slices.Contains(eeaCurrencies, c):
		return EULaw
	}
	return NoLaw
}
