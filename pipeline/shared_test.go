package pipeline

import (
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/enduse/enduse/region"
	"github.com/enduse/enduse/screen"
)

// TestNewSharesBuiltinParts checks that pipelines share the built-in parts
// and build only what their configuration changes.
func TestNewSharesBuiltinParts(t *testing.T) {
	a, b := newPipeline(t), newPipeline(t)
	if a != b {
		t.Error("two built-in pipelines are different objects: the parts were built twice")
	}
	same, err := New(Config{Lists: a.Lists})
	if err != nil {
		t.Fatal(err)
	}
	if same.Screener != a.Screener {
		t.Error("the built-in lists passed explicitly got a screener of their own")
	}
	user, err := New(Config{KBDirs: []string{t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	if user.KB == a.KB || user.Recognizer == a.Recognizer || user.Screener == a.Screener {
		t.Error("a user knowledge base reused the built-in knowledge base, recogniser or screener")
	}
	// The organisation analyser renders names the knowledge base knows in
	// English, so a user knowledge base gets one of its own.
	if user.Regions != a.Regions || user.Lists != a.Lists || user.Orgs == a.Orgs {
		t.Error("a user knowledge base rebuilt the regions or lists, or kept the built-in organisation analyser")
	}
	if _, err := New(Config{KBDirs: []string{"/nonexistent/kb"}}); err == nil {
		t.Error("a missing knowledge-base directory gave no error")
	}
}

// BenchmarkBuild measures building the built-in pipeline from its data:
// the start-up cost every process pays once.
func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		if _, err := buildBuiltin(); err != nil {
			b.Fatal(err)
		}
	}
}

var update = flag.Bool("update", false, "rewrite data/screener.snap from the built-in data")

// TestScreenerSnapshot: the embedded screener snapshot is what a build
// from this tree's lists, glossaries, knowledge base and region table
// writes, and the built-in pipeline loaded it. It fails after any change
// to that data or to how the screener reads names, until the snapshot is
// written again with -update.
func TestScreenerSnapshot(t *testing.T) {
	fp, err := builtinFingerprint()
	if err != nil {
		t.Fatal(err)
	}
	k, _, err := buildKB(nil)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := buildOrgs(tab, k)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := screen.Default()
	if err != nil {
		t.Fatal(err)
	}
	want, err := screen.WriteSnapshot(lists, orgs, kbAliases(k), fp)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("data/screener.snap", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if screenerSnapshot != string(want) {
		t.Fatalf("data/screener.snap (%d bytes) is not what the built-in data builds (%d bytes): run go test ./pipeline -run TestScreenerSnapshot -update", len(screenerSnapshot), len(want))
	}
	if builtinSnapshot() == nil {
		t.Error("the built-in pipeline does not load the snapshot")
	}
	// The loaded screener answers as a built one (every seventh entry's
	// names: screening them all takes seconds).
	p := newPipeline(t)
	built := screen.NewScreener(lists, orgs, kbAliases(k))
	entries := lists.Entries()
	for i := 0; i < len(entries); i += 7 {
		e := entries[i]
		for _, n := range append([]string{e.Name, e.NameZH}, e.Aliases...) {
			if got, want := p.Screener.Screen(n, screen.Options{}), built.Screen(n, screen.Options{}); !reflect.DeepEqual(got, want) {
				t.Fatalf("Screen(%q): loaded %v, built %v", n, got, want)
			}
		}
	}
}
