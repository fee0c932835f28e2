package export

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vault/deadlines"
	"vault/internal/lang"
)

// TestEveryTextTranslated finds every constant given to d.t in the package
// and checks that it has a bokmål translation
// with the same format verbs.
func TestEveryTextTranslated(t *testing.T) {
	keys := constantKeys(t)
	keys = append(keys, translatedWords...)
	for _, r := range deadlines.BuiltinRules() { // the windows' names reach the timeline
		for _, w := range r.Windows {
			keys = append(keys, w.Name)
		}
	}
	for _, mt := range []string{"image/heic", "video/mp4", "application/pdf", "application/zip"} {
		keys = append(keys, notShown(mt))
	}
	for _, k := range keys {
		nb, ok := bokmal[k]
		if !ok {
			t.Errorf("no bokmål for %q", k)
			continue
		}
		if lang.Verbs(k) != lang.Verbs(nb) {
			t.Errorf("%q: verbs %q, bokmål %q has %q", k, lang.Verbs(k), nb, lang.Verbs(nb))
		}
	}
}

func constantKeys(t *testing.T) []string {
	fset := token.NewFileSet()
	names, _ := filepath.Glob("*.go")
	var keys []string
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "t" {
				if s, ok := literal(call.Args[0]); ok {
					keys = append(keys, s)
				}
			}
			return true
		})
	}
	if len(keys) < 40 {
		t.Fatalf("found only %d texts: the search is broken", len(keys))
	}
	return keys
}

// literal evaluates a string literal or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := literal(e.X)
		b, ok2 := literal(e.Y)
		return a + b, ok1 && ok2 && e.Op == token.ADD
	}
	return "", false
}
