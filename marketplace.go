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
	Finn       Marketplace = "finn.no"
)

// known holds what the vault knows of each marketplace: the name as the
// marketplace writes it and parts of the domains its mail comes from. An
// ordered list: a sender's domain may name two ("ebay-paypal..."), and the
// answer must not depend on map order.
var known = []struct {
	id   Marketplace
	name string
	mail []string
}{
	{AliExpress, "AliExpress", []string{"aliexpress", "alibaba"}},
	{Temu, "Temu", []string{"temu"}},
	{Amazon, "Amazon", []string{"amazon"}},
	{EBay, "eBay", []string{"ebay"}},
	{Wish, "Wish", []string{"wish.com"}},
	{Shein, "Shein", []string{"shein"}},
	{Etsy, "Etsy", []string{"etsy"}},
	{Finn, "Finn.no", []string{"finn.no"}},
}

// ParseMarketplace is the stored form of a marketplace name: "AliExpress " -> "aliexpress".
func ParseMarketplace(s string) Marketplace {
	return Marketplace(strings.ToLower(strings.TrimSpace(s)))
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
