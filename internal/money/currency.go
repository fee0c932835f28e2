package money

import "strings"

// decimals lists the ISO 4217 currencies whose minor unit is not two digits.
var decimals = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
	"PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

// known holds the ISO 4217 codes accepted; a typo like "NKO" is an error, not a new currency.
var known = codes(`AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH
UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL`)

func codes(list string) map[string]bool {
	set := map[string]bool{}
	for _, c := range strings.Fields(list) {
		set[c] = true
	}
	return set
}

// symbols maps the symbols and local words shoppers see to a currency.
// "kr" is taken as NOK: this tool's home market; write SEK or DKK for those.
var symbols = map[string]string{
	"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "JP¥": "JPY",
	"CN¥": "CNY", "RMB": "CNY", "元": "CNY", "kr": "NOK", "kr.": "NOK", ",-": "NOK",
	"zł": "PLN", "₽": "RUB", "₹": "INR", "₩": "KRW", "R$": "BRL", "C$": "CAD",
	"A$": "AUD", "CHF": "CHF", "Kč": "CZK", "₺": "TRY", "₴": "UAH",
}

// Currency returns the ISO 4217 code for a code (any case) or a known symbol.
func Currency(s string) (string, bool) {
	if code, ok := symbols[s]; ok {
		return code, true
	}
	if code, ok := symbols[strings.ToLower(s)]; ok {
		return code, true
	}
	if up := strings.ToUpper(s); known[up] {
		return up, true
	}
	return "", false
}

// Decimals is the number of digits of the currency's minor unit (2 when unknown).
func Decimals(code string) int {
	if d, ok := decimals[code]; ok {
		return d
	}
	return 2
}
