package resolve

import (
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/kb"
)

func TestResolve(t *testing.T) {
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(k)
	if err != nil {
		t.Fatal(err)
	}
	brands := []struct{ in, want string }{
		{"希捷", "Seagate"},
		{"seagate", "Seagate"},
		{" Seagate ", "Seagate"},
		{"曙光", "Sugon"},
		{"ST4000VX013", "Seagate"},
		{"no such brand 123", "no such brand 123"},
		{"", ""},
	}
	for _, c := range brands {
		if got := r.Brand(c.in); got != c.want {
			t.Errorf("Brand(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	companies := []struct{ in, want string }{
		{"华为", "Huawei Technologies"},
		{"联想", "Lenovo Group"},
		{"大华", "Zhejiang Dahua Technology"},
		{"希捷", "Seagate Technology"},
		{"某某公司", "某某公司"},
	}
	for _, c := range companies {
		if got := r.Company(c.in); got != c.want {
			t.Errorf("Company(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	f := r.Filter(enduse.Filter{Brand: "希捷", Company: "华为", Region: "新疆"})
	if f.Brand != "Seagate" || f.Company != "Huawei Technologies" || f.Region != "新疆" {
		t.Errorf("Filter = %+v", f)
	}
	var none *Resolver
	if got := none.Filter(enduse.Filter{Brand: "希捷"}); got.Brand != "希捷" {
		t.Errorf("nil resolver changed the brand: %q", got.Brand)
	}
}
