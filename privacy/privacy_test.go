package privacy_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/pipeline"
	"github.com/enduse/enduse/privacy"
	"github.com/enduse/enduse/sample"
)

func checker(t testing.TB) *privacy.Checker {
	t.Helper()
	c, err := privacy.New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSecrets checks what the checker reads from an original: label
// values, person columns, numbers and addresses, and not organisations.
func TestSecrets(t *testing.T) {
	c := checker(t)
	src := `<html><body><p>采购人：宜昌市公安局</p><p>联系人：张三丰 联系电话：0717-6253123</p>
<p>项目经理：李四（手机13912345678）</p><p>联系人：采购中心</p><p>邮箱：zhangsan@163.com 身份证号 420502199001011234</p>
<table><tr><td>序号</td><td>单位名称</td><td>项目负责人</td><td>技术负责人电话</td></tr>
<tr><td>1</td><td>湖北某某建设有限公司</td><td>王五</td><td>13800001111</td></tr>
<tr><td>2</td><td>宜昌某某工程有限公司</td><td>赵六、钱七</td><td>/</td></tr></table></body></html>`
	var got []string
	for _, s := range c.Secrets(src) {
		got = append(got, s.Kind+":"+s.Value)
	}
	want := []string{"name:王五", "name:赵六", "name:钱七", "name:张三丰", "name:李四",
		"phone:13912345678", "phone:13800001111", "phone:0717-6253123", "id_number:420502199001011234", "email:zhangsan@163.com"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s in %v", w, got)
		}
	}
	for _, g := range got {
		if strings.Contains(g, "公司") || strings.Contains(g, "采购中心") || strings.Contains(g, "公安局") {
			t.Errorf("organisation taken for personal data: %s", g)
		}
	}
	leaks := privacy.Leaks(c.Secrets(src), "test", "联系人：＊＊＊ 电话 0717 6253123 王五")
	if len(leaks) != 1 || leaks[0].Value != "王五" {
		t.Errorf("leaks = %+v, want 王五 only", leaks)
	}
}

// original returns the original text of a document: the HTML (or text)
// fields of a crawler record, or the document's own bytes.
func original(d *enduse.Document) string {
	raw := strings.TrimSpace(string(d.Raw))
	if !strings.HasPrefix(raw, "{") {
		return raw
	}
	var m map[string]any
	if err := json.Unmarshal(d.Raw, &m); err != nil {
		return raw
	}
	var b strings.Builder
	for _, v := range m {
		if s, ok := v.(string); ok {
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestSampleExtract runs the checker over every bundled real notice: no
// value under a person label or column, no phone, e-mail or ID number of the
// original appears in the extract output or the redacted (stored,
// searchable) text.
func TestSampleExtract(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the pipeline")
	}
	c := checker(t)
	p, err := pipeline.New(pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	docs, secrets := 0, 0
	byOutput := map[string]int{}
	err = sample.Read(func(d *enduse.Document, err error) error {
		if err != nil {
			return err
		}
		docs++
		sec := c.Secrets(original(d))
		secrets += len(sec)
		res := p.Process(d)
		js, err := json.Marshal(res.Notice)
		if err != nil {
			return err
		}
		for _, out := range []struct{ name, text string }{{"extract", string(js)}, {"stored text", res.Redacted}} {
			for _, l := range privacy.Leaks(sec, out.name, out.text) {
				byOutput[out.name]++
				t.Errorf("%s: %s leaks %s %q (%s)", d.Source, l.Output, l.Kind, l.Value, l.Where)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if docs == 0 || secrets == 0 {
		t.Fatalf("checked %d documents with %d personal values: the checker found nothing to check", docs, secrets)
	}
	t.Logf("%d documents, %d personal values, leaks by output: %v", docs, secrets, byOutput)
}
