package letters

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestEveryTextTranslated finds every literal given to w.t and w.f in
// write.go and checks that it has a bokmål translation with the same verbs.
func TestEveryTextTranslated(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "write.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "t" || sel.Sel.Name == "f") {
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				keys = append(keys, s)
			}
		}
		return true
	})
	if len(keys) < 50 {
		t.Fatalf("found only %d texts: the search is broken", len(keys))
	}
	keys = append(keys, "dispute", "chargeback", "draft", "open", "escalated", "won", "lost", "closed")
	for _, k := range keys {
		nb, ok := bokmal[k]
		if !ok {
			t.Errorf("no bokmål for %q", k)
		} else if verbs(k) != verbs(nb) {
			t.Errorf("%q and %q differ in their verbs", k, nb)
		}
	}
}

func verbs(s string) string {
	var out []string
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			out = append(out, s[i:i+2])
			i++
		}
	}
	return strings.Join(out, "")
}
