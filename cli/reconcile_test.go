package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enduse/enduse"
)

// TestReconcile checks the item totals of a corpus against the amounts the
// notices state: one notice adds up, one differs by the missing line, one
// has an unpriced item and cannot be told.
func TestReconcile(t *testing.T) {
	dir := t.TempDir()
	notice := func(name, amount, rows string) {
		html := "<html><body><h2>某市公安局存储设备采购项目中标公告</h2><p>采购人：某市公安局</p>" +
			"<p>中标供应商：某某科技有限公司</p><p>中标金额：" + amount + "</p>" +
			"<table><tr><td>货物名称</td><td>品牌</td><td>型号</td><td>数量</td><td>单价（元）</td></tr>" + rows + "</table></body></html>"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	notice("a.html", "25,000.00元", "<tr><td>监控硬盘</td><td>希捷</td><td>ST4000VX013</td><td>20块</td><td>1,250.00</td></tr>")
	notice("b.html", "30,000.00元", "<tr><td>监控硬盘</td><td>希捷</td><td>ST4000VX013</td><td>20块</td><td>1,250.00</td></tr>")
	notice("c.html", "30,000.00元", "<tr><td>监控硬盘</td><td>希捷</td><td>ST4000VX013</td><td>20块</td><td>1,250.00</td></tr>"+
		"<tr><td>网线</td><td>安普</td><td>CAT6</td><td>3箱</td><td>/</td></tr>")
	code, out, errs := run(t, "", "reconcile", "--json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sum reconcileSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if sum.Documents != 3 || sum.Checkable != 2 || sum.Reconciles != 1 || sum.Differs != 1 || sum.Rate != 0.5 ||
		sum.CannotTell["items without a price"] != 1 {
		t.Errorf("summary = %+v", sum)
	}
	for _, n := range sum.Notices {
		if strings.HasSuffix(n.Source, "b.html") && n.Difference != -5000 {
			t.Errorf("b.html difference = %v, want -5000", n.Difference)
		}
	}
	code, out, _ = run(t, "", "reconcile", dir)
	if code != 0 || !strings.Contains(out, "2 with every item priced and an amount: 1 reconcile (50.0%), 1 differ") ||
		!strings.Contains(out, "b.html") || strings.Contains(out, "a.html") {
		t.Errorf("text output (exit %d):\n%s", code, out)
	}
	if code, _, _ := run(t, "", "reconcile"); code != 2 {
		t.Errorf("no input: exit %d, want 2 (usage)", code)
	}
}

// TestValidateFilterMethod accepts the procurement method ids notices are
// read into and names the known ones when given another.
func TestValidateFilterMethod(t *testing.T) {
	for _, c := range []struct {
		method string
		ok     bool
	}{{"", true}, {"open_tender", true}, {"single_source", true}, {"公开招标", false}, {"tender", false}} {
		err := ValidateFilter(enduse.Filter{Method: c.method})
		if (err == nil) != c.ok {
			t.Errorf("method %q: err = %v, want ok %v", c.method, err, c.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "competitive_consultation") {
			t.Errorf("method %q: error does not list the methods: %v", c.method, err)
		}
	}
}
