package redact

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// found returns the texts of the spans Find reports, as "kind:text".
func found(text string) []string {
	rs := []rune(text)
	var out []string
	for _, s := range Find(text) {
		out = append(out, s.Kind+":"+string(rs[s.Start:s.End]))
	}
	return out
}

func TestFindPositives(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"contact with honorific", "联系人：孙老师", []string{"person:孙老师"}},
		{"person column under a rowspan", "单位名称\t项目名称\t金额\t项目负责人\n某某建设有限公司\t甲工程\t100\t王思思\n乙工程\t3959.59\t陈睿翔\n", []string{"person:王思思", "person:陈睿翔"}},
		{"later personnel records", "张三,其他,***、何钦,注册土木工程师·岩土、其他,AY20224201646、李长森,其他,***", []string{"person:张三", "person:何钦", "cert:AY20224201646", "person:李长森"}},
		{"honorific glued before a phone", "联系电话：北仑区发展和改革局李老师0574-86780000", []string{"person:李老师", "phone:0574-86780000"}},
		{"engineer gao", "联系人： 高工\n电话： 0574-86780000", []string{"person:高工", "phone:0574-86780000"}},
		{"list name with a three-character given name", "联 系 人：李明、季金恋子\n电话", []string{"person:李明", "person:季金恋子"}},
		{"three-character given name alone", "联 系 人：季金恋子      \n电话", []string{"person:季金恋子"}},
		{"list led by a three-character given name", "联 系 人：季金恋子、柯宁\n电话", []string{"person:季金恋子", "person:柯宁"}},
		{"rare surname with honorific", "联系人：宓老师\n联系人：羿工\n电话", []string{"person:宓老师", "person:羿工"}},
		{"get in touch phrase", "如遇网站注册问题，请与张老师联系 0574-87859812", []string{"person:张老师", "phone:0574-87859812"}},
		{"export field name", "* projectContactPerson : 黄圣凤\n", []string{"person:黄圣凤"}},
		{"dotted mailbox at a company domain", "电子邮件：tongwangdong.gyl@chinaccs.cn", []string{"email:tongwangdong.gyl@chinaccs.cn"}},
		{"contact list", "联系人：曹雪阳、金明凤", []string{"person:曹雪阳", "person:金明凤"}},
		{"spaced label", "联 系 人：柴老师\n电 话：0574-87859812", []string{"person:柴老师", "phone:0574-87859812"}},
		{"mr and ms", "联系人：张先生 李女士", []string{"person:张先生", "person:李女士"}},
		{"engineer form", "项目联系人：王工，电话13812345678", []string{"person:王工", "phone:13812345678"}},
		{"name glued to phone label", "联系人：张建电话：07385318515", []string{"person:张建", "phone:07385318515"}},
		{"phone list without area code", "联系电话：0574－87198579、87307605", []string{"phone:0574－87198579", "phone:87307605"}},
		{"full-width mobile", "手机：１３９０５７４１２３４", []string{"phone:１３９０５７４１２３４"}},
		{"extension", "电话：(0574)87654321转8012", []string{"phone:(0574)87654321转8012"}},
		{"fax", "传真：0574-87179089", []string{"phone:0574-87179089"}},
		{"spaced label, local number", "电 话：87654321", []string{"phone:87654321"}},
		{"masked mobile", "联系方式：138****5678", []string{"phone:138****5678"}},
		{"id number", "身份证号：11010519491231002X", []string{"id_number:11010519491231002X"}},
		{"masked id", "证件号码:420822********3833", []string{"id_number:420822********3833"}},
		{"masked id with X", "施工技术负责人\t张波,职称证,421003197907XXXXXX", []string{"person:张波", "id_number:421003197907XXXXXX"}},
		{"qq mail", "邮箱：372263232@qq.com", []string{"email:372263232@qq.com"}},
		{"personnel record row", "专职安全员\t张淼,安全生产考核合格证(C证),鄂建安C3(2023)0006756",
			[]string{"person:张淼", "cert:鄂建安C3(2023)0006756"}},
		{"two persons in one cell", "设计分项负责人\t刘亮,职称证,E300026298、王豹,职称证,P300001216",
			[]string{"person:刘亮", "cert:E300026298", "person:王豹", "cert:P300001216"}},
		{"registration number with province", "项目负责人\t李强,注册二级建造师·市政公用工程、安全生产考核合格证(B证),鄂242171996068、鄂建安B(2019)0017026",
			[]string{"person:李强", "cert:鄂242171996068", "cert:鄂建安B(2019)0017026"}},
		{"label row with later cells", "项目负责人\t无\t付建邦,其他,E300023802\t仰利明,注册一级建造师·机电工程,浙1332016201642999",
			[]string{"person:付建邦", "cert:E300023802", "person:仰利明", "cert:浙1332016201642999"}},
		{"expert list on next line", "五、论证人员名单：\n柴亮、王余华、朱雷挺\n六、其他", []string{"person:柴亮", "person:王余华", "person:朱雷挺"}},
		{"expert column", "序号\t专家姓名\t工作单位\t职称\n1\t邵力\t宁波市轨道交通集团有限公司运营分公司\t高级工程师\n2\t马泽清\t武汉地铁运营有限公司\t高级工程师",
			[]string{"person:邵力", "person:马泽清"}},
		{"label value table row", "联系人\t张三\t电话\t0574-12345678", []string{"person:张三", "phone:0574-12345678"}},
		{"name padded with spaces", "联系人：张  三\t电话：0574-12345678", []string{"person:张  三", "phone:0574-12345678"}},
		{"next field after the name", "项目联系人：黄圣凤 项目联系电话： 0771-2851243", []string{"person:黄圣凤", "phone:0771-2851243"}},
		{"contact way with a name", "联系方式：张先生 13812345678", []string{"person:张先生", "phone:13812345678"}},
		{"supervisor after representative", "招标人代表：胡堃 监督人：李凤英 代理机构工作人员：白伟", []string{"person:胡堃", "person:李凤英", "person:白伟"}},
		{"legal representative", "法定代表人：欧阳明辉", []string{"person:欧阳明辉"}},
		{"evaluation committee", "评标委员会成员：张三（组长）、李四、王五", []string{"person:张三", "person:李四", "person:王五"}},
		{"safety certificate anywhere", "证书：皖建安C3(2023)0015463", []string{"cert:皖建安C3(2023)0015463"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := found(tc.text)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Find(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestFindNegatives(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"police bureau as buyer", "采购人：张家港市公安局\n地址：张家港市人民路1号"},
		{"company name", "中标供应商：李宁体育用品有限公司"},
		{"place name", "交货地点：北京市东城区王府井大街"},
		{"organisation after contact label", "联系人：张家港市公安局办公室"},
		{"label in prose", "法定代表人或单位负责人为同一人的不得参与；项目负责人须具备二级建造师资格"},
		{"role words are not labels", "安全员、施工员、质检员各一名"},
		{"amounts", "中标价(元):\t4317401.24\t合同金额：1,234,567.00元"},
		{"dates", "公示期限：2025年8月29日至2025年9月5日，开标时间2025-09-12 09:00"},
		{"project code", "项目编号：NBGODOZB223211-240/XM_2025ZH002654 采购编号：湘财采计[2018]011839号"},
		{"credit code", "统一社会信用代码：91420528573729114J"},
		{"company licence", "安全生产许可证名称及编号:\t(鄂)JZ安许证字[2013]008850"},
		{"organisation mail", "电子邮箱：zfcg@ningbo.gov.cn"},
		{"postcode and address", "地址：宁波市鄞州区郡杨路286号 邮编：315000"},
		{"invalid 18 digits", "编号 123456789012345678"},
		{"model numbers", "希捷 ST4000VX013 20块，海康威视 DS-8632N-K8"},
		{"expert opinion heading", "专家论证意见：详见附件"},
		{"no name after label", "联系人：采购用户电话"},
		{"words after role labels", "项目负责人 安排：驻场\n人员 方案：另附\n成员 单位：某局\n联系人 方式：见下"},
		{"empty", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := found(tc.text); len(got) > 0 {
				t.Errorf("Find(%q) = %q, want nothing", tc.text, got)
			}
		})
	}
}

