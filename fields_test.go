package vault

import (
	"reflect"
	"strings"
	"testing"
)

// jsonKeyAt is the JSON key of the field of r that p points to.
func jsonKeyAt(r any, p any) (string, bool) {
	v := reflect.ValueOf(r).Elem()
	target := reflect.ValueOf(p).Pointer()
	for i := range v.NumField() {
		if v.Field(i).Addr().Pointer() == target {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			return name, true
		}
	}
	return "", false
}

// checkTable: each row's JSON key is the record's own, its flag and key
// are unique, and its value goes in and comes out in its stored form.
func checkTable[R any](t *testing.T, kind RecordKind, table []fieldOf[R]) {
	flags, keys := map[string]bool{}, map[string]bool{}
	for _, f := range table {
		var r R
		if key, ok := jsonKeyAt(&r, f.at(&r)); !ok || key != f.JSON {
			t.Errorf("%s %s: JSON key %q, the record says %q", kind, f.Key, f.JSON, key)
		}
		if keys[f.Key] || f.Flag != "" && flags[f.Flag] {
			t.Errorf("%s %s: key or flag %q twice", kind, f.Key, f.Flag)
		}
		keys[f.Key], flags[f.Flag] = true, true
		if f.label == "" || f.nb == "" || f.About == "" {
			t.Errorf("%s %s: a label in each language and what it holds", kind, f.Key)
		}
		value := map[FieldType]string{TextField: "blåbær 蓝莓", MoneyField: "49.90 NOK", DateField: "2026-10-02",
			ListField: "a\nb", MarketplaceField: "aliexpress", AccountField: "ACC-3"}[f.Type]
		if f.Type == WordField {
			value = f.Words[len(f.Words)-1]
		}
		if f.Key == "seller_country" {
			value = "CN"
		}
		if err := put(f.at(&r), value); err != nil || get(f.at(&r)) != value {
			t.Errorf("%s %s: put %q, got %q (%v)", kind, f.Key, value, get(f.at(&r)), err)
		}
		if err := put(f.at(&r), ""); err != nil || get(f.at(&r)) != "" {
			t.Errorf("%s %s: unset gives %q (%v)", kind, f.Key, get(f.at(&r)), err)
		}
	}
}

func TestFieldTables(t *testing.T) {
	checkTable(t, RecordOrder, orderFields)
	checkTable(t, RecordCase, caseFields)
	checkTable(t, RecordEvidence, evidenceFields)
	checkTable(t, RecordAccount, accountFields)
	for id, want := range map[string]RecordKind{"ORD-1": RecordOrder, "case-2": RecordCase, "EV-3": RecordEvidence,
		"ACC-1": RecordAccount, "TX-1": "", "": ""} {
		if KindOf(id) != want {
			t.Errorf("KindOf(%q) = %q", id, KindOf(id))
		}
	}
	if f, ok := FieldByFlag(RecordOrder, "item"); !ok || f.Key != "items" {
		t.Errorf("--item changes %q", f.Key)
	}
	if _, ok := FieldByFlag(RecordCase, "status"); ok {
		t.Error("a case's status follows its outcome: no flag")
	}
	var o Order
	if err := put(&o.SellerCountry, "x"); err != nil {
		t.Fatal(err) // a plain string takes anything
	}
	if err := (&o).SetFact("seller_country", "china"); err == nil {
		t.Error("a seller's country that is no code was taken")
	}
}
