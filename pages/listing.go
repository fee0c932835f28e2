package pages

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"vault"
	"vault/internal/money"
)

// itemPaths are the paths of the marketplaces' item pages, by the label of
// their sites' hosts: www.aliexpress.com/item/1005006123456789.html,
// www.temu.com/...-g-601099512345678.html, www.amazon.de/dp/B0C1234567,
// www.ebay.com/itm/123456789012.
var itemPaths = map[string]func() *regexp.Regexp{
	"aliexpress": lazy(`^/(item|i)/\d+\.html`),
	"temu":       lazy(`-g-\d+\.html$|/goods\.html`),
	"amazon":     lazy(`/(dp|gp/product|gp/aw/d)/[A-Z0-9]{10}`),
	"ebay":       lazy(`^/itm/`),
}

// isItemPage reports whether the address is a marketplace's item page.
func isItemPage(address string) bool {
	host, path := hostPath(address)
	labels := strings.Split(host, ".")
	for label, re := range itemPaths {
		if isLabel(labels, label) && re().MatchString(path) {
			return true
		}
	}
	return false
}

// hostPath is an address's host in lower case, without "www.", and its path.
func hostPath(address string) (string, string) {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil {
		return "", ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), u.Path
}

// isLabel reports whether a host's labels, but its last, hold label.
func isLabel(labels []string, label string) bool {
	for _, l := range labels[:max(len(labels)-1, 0)] {
		if l == label {
			return true
		}
	}
	return false
}

// product is what a page's JSON-LD says of the product it shows.
type product struct {
	name, seller string
	price        money.Money
	found        bool
}

// listingOf is what an item page offers: the item's title, price and
// seller, from its JSON-LD Product, its meta tags (og:title,
// product:price:amount and :currency), then its text ("Sold by ...", a
// line that is a price); nil when it names none of them.
func listingOf(d doc, title string) *vault.Listing {
	p := productOf(d.jsonLD)
	l := vault.Listing{Item: oneLine(cmp.Or(p.name, d.meta["og:title"], itemTitle(title)), 500), Seller: oneLine(p.seller, 200),
		Price: p.price}
	if l.Price.IsZero() {
		l.Price = priceOf(cmp.Or(d.meta["product:price:amount"], d.meta["og:price:amount"]),
			cmp.Or(d.meta["product:price:currency"], d.meta["og:price:currency"]))
	}
	lines := strings.Split(d.text, "\n")
	if l.Seller == "" {
		l.Seller = sellerIn(lines)
	}
	if l.Price.IsZero() {
		l.Price = priceIn(lines)
	}
	if l == (vault.Listing{}) {
		return nil
	}
	return &l
}

// isProduct reports whether the page says it shows a product (JSON-LD
// Product, og:type product).
func isProduct(d doc) bool {
	return productOf(d.jsonLD).found || strings.HasPrefix(d.meta["og:type"], "product")
}

// productOf reads the first Product of the JSON-LD scripts (at the top,
// in a list or an @graph).
func productOf(scripts []string) product {
	for _, s := range scripts {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			continue
		}
		if p, ok := findProduct(v, 0); ok {
			return p
		}
	}
	return product{}
}

// findProduct walks a JSON-LD value, at most 8 levels deep, for a Product.
func findProduct(v any, depth int) (product, bool) {
	if depth > 8 {
		return product{}, false
	}
	switch x := v.(type) {
	case []any:
		for _, item := range x {
			if p, ok := findProduct(item, depth+1); ok {
				return p, true
			}
		}
	case map[string]any:
		if !isType(x["@type"], "Product") {
			return findProduct(x["@graph"], depth+1)
		}
		p := product{name: text(x["name"]), found: true}
		offer := x["offers"]
		if list, ok := offer.([]any); ok && len(list) > 0 {
			offer = list[0]
		}
		if o, ok := offer.(map[string]any); ok {
			p.price = priceOf(text(o["price"]), text(o["priceCurrency"]))
			if s, ok := o["seller"].(map[string]any); ok {
				p.seller = text(s["name"])
			}
		}
		return p, true
	}
	return product{}, false
}

// isType reports whether a JSON-LD @type (a name or a list) names want.
func isType(v any, want string) bool {
	switch t := v.(type) {
	case string:
		return t == want || t == "http://schema.org/"+want || t == "https://schema.org/"+want
	case []any:
		for _, x := range t {
			if isType(x, want) {
				return true
			}
		}
	}
	return false
}

// text is a JSON-LD value as text: a string, or a number as written.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return fmt.Sprint(x)
	}
	return ""
}

// priceOf is an amount and its currency code as money; zero when either
// is missing or unreadable.
func priceOf(amount, currency string) money.Money {
	if amount == "" || currency == "" {
		return money.Money{}
	}
	m, err := money.Parse(amount + " " + currency)
	if err != nil || m.Minor <= 0 {
		return money.Money{}
	}
	return m
}

// priceLine is a line that is only a price: "US $12.99", "NOK 349,00",
// "349,00 kr", "€12,99".
var priceLine = lazy(`^(?:[A-Z]{2,3} ?)?[$€£¥]?\s?\d[\d .,]{0,14}(?:\s?(?:kr\.?|[A-Z]{3}|[$€£¥]))?$`)

// priceIn is the first line among the page's first 300 that is a price.
func priceIn(lines []string) money.Money {
	for _, line := range lines[:min(len(lines), 300)] {
		if !priceLine().MatchString(line) {
			continue
		}
		m, err := money.Parse(strings.Replace(line, " $", "$", 1))
		if err == nil && m.Currency != "" && m.Minor > 0 {
			return m
		}
	}
	return money.Money{}
}

// sellerLabel is a line that names the seller ("Sold by Shenzhen Gadget
// Store", "Store: ...", "Solgt av ..."), or says the next line does.
var sellerLabel = lazy(`(?i)^(?:ships from and sold by|sold by|seller|store|shop|selger|solgt av|sælger|säljare)\b\s*:?\s*(.*)$`)

// sellerIn is the seller the page's text names.
func sellerIn(lines []string) string {
	for i, line := range lines {
		m := sellerLabel().FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[1] != "":
			return oneLine(m[1], 200)
		case i+1 < len(lines):
			return oneLine(lines[i+1], 200)
		}
	}
	return ""
}

// itemSuffixes are what marketplaces put around an item's title in the
// page's title.
var itemSuffixes = lazy(`(?i)\s*[-|–]\s*(aliexpress|temu|ebay|amazon\.[a-z.]+)(\s.*)?$|^amazon\.[a-z.]+\s*:\s*`)

// itemTitle is a page's title without the marketplace's name.
func itemTitle(title string) string {
	return strings.TrimSpace(itemSuffixes().ReplaceAllString(title, ""))
}
