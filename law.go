package vault

import (
	"slices"
	"strings"

	"vault/internal/lang"
)

// Law is the body of consumer law that applies to an order.
type Law string

// The laws the vault's rules and letters know.
const (
	NoLaw        Law = ""   // none the vault knows
	NorwegianLaw Law = "no" // forbrukerkjøpsloven, angrerettloven, finansavtaleloven, foreldelsesloven
	EULaw        Law = "eu" // Directives 2011/83/EU and (EU) 2019/771, as the buyer's state has them
)

// DefaultCountry is the buyer's country when the vault is not told another
// ('vault config set country').
const DefaultCountry = "NO"

// OutsideEEA is the seller's country when all that is known of it is that
// it is outside the EU/EEA (the marketplaces that sell from China).
const OutsideEEA = "outside-eea"

// euCountries are the EU member states; eeaOnly the other EEA states but
// Norway. Both by ISO 3166-1 alpha-2 code.
var (
	euCountries = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
		"LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
	eeaOnly = []string{"IS", "LI"}
)

// Country is an ISO 3166-1 alpha-2 code in upper case, or OutsideEEA; ""
// is not known.
func Country(s string) string {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, OutsideEEA) {
		return OutsideEEA
	}
	return strings.ToUpper(s)
}

// ValidCountry reports whether c (as Country returns it) is a two-letter
// code or OutsideEEA.
func ValidCountry(c string) bool {
	if c == OutsideEEA {
		return true
	}
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

// InEU and InEEA say where a country is; an unknown one is in neither.
func InEU(c string) bool  { return slices.Contains(euCountries, c) }
func InEEA(c string) bool { return c == "NO" || InEU(c) || slices.Contains(eeaOnly, c) }

// LawFor decides which consumer law applies to an order of a buyer living
// in country (DefaultCountry when ""). It is the one place that decides it:
// the deadlines' rules, the letters and the dossier all ask. Consumer
// protection follows the consumer's country when the seller directs its
// business there, as every marketplace the vault knows does (in the EU,
// Rome I art. 6): a Norwegian buyer has Norwegian law whatever the currency
// or the seller's country; a buyer in another EU/EEA state has the EU
// directives; anyone else, none the vault can name.
func LawFor(o Order, country string) Law {
	switch c := Country(country); {
	case c == "" || c == "NO":
		return NorwegianLaw
	case InEEA(c):
		return EULaw
	}
	return NoLaw
}

// SellerCountry is where the order's seller is: as recorded on the order,
// else as the vault knows its marketplace (AliExpress sells from outside the
// EEA; Komplett and Elkjøp are Norwegian shops; Temu and Shein contract in
// the EEA through Irish companies, so their sellers are not known); "" when
// it is not known. recorded says whether it was recorded on the order.
func SellerCountry(o Order) (country string, recorded bool) {
	if o.SellerCountry != "" {
		return o.SellerCountry, true
	}
	for _, k := range known {
		if k.id == o.Marketplace {
			return k.sellers, false
		}
	}
	return "", false
}

// countryNames are the EU/EEA states (but Norway, whose law the vault
// names itself) in English and bokmål, as a letter says "the consumer law
// of Germany".
var countryNames = map[string][2]string{
	"AT": {"Austria", "Østerrike"}, "BE": {"Belgium", "Belgia"}, "BG": {"Bulgaria", "Bulgaria"}, "CY": {"Cyprus", "Kypros"},
	"CZ": {"the Czech Republic", "Tsjekkia"}, "DE": {"Germany", "Tyskland"}, "DK": {"Denmark", "Danmark"}, "EE": {"Estonia", "Estland"},
	"ES": {"Spain", "Spania"}, "FI": {"Finland", "Finland"}, "FR": {"France", "Frankrike"}, "GR": {"Greece", "Hellas"},
	"HR": {"Croatia", "Kroatia"}, "HU": {"Hungary", "Ungarn"}, "IE": {"Ireland", "Irland"}, "IT": {"Italy", "Italia"},
	"LT": {"Lithuania", "Litauen"}, "LU": {"Luxembourg", "Luxembourg"}, "LV": {"Latvia", "Latvia"}, "MT": {"Malta", "Malta"},
	"NL": {"the Netherlands", "Nederland"}, "PL": {"Poland", "Polen"}, "PT": {"Portugal", "Portugal"}, "RO": {"Romania", "Romania"},
	"SE": {"Sweden", "Sverige"}, "SI": {"Slovenia", "Slovenia"}, "SK": {"Slovakia", "Slovakia"}, "IS": {"Iceland", "Island"},
	"LI": {"Liechtenstein", "Liechtenstein"},
}

// CountryName is an EU/EEA state's name in l ("" for another country).
func CountryName(code string, l lang.Lang) string {
	n, ok := countryNames[Country(code)]
	if !ok {
		return ""
	}
	if l == lang.NB {
		return n[1]
	}
	return n[0]
}
