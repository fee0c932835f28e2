package vault

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Marketplace is where an order was placed, in its stored form: lower
// case, as typed otherwise ("aliexpress", "finn.no", "my local shop").
type Marketplace string

// The marketplaces the vault knows by name.
const (
	AliExpress Marketplace = "aliexpress"
	Temu       Marketplace = "temu"
	Amazon     Marketplace = "amazon"
	EBay       Marketplace = "ebay"
	Shein      Marketplace = "shein"
	Wish       Marketplace = "wish"
	Etsy       Marketplace = "etsy"
	Zalando    Marketplace = "zalando"
	Komplett   Marketplace = "komplett"
	Elkjop     Marketplace = "elkjøp"
	Finn       Marketplace = "finn.no"
	CDON       Marketplace = "cdon"
)

// known holds what the vault knows of each marketplace: the name as the
// marketplace writes it, other names people type for it, its country sites
// (kept on the order: the seller's country may follow), and parts of the
// domains its mail comes from. An ordered list: a sender's domain may name
// two ("ebay-paypal..."), and the answer must not depend on map order.
var known = []struct {
	id      Marketplace
	name    string
	aliases []string
	sites   []string
	mail    []string
	sellers string // where its sellers are, when the vault knows (see SellerCountry)
}{
	{AliExpress, "AliExpress", []string{"ali", "ali express", "aliexpress.com"}, nil, []string{"aliexpress", "alibaba"}, OutsideEEA},
	{Temu, "Temu", []string{"temu.com"}, nil, []string{"temu"}, ""}, // sells in the EEA through an Irish company
	{Amazon, "Amazon", []string{"amazon.com", "amzn"}, []string{"amazon.de", "amazon.co.uk", "amazon.se", "amazon.fr",
		"amazon.it", "amazon.es", "amazon.nl", "amazon.pl", "amazon.com.be", "amazon.ie"}, []string{"amazon"}, ""},
	{EBay, "eBay", []string{"ebay.com"}, []string{"ebay.de", "ebay.co.uk", "ebay.fr", "ebay.it", "ebay.es"}, []string{"ebay"}, ""},
	{Wish, "Wish", []string{"wish.com"}, nil, []string{"wish.com"}, ""},
	{Shein, "Shein", []string{"shein.com"}, nil, []string{"shein"}, ""},
	{Etsy, "Etsy", []string{"etsy.com"}, nil, []string{"etsy"}, ""},
	{Zalando, "Zalando", []string{"zalando.no", "zalando.com"}, nil, []string{"zalando"}, ""},
	{Komplett, "Komplett", []string{"komplett.no"}, nil, []string{"komplett"}, "NO"},
	{Elkjop, "Elkjøp", []string{"elkjop", "elkjop.no", "elkjøp.no"}, nil, []string{"elkjop"}, "NO"},
	{Finn, "Finn.no", []string{"finn", "finn torget", "finntorget"}, nil, []string{"finn.no"}, ""},
	{CDON, "CDON", []string{"cdon.no", "cdon.com"}, nil, []string{"cdon"}, ""},
}

// ParseMarketplace is the stored form of a marketplace name: "AliExpress " -> "aliexpress".
func ParseMarketplace(s string) Marketplace {
	return Marketplace(strings.ToLower(strings.TrimSpace(s)))
}

// LookupMarketplace reads a marketplace as people type it: a known name,
// one of its other names, or one of its country sites (returned as site:
// "Amazon.de" is Amazon, site amazon.de). ok is false for a name the vault
// does not know, which is returned in its stored form.
func LookupMarketplace(s string) (m Marketplace, site string, ok bool) {
	typed := ParseMarketplace(s)
	for _, k := range known {
		switch {
		case typed == k.id || containsString(k.aliases, string(typed)):
			return k.id, "", true
		case containsString(k.sites, string(typed)):
			return k.id, string(typed), true
		}
	}
	return typed, "", false
}

// SuggestMarketplace is the known marketplace whose name, other name or
// site is closest to s, with the number of edits between them.
func SuggestMarketplace(s string) (Marketplace, int) {
	typed := string(ParseMarketplace(s))
	best, dist := Marketplace(""), 1<<30
	for _, k := range known {
		for _, name := range append(append([]string{string(k.id)}, k.aliases...), k.sites...) {
			if d := editDistance(typed, name); d < dist {
				best, dist = k.id, d
			}
		}
	}
	return best, dist
}

// KnownMarketplaces lists the marketplaces the vault knows, for help and
// completion.
func KnownMarketplaces() []Marketplace {
	out := make([]Marketplace, len(known))
	for i, k := range known {
		out[i] = k.id
	}
	return out
}

// Name is the marketplace as its owner writes it ("AliExpress", "eBay"),
// or the stored name with a capital letter when the vault does not know it.
func (m Marketplace) Name() string {
	for _, k := range known {
		if k.id == m {
			return k.name
		}
	}
	r, size := utf8.DecodeRuneInString(string(m))
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + string(m)[size:]
}

// checkSite refuses, without force, a country site that is not one of a
// known marketplace's: amazon.dee, or an ebay.de on an AliExpress order.
// Any site goes for a shop the vault does not know.
func (m Marketplace) checkSite(site string, force bool) error {
	if site == "" || force {
		return nil
	}
	for _, k := range known {
		if k.id == m && !containsString(k.sites, site) && !containsString(k.aliases, site) {
			return needsForce("%s is not a site of %s the vault knows", site, k.name)
		}
	}
	return nil
}

// MarketplaceOfDomain names the marketplace whose mail comes from domain
// (lower case), if the vault knows one.
func MarketplaceOfDomain(domain string) (Marketplace, bool) {
	for _, k := range known {
		for _, part := range k.mail {
			if strings.Contains(domain, part) {
				return k.id, true
			}
		}
	}
	return "", false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// editDistance counts the single-rune insertions, deletions and
// substitutions that turn a into b (Levenshtein).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
