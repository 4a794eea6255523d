package lineitem

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

var update = flag.Bool("update", false, "rewrite golden files")

// textDoc builds a Document the way package document lays text out: one
// block per line, tab-separated lines as table rows (consecutive rows form
// one table) with cell offsets.
func textDoc(text string) *enduse.Document {
	d := &enduse.Document{Text: text}
	runes := []rune(text)
	table, row := 0, 0
	inTable := false
	start := 0
	for i := 0; i <= len(runes); i++ {
		if i < len(runes) && runes[i] != '\n' {
			continue
		}
		line := string(runes[start:i])
		if strings.Contains(line, "\t") || inTable && bridge(runes, start, i) {
			if !inTable {
				table++
				row = 0
				inTable = true
			}
			b := enduse.Block{Kind: enduse.BlockRow, Table: table, Row: row, Start: start, End: i}
			cs := start
			for j := start; j <= i; j++ {
				if j == i || runes[j] == '\t' {
					b.Cells = append(b.Cells, enduse.Cell{Text: string(runes[cs:j]), Start: cs, End: j})
					cs = j + 1
				}
			}
			d.Blocks = append(d.Blocks, b)
			row++
		} else {
			inTable = false
			d.Blocks = append(d.Blocks, enduse.Block{Kind: enduse.BlockPara, Start: start, End: i})
		}
		start = i + 1
	}
	return d
}

