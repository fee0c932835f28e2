package vault

import "strings"

// purchaseSenders are the domains purchase mail comes from: the
// marketplaces the vault knows, the services that take the payment, the
// carriers that bring the parcel, and the banks. 'vault import imap' takes
// a mail from one of them (and from a seller the vault knows, or one that
// names a recorded order); personal mail stays out. A domain counts with
// its subdomains (notice.aliexpress.com is aliexpress.com's), never as a
// part of another name (aliexpress-deals.example is no AliExpress), so
// that a look-alike sender does not bring personal mail in. Ordered by
// party, then as the marketplaces are listed in marketplace.go.
var purchaseSenders = []struct {
	party   Party
	domains []string
}{
	{PartyMarketplace, []string{ // and the notifiers' own domains (notice.go)
		"aliexpress.ru", "alibaba.com",
		"amazon.ca", "amazon.com.au", "amazon.co.jp",
		"ebay.at", "ebay.nl",
		"wish.com", "shein.com", "etsy.com",
		"zalando.no", "zalando.com", "zalando.se", "zalando.dk", "zalando.de",
		"komplett.no", "komplett.se", "komplett.dk", "elkjop.no", "finn.no", "cdon.no", "cdon.com", "cdon.se",
	}},
	{PartyBank, []string{ // payment services (and PayPal's, notice.go), then banks and card issuers
		"klarna.com", "klarna.no", "vipps.no", "mobilepay.dk", "stripe.com",
		"dnb.no", "nordea.no", "nordea.com", "sparebank1.no", "handelsbanken.no", "sbanken.no", "danskebank.no",
		"danskebank.com", "banknorwegian.no", "santander.no", "storebrand.no", "remember.no", "revolut.com", "wise.com", "n26.com",
	}},
	{PartyCarrier, []string{
		"posten.no", "bring.com", "bring.no", "postnord.com", "postnord.no", "postnord.se", "postnord.dk",
		"dhl.com", "dhl.de", "dhl.no", "ups.com", "fedex.com", "gls-group.eu", "gls-group.com", "dpd.com",
		"cainiao.com", "4px.com", "yunexpress.com", "instabox.no", "instabox.se", "helthjem.no", "porterbuddy.com",
		"budbee.com", "usps.com", "royalmail.com", "postnl.nl",
	}},
}

// PurchaseSender tells whether mail from this sender ("AliExpress
// <transaction@notice.aliexpress.com>" or the bare address) comes from a
// marketplace, a payment service or bank (PartyBank), or a carrier the
// vault knows, and which of them.
func PurchaseSender(from string) (Party, bool) {
	addr := Address(from)
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return PartyUnknown, false
	}
	domain := strings.TrimSuffix(addr[at+1:], ".")
	for _, n := range notifiers {
		if inDomains(domain, n.domains) && n.id == PayPal {
			return PartyBank, true // a payment service
		} else if inDomains(domain, n.domains) {
			return PartyMarketplace, true
		}
	}
	for _, s := range purchaseSenders {
		if inDomains(domain, s.domains) {
			return s.party, true
		}
	}
	return PartyUnknown, false
}

// inDomains reports whether domain is one of domains or a subdomain of one
// (notice.aliexpress.com is aliexpress.com's; aliexpress-deals.example is
// no one's).
func inDomains(domain string, domains []string) bool {
	for _, d := range domains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}
