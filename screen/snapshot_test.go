package screen

import (
	"bytes"

	"errors"
	"github.com/enduse/enduse"
	"reflect"
	"strings"
	"testing"
)

// testAliases stands in for a knowledge base: every name gets a made-up
// alias, so snapshots carry names of kindKB too.
func testAliases(name string) []string {
	if strings.Contains(name, "Huawei") || strings.Contains(name, "华为") {
		return []string{"华为技术有限公司", "Huawei Technologies Co., Ltd."}
	}
	return nil
}

func bundleSnapshot(t *testing.T) (*Lists, []byte) {
	t.Helper()
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := sharedAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	snap, err := WriteSnapshot(l, a, testAliases, "fp")
	if err != nil {
		t.Fatal(err)
	}
	return l, snap
}

// TestSnapshotRoundTrip: a screener loaded from a snapshot has the very
// indexes a build makes, screens every name of the bundle alike, and
// writes the same snapshot again.
func TestSnapshotRoundTrip(t *testing.T) {
	l, snap := bundleSnapshot(t)
	if fp, err := SnapshotFingerprint(string(snap)); err != nil || fp != "fp" {
		t.Fatalf("fingerprint %q, %v", fp, err)
	}
	sn, err := ReadSnapshot(string(snap))
	if err != nil {
		t.Fatal(err)
	}
	a, err := sharedAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	built := NewScreener(l, a, testAliases)
	loaded := sn.Screener(a, testAliases)
	if loaded.Err() != nil {
		t.Fatal(loaded.Err())
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"entries", loaded.l.entries, built.l.entries},
		{"list infos", loaded.l.infos, built.l.infos},
		{"owners", loaded.l.owner, built.l.owner},
		{"end dates", loaded.l.ended, built.l.ended},
		{"identities", loaded.ident, built.ident},
		{"exact keys", loaded.exact, built.exact},
		{"forms", loaded.forms, built.forms},
		{"Han trade names", loaded.tradeHan, built.tradeHan},
		{"Latin trade names", loaded.tradeLatin, built.tradeLatin},
		{"English places", loaded.gaz.en, built.gaz.en},
		{"divisions", loaded.gaz.zh, built.gaz.zh},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s differ after a snapshot", c.what)
		}
	}
	var names []string
	for _, e := range l.entries[:min(len(l.entries), 3000)] {
		names = append(names, e.Name, e.NameZH)
		names = append(names, e.Aliases...)
	}
	names = append(names, "新疆维吾尔自治区公安厅", "乌鲁木齐市公安局天山区分局", "华为技术有限公司", "Xinjiang Public Security Bureau")
	for _, n := range names {
		if got, want := loaded.Screen(n, Options{}), built.Screen(n, Options{}); !reflect.DeepEqual(got, want) {
			t.Fatalf("Screen(%q): loaded %v, built %v", n, got, want)
		}
	}
	again, err := WriteSnapshot(sn.Lists(), a, testAliases, "fp")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, snap) {
		t.Error("a snapshot of the loaded lists differs from the first")
	}
}

// TestSnapshotErrors: damaged snapshots are refused with ErrSnapshot,
// never loaded in part.
func TestSnapshotErrors(t *testing.T) {
	_, snap := bundleSnapshot(t)
	head := len(snapshotMagic) + len("fp\n")
	for _, c := range []struct{ name, data string }{
		{"empty", ""},
		{"other version", strings.Replace(string(snap), "snapshot 1", "snapshot 0", 1)},
		{"no fingerprint", snapshotMagic + "fp"},
		{"truncated table", string(snap[:head+3])},
		{"truncated body", string(snap[:len(snap)-1])},
		{"trailing bytes", string(snap) + "\x00"},
		{"huge count", snapshotMagic + "fp\n\xff\xff\xff\xff\x0f"},
		{"string out of range", snapshotMagic + "fp\n\x00\x01\x00\x00\x00\x00\x05"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := ReadSnapshot(c.data); !errors.Is(err, ErrSnapshot) {
				t.Errorf("err = %v, want ErrSnapshot", err)
			}
		})
	}
}

// TestFingerprint: the fingerprint follows the data given to it.
func TestFingerprint(t *testing.T) {
	a, err := Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Fingerprint(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Fingerprint(); a == b || again != a || len(a) != 64 {
		t.Errorf("fingerprints %s, %s, %s", a, again, b)
	}
}

// FuzzReadSnapshot: no input panics the reader or the screener made from
// what it read, and every refusal wraps ErrSnapshot.
func FuzzReadSnapshot(f *testing.F) {
	small := single(ListInfo{Name: "BIS Entity List", Version: "2024-01"}, []enduse.ListEntry{
		{List: "BIS Entity List", Name: "Xinjiang Public Security Bureau", NameZH: "新疆维吾尔自治区公安厅", Type: "entity", Aliases: []string{"XPSB"}},
		{List: "BIS Entity List", Name: "Hikvision", Type: "entity", Programs: []string{"EAR"}},
	})
	seed, err := WriteSnapshot(small, nil, testAliases, "fp")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	g, err := newGlossary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(snapshotMagic + "fp\n\x00\x00\x00\x00\x00"))
	f.Add([]byte(snapshotMagic + "fp\n\x00\x01\x00\x00\x00\x00\x05"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sn, err := ReadSnapshot(string(b))
		if err != nil {
			if !errors.Is(err, ErrSnapshot) {
				t.Fatalf("error %v does not wrap ErrSnapshot", err)
			}
			return
		}
		// A snapshot that decodes must also index and screen. (Without
		// places: the region table would be most of each run.)
		s := sn.screener(g, nil, nil, nil)
		for _, n := range []string{"新疆公安厅", "ab", "Xinjiang Public Security Bureau"} {
			s.Screen(n, Options{})
		}
	})
}