func TestItems(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []enduse.Item // Evidence is checked separately
	}{
		{
			name: "ccgp award table with units in quantity cell",
			text: "序号\t名称\t品牌\t规格型号\t数量\t单价（元）\t金额（元）\n1\t硬盘\t希捷\tST4000VX013\t20块\t650.00\t13,000.00\n合计\t\t\t\t\t\t13,000.00",
			want: []enduse.Item{{Name: "硬盘", Brand: "希捷", Model: "ST4000VX013", Quantity: 20, Unit: "块", UnitPrice: 650, Total: 13000}},
		},
		{
			name: "wan yuan header converted",
			text: "货物名称\t数量\t单位\t单价(万元)\t总价(万元)\n服务器\t2\t台\t3.5\t7",
			want: []enduse.Item{{Name: "服务器", Quantity: 2, Unit: "台", UnitPrice: 35000, Total: 70000}},
		},
		{
			name: "wan yuan in cell",
			text: "序号\t招标内容\t品牌\t数量\t最高限价\n1\t桌面终端\t联想\t30 台\t17.31 万元",
			want: []enduse.Item{{Name: "桌面终端", Brand: "联想", Quantity: 30, Unit: "台", Total: 173100}},
		},
		{
			name: "combined brand model split",
			text: "设备名称\t品牌型号\t数量\n交换机\tH3C S5130S-28S-EI\t6\n摄像机\t海康威视DS-2CD3T46WD-I3\t4\n硬盘\tST8000VX004\t2\n软件\t某某软件平台\t1",
			want: []enduse.Item{
				{Name: "交换机", Model: "H3C S5130S-28S-EI", Quantity: 6}, // Latin-only: brand and series cannot be told apart
				{Name: "摄像机", Brand: "海康威视", Model: "DS-2CD3T46WD-I3", Quantity: 4},
				{Name: "硬盘", Model: "ST8000VX004", Quantity: 2},
				{Name: "软件", Brand: "某某软件平台", Quantity: 1},
			},
		},
		{
			name: "section titles subtotals and blanks skipped",
			text: "序号\t产品名称\t品牌\t数量\n一、存储\t\t\t\n1\t硬盘\t希捷\t4\n\t\t\t\n小计\t\t\t4\n总计\t\t\t4",
			want: []enduse.Item{{Name: "硬盘", Brand: "希捷", Quantity: 4}},
		},
		{
			name: "placeholders are not brands",
			text: "名称\t品牌\t型号\t数量\n硬盘\t不限\t详见附件\t3",
			want: []enduse.Item{{Name: "硬盘", Quantity: 3}},
		},
		{
			name: "brand and model labelled inside a specification cell",
			text: "序号\t货物名称\t技术参数\t数量\n1\t监控硬盘\t品牌：希捷；型号：ST4000VX013；容量4TB\t20",
			want: []enduse.Item{{Name: "监控硬盘", Brand: "希捷", Model: "ST4000VX013", Quantity: 20}},
		},
		{
			name: "ccgp 货物类 table: prefixed headers, supplier per row, quantity forms",
			text: "序号\t供应商名称\t货物名称\t货物品牌\t货物型号\t货物数量\t货物单价(元)\n" +
				"1\t甲公司\t监控硬盘\t希捷\tST4000VX013\t7.00\t1,250.00\n" +
				"2\t乙公司\t摄像机\t海康威视\tDS-2CD3T46WDV3-I3\t2（台）\t420元/台\n" +
				"3\t乙公司\t安装服务\t/\t/\t1批\t￥9,560.00",
			want: []enduse.Item{
				{Name: "监控硬盘", Brand: "希捷", Model: "ST4000VX013", Quantity: 7, UnitPrice: 1250, Supplier: "甲公司"},
				{Name: "摄像机", Brand: "海康威视", Model: "DS-2CD3T46WDV3-I3", Quantity: 2, Unit: "台", UnitPrice: 420, Supplier: "乙公司"},
				{Name: "安装服务", Quantity: 1, Unit: "批", UnitPrice: 9560, Supplier: "乙公司"},
			},
		},
		{
			name: "ccgp 服务类 and 工程类 tables: items without figures",
			text: "序号\t供应商名称\t服务名称\t服务范围\t服务要求\t服务时间\t服务标准\n1\t丙公司\t运维服务\t全市前端\t7×24小时\t一年\t合格\n" +
				"段落\n序号\t供应商名称\t名称\t施工范围\t施工工期\t项目经理\t执业证书信息\n1\t丁公司\t改造工程\t土建\t90日历天\t某某\t证书",
			want: []enduse.Item{{Name: "运维服务", Supplier: "丙公司"}, {Name: "改造工程", Supplier: "丁公司"}},
		},
		{
			name: "model first in a 规格型号及品牌 cell, capacity after the model",
			text: "序号\t名称\t规格型号及品牌\t数量\n1\tNAS硬盘\tST4000VN008/希捷\t16块\n" +
				"名称\t品牌\t规格型号\t数量\n移动硬盘\t希捷（SEAGATE）\tSTGX1000400 1TB\t20个\n" +
				"名称\t品牌及型号\t数量\n硬盘\t品牌：西部数据；型号：WD8003FRYZ\t10 块",
			want: []enduse.Item{
				{Name: "NAS硬盘", Brand: "希捷", Model: "ST4000VN008", Quantity: 16, Unit: "块"},
				{Name: "移动硬盘", Brand: "希捷（SEAGATE）", Model: "STGX1000400", Quantity: 20, Unit: "个"},
				{Name: "硬盘", Brand: "西部数据", Model: "WD8003FRYZ", Quantity: 10, Unit: "块"},
			},
		},
		{
			name: "contract parallel lists on lines of their own",
			text: "六、合同主要信息\n主要标的名称：\n1.不间断电源\n2.酷鱼台式机硬盘\n规格型号（或服务要求）：\n1.山特 C3KS\n2.希捷 ST2000DM008\n" +
				"主要标的数量：\n1.6台\n2.4个\n主要标的单价：\n1.4800元/台\n2.420元/个\n合同金额：3.0480万元",
			want: []enduse.Item{
				{Name: "不间断电源", Brand: "山特", Model: "C3KS", Quantity: 6, Unit: "台", UnitPrice: 4800},
				{Name: "酷鱼台式机硬盘", Brand: "希捷", Model: "ST2000DM008", Quantity: 4, Unit: "个", UnitPrice: 420},
			},
		},
		{
			name: "contract parallel lists in one cell, (k) and ； numbering, a service entry",
			text: "六、合同主要信息\t主要标的名称：（1）存储硬盘；（2）质保服务 规格型号（或服务要求）：（1）希捷 ST16000NM001G 16TB；（2）提供三年原厂质保及上门服务 " +
				"主要标的数量：（1）48块；（2）1项 主要标的单价：（1）2,650.00元；（2）5000元/项 合同金额：17.760000万元 履约期限：30日",
			want: []enduse.Item{
				{Name: "存储硬盘", Brand: "希捷", Model: "ST16000NM001G", Quantity: 48, Unit: "块", UnitPrice: 2650},
				{Name: "质保服务", Quantity: 1, Unit: "项", UnitPrice: 5000},
			},
		},
		{
			name: "contract lists with one unnumbered entry keep 1.5 a figure",
			text: "主要标的名称：监控硬盘\n规格型号：希捷 ST8000VX004\n主要标的数量：30块\n主要标的单价：1.5万元\n合同金额：45万元",
			want: []enduse.Item{{Name: "监控硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 30, Unit: "块", UnitPrice: 15000}},
		},
		{
			name: "prose enumeration: (k) entries with colon, brand, quantity and total",
			text: "三、成交内容：（1）网络存储硬盘：SEAGATE ST4000NE001，3 块，合计3240.00元；（2）备份硬盘：西部数据 WD4002FFWX，2块，合计2,560.00元；（3）安装调试服务：1项，合计4000.00元。\n四、其他",
			want: []enduse.Item{
				{Name: "网络存储硬盘", Brand: "SEAGATE", Model: "ST4000NE001", Quantity: 3, Unit: "块", Total: 3240},
				{Name: "备份硬盘", Brand: "西部数据", Model: "WD4002FFWX", Quantity: 2, Unit: "块", Total: 2560},
				{Name: "安装调试服务", Quantity: 1, Unit: "项", Total: 4000},
			},
		},
		{
			name: "prose enumeration: numbered lines, name brand model quantity by spaces",
			text: "成交内容：\n1、监控硬盘 希捷 ST4000VX013 4块\n2、安装调试服务 1项\n谈判小组：某某",
			want: []enduse.Item{
				{Name: "监控硬盘", Brand: "希捷", Model: "ST4000VX013", Quantity: 4, Unit: "块"},
				{Name: "安装调试服务", Quantity: 1, Unit: "项"},
			},
		},
		{
			name: "prose enumeration: semicolons, brand and series in a parenthesis, unit price",
			text: "主要采购内容：监控硬盘（希捷SkyHawk ST8000VX004）×20块，单价1580元；汇聚交换机（华三S5130-28S-HI）×2台，单价4,900元。",
			want: []enduse.Item{
				{Name: "监控硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 20, Unit: "块", UnitPrice: 1580},
				{Name: "汇聚交换机", Brand: "华三", Model: "S5130-28S-HI", Quantity: 2, Unit: "台", UnitPrice: 4900},
			},
		},
		{
			name: "prose enumeration: 采购内容为 sentence with two models joined by 及",
			text: "本项目采购内容为希捷（Seagate）企业级硬盘ST16000NM001G共计32块及东芝MG08ACA16TE硬盘16块，用于视频图像数据存储。",
			want: []enduse.Item{
				{Name: "企业级硬盘", Brand: "希捷（Seagate）", Model: "ST16000NM001G", Quantity: 32, Unit: "块"},
				{Name: "硬盘", Brand: "东芝", Model: "MG08ACA16TE", Quantity: 16, Unit: "块"},
			},
		},
		{
			name: "no content label, no quantity, or figures elsewhere: no prose items",
			text: "拟采购内容：对现有浪潮AS5600G2存储系统提供一年原厂维保服务\n项目概况：采购希捷ST4000VX013硬盘20块\n" +
				"主要标的名称：监控硬盘、网络摄像机\n规格型号（或服务要求）：详见合同清单\n主要标的数量：详见合同清单",
		},
		{
			name: "figures that are not item quantities, and tender summary tables, give no items",
			text: "采购内容：施工期间交通协管，其他1.5个月（总服务期限以实际为准）\n采购内容：小区34台电梯维保服务。\n" +
				"1、采购内容：财产一切险、机器损坏险。\n2、本项目为服务类采购项目\n6、标段数量：1个\n一、其他\n采购内容：\n标段数量：1个\n" +
				"序号\t招标内容\t服务内容\t服务期限\n1\t保安服务\t详见招标需求\t一年",
		},
		{
			name: "contract lists restating the table are read once",
			text: "主要标的名称：监控硬盘\n规格型号：希捷 ST4000VX013\n主要标的数量：4块\n合同清单\n序号\t货物名称\t品牌\t规格型号\t数量\n1\t监控硬盘\t希捷\tST4000VX013\t4块",
			want: []enduse.Item{{Name: "监控硬盘", Brand: "希捷", Model: "ST4000VX013", Quantity: 4, Unit: "块"}},
		},
		{
			name: "a 子包号 column gives each row its lot as written",
			text: "子包号\t货物名称\t数量（项）\t最高限价（万元）\n一\t摊铺服务\t1\t175\n二\t检测服务\t1\t80",
			want: []enduse.Item{{Name: "摊铺服务", Quantity: 1, Unit: "项", Total: 1750000, Lot: "一"}, {Name: "检测服务", Quantity: 1, Unit: "项", Total: 800000, Lot: "二"}},
		},
		{
			name: "table without item header ignored",
			text: "序号\t专家姓名\t工作单位\t职称\n1\t某某\t某公司\t高级工程师",
		},
		{
			name: "header needs an attribute column",
			text: "序号\t名称\t备注\n1\t硬盘\t无",
		},
		{
			name: "repeated header starts a new layout",
			text: "名称\t数量\n硬盘\t2\n名称\t品牌\t数量\n网线\t安普\t100",
			want: []enduse.Item{{Name: "硬盘", Quantity: 2}, {Name: "网线", Brand: "安普", Quantity: 100}},
		},
		{
			name: "prose run over lines",
			text: "主要标的信息\n名称：硬盘\n品牌（如有）：希捷\n规格型号：ST8000VX004\n数量：10\n单价：1200\n其他事项",
			want: []enduse.Item{{Name: "硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 10, UnitPrice: 1200}},
		},
		{
			name: "two prose items on one line",
			text: "名称：硬盘 品牌：希捷 型号：ST8000VX004 数量：10块 名称：录像机 品牌：海康威视 型号：DS-7816N-K2 数量：2台 单价：0.35万元",
			want: []enduse.Item{
				{Name: "硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 10, Unit: "块"},
				{Name: "录像机", Brand: "海康威视", Model: "DS-7816N-K2", Quantity: 2, Unit: "台", UnitPrice: 3500},
			},
		},
		{
			name: "full-width prose",
			text: "名称：硬盘　品牌：希捷　型号：ＳＴ８０００ＶＸ００４　数量：１０",
			want: []enduse.Item{{Name: "硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 10}},
		},
		{
			name: "combined brand model label in prose",
			text: "产品名称：硬盘；品牌型号：希捷/ST8000VX004；数量：4块；单价：1,200元",
			want: []enduse.Item{{Name: "硬盘", Brand: "希捷", Model: "ST8000VX004", Quantity: 4, Unit: "块", UnitPrice: 1200}},
		},
		{
			name: "lone brand in a sentence is no item",
			text: "对10号馆（品牌：日立）室内机700台进行维保服务。",
		},
		{
			name: "organisation labels are not item names",
			text: "项目名称：监控采购 采购单位：某公安局\n供应商名称：某公司 品牌：希捷",
		},
		{name: "empty", text: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := textDoc(tc.text)
			got := Items(d)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d items, want %d: %+v", len(got), len(tc.want), got)
			}
			for i := range got {
				checkEvidence(t, d.Text, got[i])
				g := got[i]
				g.Evidence = nil
				if g != tc.want[i] {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, g, tc.want[i])
				}
			}
		})
	}
}

// checkEvidence fails when an item's evidence is not the text it names.
func checkEvidence(t *testing.T, text string, it enduse.Item) {
	t.Helper()
	if it.Evidence == nil {
		t.Fatalf("item %q has no evidence", it.Name)
	}
	rs := []rune(text)
	e := it.Evidence
	if e.Start < 0 || e.End > len(rs) || e.Start >= e.End || string(rs[e.Start:e.End]) != e.Text {
		t.Fatalf("item %q: evidence %d-%d %q does not match the text", it.Name, e.Start, e.End, e.Text)
	}
	if !strings.Contains(e.Text, strings.Split(it.Name, " ")[0]) && it.Name != "" {
		t.Errorf("item %q: evidence %q does not contain the name", it.Name, e.Text)
	}
}

// TestRowSpanBlocks reads a table whose cells span rows and columns, as
// package document reports them in Blocks.
func TestRowSpanBlocks(t *testing.T) {
	text := "品目\t货物名称\t品牌\t数量\t技术要求\t限价（万元）\n一\t服务器\t宝德\t1批\t详见第六部分\t2330.20\n六\t磁带库\tIBM\t2台\t240.00\n通用要求"
	d := textDoc(text)
	// the technical-requirement cell of row 1 spans two rows
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Kind == enduse.BlockRow && b.Row == 1 {
			b.Cells[4].RowSpan = 2
		}
	}
	got := Items(d)
	if len(got) != 2 {
		t.Fatalf("got %d items: %+v", len(got), got)
	}
	if got[1].Name != "磁带库" || got[1].Total != 2400000 || got[1].Quantity != 2 || got[1].Unit != "台" {
		t.Errorf("row under a rowspan misread: %+v", got[1])
	}
	if got[0].Total != 23302000 {
		t.Errorf("total = %v, want 23302000", got[0].Total)
	}
}

// TestColSpanHeader checks that a colspan in a data row keeps later cells
// under their headers.
func TestColSpanHeader(t *testing.T) {
	text := "序号\t名称\t品牌\t型号\t数量\n1\t硬盘 希捷\tST4000VX013\t20"
	d := textDoc(text)
	d.Blocks[1].Cells[1].ColSpan = 2
	got := Items(d)
	if len(got) != 1 || got[0].Model != "ST4000VX013" || got[0].Quantity != 20 {
		t.Fatalf("colspan misread: %+v", got)
	}
}

// TestTextWithoutBlocks reads tables from tab-separated lines when the
// document carries no blocks.
func TestTextWithoutBlocks(t *testing.T) {
	d := &enduse.Document{Text: "名称\t品牌\t数量\n硬盘\t希捷\t2"}
	got := Items(d)
	if len(got) != 1 || got[0].Brand != "希捷" || got[0].Quantity != 2 {
		t.Fatalf("got %+v", got)
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
			d := textDoc(string(raw))
			items := Items(d)
			for _, it := range items {
				checkEvidence(t, d.Text, it)
			}
			compareGolden(t, strings.TrimSuffix(f, ".txt")+".golden", items)
		})
	}
}

// compareGolden compares items with a golden JSON file (rewritten with -update).
func compareGolden(t *testing.T, path string, items []enduse.Item) {
	t.Helper()
	got, err := json.MarshalIndent(items, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n got %s\nwant %s", path, got, want)
	}
}

func FuzzItems(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("名称：硬盘 品牌：希捷 型号：ST8000VX004 数量：10")
	f.Add("名称\t品牌型号\t数量\n硬盘\t希捷/ST8000VX004\t1,0")
	f.Add("成交内容：（1）硬盘：SEAGATE ST4000NE001，3 块，合计3,240.00元；（2）服务1项")
	f.Add("主要标的名称：1.硬盘 2.电源\n规格型号（或服务要求）：1.希捷 ST2000DM008 2.山特 C3KS\n主要标的数量：1.4个 2.6台\n主要标的单价：1.420元/个 2.4800元/台")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := textDoc(text)
		n := utf8.RuneCountInString(text)
		for _, it := range Items(d) {
			e := it.Evidence
			if e == nil || e.Start < 0 || e.End > n || e.Start > e.End {
				t.Fatalf("bad evidence %+v in %q", e, text)
			}
		}
		// blocks with nonsense offsets and spans must not panic
		for i := range d.Blocks {
			for j := range d.Blocks[i].Cells {
				d.Blocks[i].Cells[j].RowSpan = 3
				d.Blocks[i].Cells[j].ColSpan = j
				d.Blocks[i].Cells[j].Start -= 5
			}
			d.Blocks[i].End += 7
		}
		Items(d)
	})
}

