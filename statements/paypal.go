package statements

import (
	"encoding/csv"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// paypalNames are the columns of PayPal's activity download the vault
// reads, in English and in German (PayPal names them in the account's
// language; the download lets the user choose columns, so they are found
// by name): date, name, type, status, currency, gross, transaction id, and
// the balance impact when present.
var paypalNames = []map[string]string{
	{"date": "date", "text": "name", "type": "type", "status": "status", "currency": "currency", "amount": "gross",
		"ref": "transaction id", "impact": "balance impact", "title": "item title"},
	{"date": "datum", "text": "name", "type": "typ", "status": "status", "currency": "währung", "amount": "brutto",
		"ref": "transaktionscode", "impact": "auswirkung auf guthaben", "title": "artikelbezeichnung"},
}

// paypalColumns recognises PayPal's header: the options to read it.
func paypalColumns(names []string) (Options, bool) {
	for lang, want := range paypalNames {
		at := map[string]int{}
		for key, name := range want {
			if i := slices.Index(names, name); i >= 0 {
				at[key] = i + 1
			}
		}
		if len(at) < 7 || at["date"] == 0 || at["amount"] == 0 || at["ref"] == 0 {
			continue
		}
		opts := Options{Columns: map[string]int{"date": at["date"], "text": at["text"], "detail": at["title"], "amount": at["amount"],
			"currency": at["currency"], "ref": at["ref"]}, Decimal: '.'}
		maps.DeleteFunc(opts.Columns, func(_ string, n int) bool { return n == 0 })
		if lang == 1 {
			opts.Decimal, opts.DateFormat = ',', "2.1.2006"
		}
		opts.skip = paypalSkip(at)
		return opts, true
	}
	return Options{}, false
}

// paypalSkip leaves out the rows that move no money of the buyer's:
// "Memo" rows (a card or bank funding a payment, an authorisation), the
// currency conversions within PayPal, and payments not completed.
func paypalSkip(at map[string]int) func([]string) bool {
	field := func(rec []string, key string) string {
		if n := at[key]; n > 0 && n <= len(rec) {
			return strings.ToLower(strings.TrimSpace(rec[n-1]))
		}
		return ""
	}
	return func(rec []string) bool {
		status, kind := field(rec, "status"), field(rec, "type")
		return field(rec, "impact") == "memo" ||
			strings.Contains(kind, "currency conversion") || strings.Contains(kind, "währungsumrechnung") ||
			status != "" && status != "completed" && status != "abgeschlossen"
	}
}

// slashOrder decides whether the d/m/y dates in a column are day or month
// first (PayPal writes either, by the account's country): a first part
// over 12 is a day, a second part over 12 is a day; "" when every date
// reads both ways, and the user must say with --date-format. (A file
// without dates has nothing to read either way.)
func slashOrder(r *csv.Reader, col int) string {
	dayFirst, monthFirst, dates := false, false, 0
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if col > len(rec) {
			continue
		}
		parts := strings.Split(strings.TrimSpace(rec[col-1]), "/")
		if len(parts) != 3 {
			continue
		}
		a, errA := strconv.Atoi(parts[0])
		b, errB := strconv.Atoi(parts[1])
		if errA != nil || errB != nil {
			continue
		}
		dates++
		dayFirst = dayFirst || a > 12
		monthFirst = monthFirst || b > 12
	}
	switch {
	case dates == 0:
		return "2/1/2006"
	case dayFirst && !monthFirst:
		return "2/1/2006"
	case monthFirst && !dayFirst:
		return "1/2/2006"
	}
	return ""
}