func TestApply(t *testing.T) {
	text := "联系人：张三\t电话：0574-87654321\n地址：宁波"
	spans := Find(text)
	got := Apply(text, spans)
	if utf8.RuneCountInString(got) != utf8.RuneCountInString(text) {
		t.Fatalf("rune length changed: %q", got)
	}
	want := "联系人：＊＊\t电话：＊＊＊＊＊＊＊＊＊＊＊＊＊\n地址：宁波"
	if got != want {
		t.Errorf("Apply = %q, want %q", got, want)
	}
	// spans outside the text are clipped, not a panic
	if got := Apply("abc", []Span{{Start: -3, End: 2, Kind: KindPerson}, {Start: 2, End: 99}}); got != "＊＊＊" {
		t.Errorf("clipped Apply = %q", got)
	}
	if Apply(text, nil) != text {
		t.Error("Apply with no spans changed the text")
	}
}

func TestMerge(t *testing.T) {
	got := merge([]Span{{5, 9, KindCert}, {0, 3, KindPerson}, {2, 4, KindPhone}, {6, 12, KindIDNumber}})
	want := []Span{{0, 4, KindPerson}, {5, 12, KindIDNumber}}
	if len(got) != len(want) {
		t.Fatalf("merge = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("merge[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestValidID(t *testing.T) {
	for s, want := range map[string]bool{
		"11010519491231002X": true,
		"11010519491231002x": true,
		"110105194912310021": false, // wrong check digit
		"110105194913310021": false, // month 13
		"91420528573729114J": false,
	} {
		if got := validID(s); got != want {
			t.Errorf("validID(%s) = %v", s, got)
		}
	}
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := []byte(Apply(string(raw), Find(string(raw))))
			if utf8.RuneCount(got) != utf8.RuneCount(raw) {
				t.Fatal("rune length changed")
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from redacted output:\n%s", golden, got)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("联系人：张三、李四\t电话：0574-87654321转12")
	f.Fuzz(func(t *testing.T, text string) {
		spans := Find(text)
		n := utf8.RuneCountInString(text)
		last := 0
		for _, s := range spans {
			if s.Start < last || s.End <= s.Start || s.End > n {
				t.Fatalf("bad span %+v (previous end %d, length %d) in %q", s, last, n, text)
			}
			last = s.End
		}
		if out := Apply(text, spans); utf8.ValidString(text) && utf8.RuneCountInString(out) != n {
			t.Fatalf("Apply changed the rune length of %q", text)
		}
	})
}

func BenchmarkFind(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var texts []string
	size := 0
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			Find(t)
		}
	}
}

// TestApplyAsRunes: Apply's one pass masks exactly what masking the text's
// runes masks — overlapping, unsorted, empty, negative and overlong
// spans, line breaks and tabs kept, invalid bytes.
func TestApplyAsRunes(t *testing.T) {
	texts := []string{"联系人：张三，电话：13912345678\n地址：某路1号\t邮编", "abc", "", "a\xffb张", "\n\t\n"}
	spanSets := [][]Span{
		{{Start: 4, End: 6}}, {{Start: 10, End: 21}, {Start: 4, End: 6}}, {{Start: 2, End: 8}, {Start: 5, End: 12}},
		{{Start: -3, End: 2}}, {{Start: 20, End: 999}}, {{Start: 5, End: 5}}, {{Start: 7, End: 3}}, {{Start: 0, End: 1000}},
		{{Start: 3, End: 4}, {Start: 3, End: 9}, {Start: 1, End: 2}},
	}
	for _, s := range texts {
		for _, sp := range spanSets {
			if got, want := Apply(s, sp), applyRunes(s, sp); got != want {
				t.Errorf("Apply(%q, %v) = %q, want %q", s, sp, got, want)
			}
		}
	}
}