func BenchmarkItems(b *testing.B) {
	var docs []*enduse.Document
	size := 0
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, textDoc(string(raw)))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Items(d)
		}
	}
}

// TestTwoRowHeader reads a header whose price columns sit under a merged
// 金额 cell, the other headers spanning both header rows.
func TestTwoRowHeader(t *testing.T) {
	text := "序号\t名称\t品牌\t数量\t金额\n单价\t总价\n1\t硬盘\t希捷\t20\t650\t13000"
	d := textDoc(text)
	for i := range d.Blocks[0].Cells[:4] {
		d.Blocks[0].Cells[i].RowSpan = 2
	}
	d.Blocks[0].Cells[4].ColSpan = 2
	got := Items(d)
	if len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
	if g := got[0]; g.Name != "硬盘" || g.Brand != "希捷" || g.Quantity != 20 || g.UnitPrice != 650 || g.Total != 13000 {
		t.Errorf("got %+v", g)
	}
}

// TestPrefixedFindsWhatRegexpFinds: the label finders give exactly what
// their expressions give unanchored, on overlapping and nested labels,
// failed label starts inside matches, and the real notices of testdata.
func TestPrefixedFindsWhatRegexpFinds(t *testing.T) {
	texts := []string{
		"", "采购内容", "采购内容:", "采购内容(一):1台", "采购采购内容:x", "中标内容中标内容为", "成交明细 :a 中标明细:b",
		"主要标的名称:服务器 规格型号(或服务要求):华为 主要标的数量:2台", "主要标的名称主要标的名称:", "标的名称(12345678901234):",
		"规格型号:x规格型号:y", strings.Repeat("标的", 50) + "名称:",
	}
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && utf8.Valid(b) {
			folded := []rune(string(b))
			for i, r := range folded {
				folded[i] = foldRune(r) // as the readers see it: ：→:, （→(
			}
			texts = append(texts, string(b), string(folded))
		}
	}
	check := func(name string, p *prefixed, re *regexp.Regexp) {
		for _, s := range texts {
			if got, want := p.findAll(s), re.FindAllStringSubmatchIndex(s, -1); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s on %.40q: %v, want %v", name, s, got, want)
			}
		}
	}
	check("list labels", listLabel, regexp.MustCompile(strings.TrimPrefix(strings.TrimSuffix(listLabel.anchored.String(), ")"), "^(?:")))
	check("content labels", vocab.label, regexp.MustCompile(strings.TrimPrefix(strings.TrimSuffix(vocab.label.anchored.String(), ")"), "^(?:")))
}

// BenchmarkPrefixed measures the list-label finder over the package's real
// and constructed notices.
func BenchmarkPrefixed(b *testing.B) {
	files, _ := filepath.Glob("testdata/*")
	var buf []byte
	for _, f := range files {
		if x, err := os.ReadFile(f); err == nil {
			buf = append(buf, x...)
		}
	}
	text := string(buf)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		listLabel.findAll(text)
	}
}
