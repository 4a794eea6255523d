package pipeline

import (
	"testing"
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
