package vault

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// OrderID, CaseID and EvidenceID are row ids shown to people as ORD-n, CASE-n, EV-n.
type (
	OrderID    int64
	CaseID     int64
	EvidenceID int64
)

func (id OrderID) String() string    { return "ORD-" + strconv.FormatInt(int64(id), 10) }
func (id CaseID) String() string     { return "CASE-" + strconv.FormatInt(int64(id), 10) }
func (id EvidenceID) String() string { return "EV-" + strconv.FormatInt(int64(id), 10) }

// MarshalText writes the human form, so JSON carries "ORD-1".
func (id OrderID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// MarshalText writes the human form, so JSON carries "CASE-1".
func (id CaseID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// MarshalText writes the human form, so JSON carries "EV-1".
func (id EvidenceID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText reads "ORD-1", so vault's own JSON reads back.
func (id *OrderID) UnmarshalText(b []byte) error {
	n, err := parseID("ORD", string(b))
	*id = OrderID(n)
	return err
}

// UnmarshalText reads "CASE-1".
func (id *CaseID) UnmarshalText(b []byte) error {
	n, err := parseID("CASE", string(b))
	*id = CaseID(n)
	return err
}

// UnmarshalText reads "EV-1".
func (id *EvidenceID) UnmarshalText(b []byte) error {
	n, err := parseID("EV", string(b))
	*id = EvidenceID(n)
	return err
}

// ParseCaseID reads "CASE-3" (any case) or a bare "3".
func ParseCaseID(s string) (CaseID, error) {
	n, err := parseID("CASE", s)
	return CaseID(n), err
}

// ParseEvidenceID reads "EV-3" (any case) or a bare "3".
func ParseEvidenceID(s string) (EvidenceID, error) {
	n, err := parseID("EV", s)
	return EvidenceID(n), err
}

// ParseOrderID reads "ORD-12" (any case) only: a bare number names an order
// by its order number, so it is not an id.
func ParseOrderID(s string) (OrderID, bool) {
	rest, ok := cutPrefixFold(s, "ORD-")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return OrderID(n), err == nil && n > 0
}

func parseID(prefix, s string) (int64, error) {
	rest, _ := cutPrefixFold(strings.TrimSpace(s), prefix+"-")
	n, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || n <= 0 {
		what := map[string]string{"ORD": "an order", "EV": "an evidence", "CASE": "a case", "ACC": "an account"}[prefix]
		return 0, fmt.Errorf("%q is not %s id (like %s-1)", s, cmp.Or(what, "a "+strings.ToLower(prefix)), prefix)
	}
	return n, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
