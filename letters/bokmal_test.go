package letters

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"

	"vault/internal/lang"
)

// TestEveryTextTranslated finds every literal given to w.t, w.f and w.law in
// write.go and checks that it has a bokmål translation with the same verbs.
func TestEveryTextTranslated(t *testing.T) {
	var keys []string
	for _, name := range []string{"write.go", "summary.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, texts(f)...)
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d texts: the search is broken", len(keys))
	}
	for _, k := range keys {
		nb, ok := bokmal[k]
		if !ok {
			t.Errorf("no bokmål for %q", k)
		} else if lang.Verbs(k) != lang.Verbs(nb) {
			t.Errorf("%q and %q differ in their verbs", k, nb)
		}
	}
}

// texts are the literals given to t, f, law and lawf in f, and those of
// every byLaw.
func texts(f *ast.File) []string {
	var keys []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.CompositeLit); ok {
			if id, ok := lit.Type.(*ast.Ident); ok && id.Name == "byLaw" {
				for _, e := range lit.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if s, ok := kv.Value.(*ast.BasicLit); ok && s.Kind == token.STRING {
							v, _ := strconv.Unquote(s.Value)
							keys = append(keys, v)
						}
					}
				}
			}
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		args := call.Args[:1] // t and f: the text or format
		if sel.Sel.Name != "t" && sel.Sel.Name != "f" {
			return true
		}
		for _, a := range args {
			if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				keys = append(keys, s)
			}
		}
		return true
	})
	return keys
}
