# -*- coding: utf-8 -*-
# Builds /work/corpus9/shapes/*.html + *.expected.json from hand-written per-notice templates.
# CONSTRUCTED test data; all companies and contacts fictitious.
import json, os
OUT = "/work/corpus9/shapes"
NOTICES = []

RES = {
 "ST4000VX013":("Seagate","SkyHawk"),"ST8000VX004":("Seagate","SkyHawk"),"ST6000VX001":("Seagate","SkyHawk"),
 "ST4000VX016":("Seagate","SkyHawk"),"ST10000VX0008":("Seagate","SkyHawk"),
 "ST2000VX000":("Seagate","SV35"),"ST3000VX000":("Seagate","SV35"),
 "ST4000VN000":("Seagate","Seagate NAS HDD"),"ST4000VN008":("Seagate","IronWolf"),"ST8000VN004":("Seagate","IronWolf"),
 "ST4000NE001":("Seagate","IronWolf Pro"),"ST12000NE0008":("Seagate","IronWolf Pro"),
 "ST8000NM000A":("Seagate","Exos"),"ST16000NM001G":("Seagate","Exos"),
 "ST2000DM008":("Seagate","BarraCuda"),"ST1000DM010":("Seagate","BarraCuda"),
 "STGX1000400":("Seagate","Expansion"),"STKM1000400":("Seagate","One Touch"),"STDR2000300":("Seagate","Backup Plus"),
 "WD40PURZ":("Western Digital","WD Purple"),"WD80PURZ":("Western Digital","WD Purple"),"WD60PURX":("Western Digital","WD Purple"),
 "WD8003FRYZ":("Western Digital","WD Gold"),"WD4002FFWX":("Western Digital","WD Red Pro"),"WD40EFRX":("Western Digital","WD Red"),
 "WD10EZEX":("Western Digital","WD Blue"),"WDBYVG0020BBK":("Western Digital","My Passport"),"HUS728T8TALE6L4":("Western Digital","Ultrastar"),
 "MG08ACA16TE":("Toshiba","Toshiba MG"),
 "DS-2CD3T46WDV3-I3":("Hikvision",None),"DS-7932N-R4":("Hikvision",None),"DS-2CD3326WDV3-I":("Hikvision",None),
 "DH-IPC-HFW2433M-I1":("Dahua",None),"DH-NVR4832-4KS2":("Dahua",None),
 "IPC2124LB-SF40KM-G":("Uniview",None),"NVR302-16E2":("Uniview",None),
 "S5735-L24T4X-A":("Huawei",None),"S5130-28S-HI":("H3C",None),"NF5280M6":("Inspur",None),
 "PowerEdge R740":("Dell",None),"ThinkSystem SR650":("Lenovo",None),"C3KS":("Santak",None),
}
def res(*models):
    out=[]
    for m in models:
        b,l=RES[m]; d={"model_or_brand":m,"brand":b}
        if l: d["product_line"]=l
        out.append(d)
    return out

def it(name, brand=None, model=None, quantity=None, unit=None, unit_price=None, total=None, supplier=None, lot=None):
    d={"name":name}
    for k,v in (("brand",brand),("model",model),("quantity",quantity),("unit",unit),("unit_price",unit_price),("total",total),("supplier",supplier),("lot",lot)):
        if v is not None: d[k]=v
    return d

def add(fn, html, exp):
    exp = dict(exp); exp["constructed"]=True
    order=["shape","constructed","type","title","published","project_code","procurement_method","buyer","agency","winners","budget","award_amount","items","expected_brand_resolution","notes"]
    exp={k:exp[k] for k in order if k in exp}
    NOTICES.append((fn, "<!-- constructed test notice -->\n"+html.strip()+"\n", exp))

def contacts_ccgp(buyer, baddr, agency, aaddr, person="张工", n=9):
    return f"""
<p style="font-size:16px"><strong>九、凡对本次公告内容提出询问，请按以下方式联系。</strong></p>
<p>1.采购人信息</p>
<p>名&nbsp;&nbsp;&nbsp;&nbsp;称：{buyer}</p>
<p>地&nbsp;&nbsp;&nbsp;&nbsp;址：{baddr}</p>
<p>联系方式：李警官，0991-0000000</p>
<p>2.采购代理机构信息</p>
<p>名&nbsp;&nbsp;&nbsp;&nbsp;称：{agency}</p>
<p>地&nbsp;&nbsp;&nbsp;&nbsp;址：{aaddr}</p>
<p>联系方式：{person}，0991-000000{n}</p>
<p>3.项目联系方式</p>
<p>项目联系人：{person}</p>
<p>电&nbsp;&nbsp;&nbsp;&nbsp;话：13800000000</p>
"""

# ---------------- shape 1: ccgp award goods table ----------------
B="乌鲁木齐市公安局天山区分局"; A="新疆华信项目管理有限公司"; S="新疆天网信息科技有限公司"
add("001-ccgp-award-summary-head.html", f"""
<div class="vF_detail_header"><h2 class="tc">乌鲁木齐市公安局天山区分局视频监控存储扩容项目中标（成交）结果公告</h2>
<p class="tc"><span id="pubTime">2022年03月15日 18:32</span>&nbsp;&nbsp;来源：<span>新疆政府采购网</span></p></div>
<div class="table"><table width="600" border="1">
<tr><td colspan="4"><b>公告概要：</b></td></tr>
<tr><td class="title">采购项目名称</td><td colspan="3">乌鲁木齐市公安局天山区分局视频监控存储扩容项目</td></tr>
<tr><td class="title">品目</td><td colspan="3">货物/设备/信息化设备/存储设备</td></tr>
<tr><td class="title">采购单位</td><td colspan="3">{B}</td></tr>
<tr><td class="title">行政区域</td><td>乌鲁木齐市</td><td class="title">公告时间</td><td>2022年03月15日  18:32</td></tr>
<tr><td class="title">评审专家名单</td><td colspan="3">王某某、赵某某、孙某某</td></tr>
<tr><td class="title">总中标金额</td><td colspan="3">￥4.010000 万元（人民币）</td></tr>
<tr><td class="title">项目联系人</td><td colspan="3">张工</td></tr>
<tr><td class="title">项目联系电话</td><td colspan="3">13800000000</td></tr>
<tr><td class="title">采购单位地址</td><td colspan="3">乌鲁木齐市天山区某某路1号</td></tr>
<tr><td class="title">代理机构名称</td><td colspan="3">{A}</td></tr>
</table></div>
<div class="vF_detail_content">
<p><strong>一、项目编号：</strong>XJHX-2022-101</p>
<p><strong>二、项目名称：</strong>乌鲁木齐市公安局天山区分局视频监控存储扩容项目</p>
<p><strong>三、中标（成交）信息</strong></p>
<p>供应商名称：{S}</p><p>供应商地址：乌鲁木齐市新市区某某街88号</p><p>中标（成交）金额：4.010000（万元）</p>
<p><strong>四、主要标的信息</strong></p>
<table border="1" cellspacing="0"><tr><td colspan="7">货物类</td></tr>
<tr><td>序号</td><td>供应商名称</td><td>货物名称</td><td>货物品牌</td><td>货物型号</td><td>货物数量</td><td>货物单价(元)</td></tr>
<tr><td>1</td><td>{S}</td><td>监控硬盘</td><td>希捷</td><td>ST4000VX013</td><td>20.00</td><td>1,250.00</td></tr>
<tr><td>2</td><td>{S}</td><td>网络摄像机</td><td>海康威视</td><td>DS-2CD3T46WDV3-I3</td><td>10.00</td><td>580.00</td></tr>
<tr><td>3</td><td>{S}</td><td>网络硬盘录像机</td><td>海康威视</td><td>DS-7932N-R4</td><td>1.00</td><td>9,300.00</td></tr>
</table>
<p><strong>五、评审专家（单一来源采购人员）名单：</strong></p><p>王某某、赵某某、孙某某</p>
<p><strong>六、代理服务收费标准及金额：</strong></p><p>代理服务收费标准：参照原国家计委计价格[2002]1980号文件执行</p><p>代理服务收费金额（万元）：0.060000</p>
<p><strong>七、公告期限</strong></p><p>自本公告发布之日起1个工作日。</p>
<p><strong>八、其它补充事宜</strong></p><p>无</p>
{contacts_ccgp(B,"乌鲁木齐市天山区某某路1号",A,"乌鲁木齐市沙依巴克区某某大厦12层")}
</div>""", {"shape":"ccgp-award-goods-table","type":"award","title":"乌鲁木齐市公安局天山区分局视频监控存储扩容项目中标（成交）结果公告",
 "published":"2022-03-15","project_code":"XJHX-2022-101","buyer":B,"agency":A,"winners":[S],"award_amount":40100.0,
 "items":[it("监控硬盘","希捷","ST4000VX013",20,None,1250.0,supplier=S),it("网络摄像机","海康威视","DS-2CD3T46WDV3-I3",10,None,580.0,supplier=S),
          it("网络硬盘录像机","海康威视","DS-7932N-R4",1,None,9300.0,supplier=S)],
 "expected_brand_resolution":res("ST4000VX013","DS-2CD3T46WDV3-I3","DS-7932N-R4"),
 "notes":"公告概要 head table with 总中标金额 ￥4.010000 万元（人民币）= 40100 yuan; quantities '20.00' with no unit; agency fee 0.06万元 is NOT the award amount; 评审专家 names and contact persons must not become suppliers. Procurement method not stated."})

B2="喀什地区公安局"; A2="新疆正信招标代理有限公司"
S2a="喀什智安电子科技有限公司"; S2b="新疆博远网络工程有限公司"
add("002-ccgp-award-multi-supplier.html", f"""
<div class="vF_detail_header"><h2 class="tc">喀什地区公安局2022年技侦设备采购项目成交公告</h2>
<p class="tc"><span id="pubTime">2022年04月02日 11:05</span></p></div>
<div class="vF_detail_content">
<p style="line-height:24px"><span style="font-size:16px;font-family:宋体"><b>一、项目编号：</b>ZXZB-KS-2022-017</span></p>
<p style="line-height:24px"><span style="font-size:16px;font-family:宋体"><b>二、项目名称：</b>喀什地区公安局2022年技侦设备采购项目</span></p>
<p style="line-height:24px"><span style="font-size:16px;font-family:宋体"><b>三、中标（成交）信息</b></span></p>
<table border="1"><tr><td>序号</td><td>中标（成交）金额(元)</td><td>中标供应商名称</td><td>中标供应商地址</td></tr>
<tr><td>1</td><td>￥16,280.00</td><td>{S2a}</td><td>喀什市某某路6号</td></tr>
<tr><td>2</td><td>￥62,445.00</td><td>{S2b}</td><td>乌鲁木齐市水磨沟区某某路19号</td></tr></table>
<p style="line-height:24px"><span style="font-size:16px;font-family:宋体"><b>四、主要标的信息</b></span></p>
<table border="1" cellspacing="0" cellpadding="0"><tbody>
<tr><td colspan="7" style="text-align:center">货物类</td></tr>
<tr><td>序号</td><td>供应商名称</td><td>货物名称</td><td>货物品牌</td><td>货物型号</td><td>货物数量</td><td>货物单价(元)</td></tr>
<tr><td>1</td><td>{S2a}</td><td>监控专用硬盘</td><td>西部数据</td><td>WD40PURZ</td><td>16（块）</td><td>420元/块</td></tr>
<tr><td>2</td><td>{S2a}</td><td>硬盘安装调试服务</td><td>/</td><td>/</td><td>1批</td><td>￥9,560.00</td></tr>
<tr><td>3</td><td>{S2b}</td><td>接入交换机</td><td>华为</td><td>S5735-L24T4X-A</td><td>2（台）</td><td>￥3,600.00</td></tr>
<tr><td>4</td><td>{S2b}</td><td>网络摄像机</td><td>大华</td><td>DH-IPC-HFW2433M-I1</td><td>87（台）</td><td>635元/台</td></tr>
</tbody></table>
<p><b>五、评审专家（单一来源采购人员）名单：</b>刘某、陈某、马某</p>
<p><b>六、代理服务收费标准及金额：</b>收费标准：按国家规定；收费金额：0.12万元</p>
<p><b>七、公告期限</b>&nbsp;自本公告发布之日起1个工作日。</p>
<p><b>八、其它补充事宜</b>&nbsp;采购方式：竞争性磋商</p>
{contacts_ccgp(B2,"喀什市某某路100号",A2,"喀什市某某大道22号","周工",8)}
</div>""", {"shape":"ccgp-award-goods-table","type":"award","title":"喀什地区公安局2022年技侦设备采购项目成交公告",
 "published":"2022-04-02","project_code":"ZXZB-KS-2022-017","procurement_method":"竞争性磋商","buyer":B2,"agency":A2,"winners":[S2a,S2b],
 "award_amount":78725.0,
 "items":[it("监控专用硬盘","西部数据","WD40PURZ",16,"块",420.0,supplier=S2a),it("硬盘安装调试服务",None,None,1,"批",9560.0,supplier=S2a),
          it("接入交换机","华为","S5735-L24T4X-A",2,"台",3600.0,supplier=S2b),it("网络摄像机","大华","DH-IPC-HFW2433M-I1",87,"台",635.0,supplier=S2b)],
 "expected_brand_resolution":res("WD40PURZ","S5735-L24T4X-A","DH-IPC-HFW2433M-I1"),
 "notes":"Two suppliers in one goods table, each row its own supplier. Quantities '16（块）', '2（台）', '1批'; prices '420元/块', '￥3,600.00'. '/' brand/model cells mean none. award_amount = sum of the two supplier amounts (16280 + 62445). The '采购方式' is in 八、其它补充事宜."})

B3="新疆维吾尔自治区公安厅"; A3="新疆天山招标有限公司"; S3="新疆恒宇数据系统集成有限公司"
add("003-ccgp-award-servers.html", f"""
<h2 style="text-align:center">新疆维吾尔自治区公安厅大数据平台服务器扩容项目中标公告</h2>
<div class="content">
<p>发布时间：2022-02-21</p>
<p>一、项目编号：TSZB-2022-0033</p>
<p>二、项目名称：新疆维吾尔自治区公安厅大数据平台服务器扩容项目</p>
<p>三、中标（成交）信息</p>
<p>&nbsp;&nbsp;1.中标结果：</p>
<table border="1" style="border-collapse:collapse"><tr><th>序号</th><th>中标（成交）金额</th><th>中标供应商名称</th><th>中标供应商地址</th></tr>
<tr><td>1</td><td>最终报价:971600(元)</td><td>{S3}</td><td>乌鲁木齐市高新区某某路3号</td></tr></table>
<p>&nbsp;&nbsp;2.废标结果：无</p>
<p>四、主要标的信息</p>
<table border="1" style="border-collapse:collapse">
<tr><th colspan="7">货物类</th></tr>
<tr><th>序号</th><th>供应商名称</th><th>货物名称</th><th>货物品牌</th><th>货物型号</th><th>货物数量</th><th>货物单价(元)</th></tr>
<tr><td>1</td><td>{S3}</td><td>机架式服务器</td><td>浪潮</td><td>NF5280M6</td><td>7.00</td><td>86,000.00</td></tr>
<tr><td>2</td><td>{S3}</td><td>数据库服务器</td><td>戴尔</td><td>PowerEdge R740</td><td>3.00</td><td>92,000.00</td></tr>
<tr><td>3</td><td>{S3}</td><td>企业级硬盘</td><td>希捷</td><td>ST8000NM000A</td><td>72.00</td><td>1,300.00</td></tr>
</table>
<p>五、评审专家（单一来源采购人员）名单：</p><p>吴某某（组长）、郑某某、冯某某、何某某、吕某某</p>
<p>六、代理服务收费标准及金额：</p><p>代理服务收费金额（元）：11,200.00</p>
<p>七、公告期限</p><p>自本公告发布之日起1个工作日。</p>
<p>八、其它补充事宜</p><p>采购方式：公开招标。预算金额：110.000000万元</p>
{contacts_ccgp(B3,"乌鲁木齐市天山区某某路","新疆天山招标有限公司","乌鲁木齐市新市区某某路","钱工",7)}
</div>""", {"shape":"ccgp-award-goods-table","type":"award","title":"新疆维吾尔自治区公安厅大数据平台服务器扩容项目中标公告",
 "published":"2022-02-21","project_code":"TSZB-2022-0033","procurement_method":"公开招标","buyer":B3,"agency":A3,"winners":[S3],
 "budget":1100000.0,"award_amount":971600.0,
 "items":[it("机架式服务器","浪潮","NF5280M6",7,None,86000.0,supplier=S3),it("数据库服务器","戴尔","PowerEdge R740",3,None,92000.0,supplier=S3),
          it("企业级硬盘","希捷","ST8000NM000A",72,None,1300.0,supplier=S3)],
 "expected_brand_resolution":res("NF5280M6","PowerEdge R740","ST8000NM000A"),
 "notes":"award amount written '最终报价:971600(元)'; agency fee 11,200.00 must not be taken as award amount; budget 110.000000万元 in 其它补充事宜. Uses <th> cells."})

B4="伊犁哈萨克自治州公安局"; A4="伊犁远达工程咨询有限公司"; S4="伊犁鑫盾安防科技有限公司"
add("004-ccgp-award-toshiba-h3c.html", f"""
<div style="width:100%"><div class="title" style="font-size:20px;font-weight:bold;text-align:center">伊犁哈萨克自治州公安局视频图像存储设备采购项目中标（成交）结果公告</div>
<div style="text-align:center;color:#666">发布日期：2022年01月26日</div>
<div><span style="font-family:仿宋_GB2312;font-size:12pt">一、项目编号：YLYD（2022）-006号</span></div>
<div><span style="font-family:仿宋_GB2312;font-size:12pt">二、项目名称：伊犁哈萨克自治州公安局视频图像存储设备采购项目</span></div>
<div><span style="font-family:仿宋_GB2312;font-size:12pt">三、中标（成交）信息</span></div>
<div>供应商名称：{S4}<br>供应商地址：伊宁市某某路56号<br>中标（成交）金额：￥324,800.00元</div>
<div><span style="font-family:仿宋_GB2312;font-size:12pt">四、主要标的信息</span></div>
<table border="1"><tr><td colspan="7"><p>货物类</p></td></tr>
<tr><td><p>序号</p></td><td><p>供应商名称</p></td><td><p>货物名称</p></td><td><p>货物品牌</p></td><td><p>货物型号</p></td><td><p>货物数量</p></td><td><p>货物单价(元)</p></td></tr>
<tr><td><p>1</p></td><td><p>{S4}</p></td><td><p>大容量存储硬盘</p></td><td><p>东芝</p></td><td><p>MG08ACA16TE</p></td><td><p>60块</p></td><td><p>2,980.00</p></td></tr>
<tr><td><p>2</p></td><td><p>{S4}</p></td><td><p>监控硬盘</p></td><td><p>希捷</p></td><td><p>ST8000VX004</p></td><td><p>80块</p></td><td><p>1,580.00</p></td></tr>
<tr><td><p>3</p></td><td><p>{S4}</p></td><td><p>汇聚交换机</p></td><td><p>华三</p></td><td><p>H3C S5130-28S-HI</p></td><td><p>4台</p></td><td><p>4,900.00</p></td></tr>
</table>
<div>五、评审专家（单一来源采购人员）名单：<br>韩某、杨某、朱某</div>
<div>六、代理服务收费标准及金额：<br>按照计价格【2002】1980号标准收取，金额：5,346.00元</div>
<div>七、公告期限<br>自本公告发布之日起1个工作日。</div>
<div>八、其它补充事宜<br>无</div>
{contacts_ccgp(B4,"伊宁市某某大街1号",A4,"伊宁市某某路某号","许工",6)}
</div>""", {"shape":"ccgp-award-goods-table","type":"award","title":"伊犁哈萨克自治州公安局视频图像存储设备采购项目中标（成交）结果公告",
 "published":"2022-01-26","project_code":"YLYD（2022）-006号","buyer":B4,"agency":A4,"winners":[S4],"award_amount":324800.0,
 "items":[it("大容量存储硬盘","东芝","MG08ACA16TE",60,"块",2980.0,supplier=S4),it("监控硬盘","希捷","ST8000VX004",80,"块",1580.0,supplier=S4),
          it("汇聚交换机","华三","H3C S5130-28S-HI",4,"台",4900.0,supplier=S4)],
 "expected_brand_resolution":res("MG08ACA16TE","ST8000VX004","S5130-28S-HI"),
 "notes":"cells wrapped in <p>; project code with full-width brackets and trailing 号 (keep as written; a normaliser may strip 号); model cell 'H3C S5130-28S-HI' repeats the brand; quantities '60块'. Agency fee 5,346.00元 is not the award amount."})

B5="阿克苏地区公安局"; A5="阿克苏恒通招标咨询有限公司"; S5="阿克苏天眼智能科技有限公司"
add("005-ccgp-award-xunjia-uniview.html", f"""
<h1 style="font-size:18pt;text-align:center">阿克苏地区公安局卡口监控设备更新项目询价成交公告</h1>
<p style="text-align:right">【发布时间：2022-05-06 10:20:11】</p>
<p class="MsoNormal"><b><span>一、项目编号：</span></b><span>AKSHT-XJ-2022-044</span></p>
<p class="MsoNormal"><b><span>二、项目名称：</span></b><span>阿克苏地区公安局卡口监控设备更新项目</span></p>
<p class="MsoNormal"><b><span>三、中标（成交）信息</span></b></p>
<p class="MsoNormal">供应商名称：{S5}；供应商地址：阿克苏市某某路9号；成交金额：人民币壹拾陆万陆仟陆佰元整（￥166,600.00）</p>
<p class="MsoNormal"><b><span>四、主要标的信息</span></b></p>
<table class="MsoTableGrid" border="1" cellspacing="0">
<tr><td colspan="7"><span style="font-size:10.5pt">货物类</span></td></tr>
<tr><td>序号</td><td>供应商名称</td><td>货物名称</td><td>货物品牌</td><td>货物型号</td><td>货物数量</td><td>货物单价(元)</td></tr>
<tr><td>1</td><td>{S5}</td><td>卡口枪型网络摄像机</td><td>宇视</td><td>IPC2124LB-SF40KM-G</td><td>40台</td><td>￥1,850.00</td></tr>
<tr><td>2</td><td>{S5}</td><td>网络硬盘录像机</td><td>宇视</td><td>NVR302-16E2</td><td>4台</td><td>￥3,200.00</td></tr>
<tr><td>3</td><td>{S5}</td><td>监控级硬盘</td><td>西部数据</td><td>WD80PURZ</td><td>40块</td><td>￥1,420.00</td></tr>
<tr><td>4</td><td>{S5}</td><td>监控级硬盘</td><td>希捷</td><td>ST6000VX001</td><td>20块</td><td>￥1,150.00</td></tr>
</table>
<p class="MsoNormal"><b>五、评审专家（单一来源采购人员）名单：</b>询价小组：蒋某、沈某、韦某</p>
<p class="MsoNormal"><b>六、代理服务收费标准及金额：</b>0.315万元</p>
<p class="MsoNormal"><b>七、公告期限</b>：自本公告发布之日起1个工作日。</p>
<p class="MsoNormal"><b>八、其它补充事宜</b>：采购方式：询价；预算金额：22万元。</p>
{contacts_ccgp(B5,"阿克苏市某某路1号",A5,"阿克苏市某某路某某大厦","秦工",5)}
""", {"shape":"ccgp-award-goods-table","type":"award","title":"阿克苏地区公安局卡口监控设备更新项目询价成交公告",
 "published":"2022-05-06","project_code":"AKSHT-XJ-2022-044","procurement_method":"询价","buyer":B5,"agency":A5,"winners":[S5],
 "budget":220000.0,"award_amount":166600.0,
 "items":[it("卡口枪型网络摄像机","宇视","IPC2124LB-SF40KM-G",40,"台",1850.0,supplier=S5),it("网络硬盘录像机","宇视","NVR302-16E2",4,"台",3200.0,supplier=S5),
          it("监控级硬盘","西部数据","WD80PURZ",40,"块",1420.0,supplier=S5),it("监控级硬盘","希捷","ST6000VX001",20,"块",1150.0,supplier=S5)],
 "expected_brand_resolution":res("IPC2124LB-SF40KM-G","NVR302-16E2","WD80PURZ","ST6000VX001"),
 "notes":"Award amount given in capital Chinese numerals plus （￥166,600.00）. Two rows share the same goods name with different brands. 询价 in title and in 其它补充事宜; budget 22万元."})

B6="和田地区公安局"; A6="和田润泽项目管理有限公司"; S6="和田安泰电子工程有限公司"
add("006-ccgp-award-div-sv35.html", f"""
<div class="article"><div class="art_title">和田地区公安局看守所监控系统改造设备采购项目中标公告</div>
<div class="art_info">信息来源：和田地区政府采购网&nbsp;&nbsp;&nbsp;发布时间：2022年3月1日</div>
<div class="art_con">
<div>一、项目编号：HTRZ2022-C-011</div>
<div>二、项目名称：和田地区公安局看守所监控系统改造设备采购项目</div>
<div>三、中标（成交）信息</div>
<div>&emsp;中标供应商：{S6}</div><div>&emsp;地址：和田市某某路2号</div><div>&emsp;中标金额：85,920.00元</div>
<div>四、主要标的信息</div>
<div><table cellpadding="3" border="1">
<tr><td colspan="7">货物类</td></tr>
<tr><td>序号</td><td>供应商名称</td><td>货物名称</td><td>货物品牌</td><td>货物型号</td><td>货物数量</td><td>货物单价(元)</td></tr>
<tr><td>1</td><td>{S6}</td><td>半球网络摄像机</td><td>海康威视</td><td>DS-2CD3326WDV3-I</td><td>64 台</td><td>398.00</td></tr>
<tr><td>2</td><td>{S6}</td><td>监控硬盘 2TB</td><td>希捷</td><td>ST2000VX000</td><td>24 块</td><td>460.00</td></tr>
<tr><td>3</td><td>{S6}</td><td>监控硬盘 3TB</td><td>希捷</td><td>ST3000VX000</td><td>16 块</td><td>590.00</td></tr>
<tr><td>4</td><td>{S6}</td><td>辅材及安装</td><td>/</td><td>/</td><td>1 项</td><td>39,968.00</td></tr>
</table></div>
<div>五、评审专家（单一来源采购人员）名单：艾某某、买某某、阿某某</div>
<div>六、代理服务收费标准及金额：按规定收取，1,346.40元</div>
<div>七、公告期限：自本公告发布之日起1个工作日。</div>
<div>八、其它补充事宜：无。</div>
<div>九、凡对本次公告内容提出询问，请按以下方式联系。</div>
<div>1.采购人信息<br>名 称：{B6}<br>地 址：和田市某某北路<br>联系方式：0903-0000000</div>
<div>2.采购代理机构信息<br>名 称：{A6}<br>地 址：和田市某某南路<br>联系方式：0903-0000001</div>
<div>3.项目联系方式<br>项目联系人：阿工<br>电 话：13900000000</div>
</div></div>""", {"shape":"ccgp-award-goods-table","type":"award","title":"和田地区公安局看守所监控系统改造设备采购项目中标公告",
 "published":"2022-03-01","project_code":"HTRZ2022-C-011","buyer":B6,"agency":A6,"winners":[S6],"award_amount":85920.0,
 "items":[it("半球网络摄像机","海康威视","DS-2CD3326WDV3-I",64,"台",398.0,supplier=S6),it("监控硬盘 2TB","希捷","ST2000VX000",24,"块",460.0,supplier=S6),
          it("监控硬盘 3TB","希捷","ST3000VX000",16,"块",590.0,supplier=S6),it("辅材及安装",None,None,1,"项",39968.0,supplier=S6)],
 "expected_brand_resolution":res("DS-2CD3326WDV3-I","ST2000VX000","ST3000VX000"),
 "notes":"div-based layout, &emsp; indents, '64 台' with a space, older Seagate SV35 models; single-digit month/day date '2022年3月1日'. Agency fee 1,346.40元 is not the award. Service row (辅材及安装) is an item."})

# ---------------- shape 2: service / engineering tables ----------------
B7="昌吉回族自治州公安局"; A7="昌吉州立信招标代理有限公司"; S7="新疆卫安信息技术服务有限公司"
add("007-ccgp-award-service-table.html", f"""
<h2 style="text-align:center">昌吉回族自治州公安局2022年度视频监控系统运维服务项目中标（成交）结果公告</h2>
<p style="text-align:center">2022年02月10日 16:45&nbsp;&nbsp;来源：新疆政府采购网</p>
<p><b>一、项目编号：</b>CJLX-FW-2022-003</p>
<p><b>二、项目名称：</b>昌吉回族自治州公安局2022年度视频监控系统运维服务项目</p>
<p><b>三、中标（成交）信息</b></p>
<p>供应商名称：{S7}</p><p>供应商地址：昌吉市某某路77号</p><p>中标（成交）金额：58.600000（万元）</p>
<p><b>四、主要标的信息</b></p>
<table border="1"><tr><td colspan="7">服务类</td></tr>
<tr><td>序号</td><td>供应商名称</td><td>服务名称</td><td>服务范围</td><td>服务要求</td><td>服务时间</td><td>服务标准</td></tr>
<tr><td>1</td><td>{S7}</td><td>视频监控系统运维服务</td><td>全州公安视频监控前端、传输及存储设备</td><td>7×24小时响应，故障2小时内到场</td><td>一年</td><td>符合采购文件要求</td></tr>
</table>
<p><b>五、评审专家（单一来源采购人员）名单：</b>曹某、彭某、董某</p>
<p><b>六、代理服务收费标准及金额：</b>代理服务收费金额（万元）：0.700000</p>
<p><b>七、公告期限</b></p><p>自本公告发布之日起1个工作日。</p>
<p><b>八、其它补充事宜</b></p><p>采购方式：公开招标</p>
{contacts_ccgp(B7,"昌吉市某某西路",A7,"昌吉市某某东路","潘工",4)}
""", {"shape":"ccgp-award-service-table","type":"award","title":"昌吉回族自治州公安局2022年度视频监控系统运维服务项目中标（成交）结果公告",
 "published":"2022-02-10","project_code":"CJLX-FW-2022-003","procurement_method":"公开招标","buyer":B7,"agency":A7,"winners":[S7],"award_amount":586000.0,
 "items":[it("视频监控系统运维服务",supplier=S7)],
 "expected_brand_resolution":[],
 "notes":"服务类 table: 服务范围/服务要求/服务时间/服务标准 are not brand/model/quantity; '一年' is a service period, not a quantity. '7×24' must not be parsed as a quantity."})

B8="克拉玛依市公安局"; A8="克拉玛依华建工程咨询有限公司"; S8="克拉玛依恒基建筑工程有限公司"
add("008-ccgp-award-works-table.html", f"""
<h2 style="text-align:center">克拉玛依市公安局白碱滩区派出所业务用房改造工程中标（成交）结果公告</h2>
<p>发布时间：2022年04月18日</p>
<p>一、项目编号：KLHJ-GC-2022-021</p>
<p>二、项目名称：克拉玛依市公安局白碱滩区派出所业务用房改造工程</p>
<p>三、中标（成交）信息</p>
<p>供应商名称：{S8}&nbsp; 供应商地址：克拉玛依市某某路15号&nbsp; 中标（成交）金额：1,286,450.32元</p>
<p>四、主要标的信息</p>
<table border="1"><tr><td colspan="7">工程类</td></tr>
<tr><td>序号</td><td>供应商名称</td><td>名称</td><td>施工范围</td><td>施工工期</td><td>项目经理</td><td>执业证书信息</td></tr>
<tr><td>1</td><td>{S8}</td><td>派出所业务用房改造工程</td><td>土建、装饰装修、给排水、电气及弱电安装</td><td>90日历天</td><td>王某某</td><td>新1650000000000（二级建造师）</td></tr>
</table>
<p>五、评审专家（单一来源采购人员）名单：赖某、龚某、覃某、黎某、钟某</p>
<p>六、代理服务收费标准及金额：12,000.00元</p>
<p>七、公告期限：自本公告发布之日起1个工作日。</p>
<p>八、其它补充事宜：采购方式：竞争性磋商；招标控制价：1,350,000.00元</p>
{contacts_ccgp(B8,"克拉玛依市某某路",A8,"克拉玛依市某某大道","邱工",3)}
""", {"shape":"ccgp-award-works-table","type":"award","title":"克拉玛依市公安局白碱滩区派出所业务用房改造工程中标（成交）结果公告",
 "published":"2022-04-18","project_code":"KLHJ-GC-2022-021","procurement_method":"竞争性磋商","buyer":B8,"agency":A8,"winners":[S8],
 "budget":1350000.0,"award_amount":1286450.32,
 "items":[it("派出所业务用房改造工程",supplier=S8)],
 "expected_brand_resolution":[],
 "notes":"工程类 table: 项目经理 (王某某) is a person, NOT a brand/model/supplier; 执业证书信息 is a certificate number, not a model; '90日历天' is a duration, not a quantity."})

# ---------------- shape 3: ccgp contract notices ----------------
def contract_html(title, code_c, name_c, pcode, pname, buyer, supplier, lists, amount_str, method, signed, pub, style="p", extra=""):
    n,sp,q,pr = lists
    if style=="p":
        body=f"""<p>一、合同编号：{code_c}</p><p>二、合同名称：{name_c}</p><p>三、项目编号：{pcode}</p><p>四、项目名称：{pname}</p>
<p>五、合同主体</p><p>采购人（甲方）：{buyer}</p><p>地址：某某市某某路1号</p><p>联系方式：0991-0000000</p>
<p>供应商（乙方）：{supplier}</p><p>地址：某某市某某路2号</p><p>联系方式：13800000000</p>
<p>六、合同主要信息</p><p>主要标的名称：{n}</p><p>规格型号（或服务要求）：{sp}</p><p>主要标的数量：{q}</p><p>主要标的单价：{pr}</p>
<p>合同金额：{amount_str}</p><p>履约期限、地点等简要信息：合同签订后30日内交货至采购人指定地点</p><p>采购方式：{method}</p>
<p>七、合同签订日期：{signed}</p><p>八、合同公告日期：{pub}</p><p>九、其他补充事宜：{extra or '无'}</p>"""
    else:
        rows=[("一、合同编号",code_c),("二、合同名称",name_c),("三、项目编号",pcode),("四、项目名称",pname),
              ("五、合同主体","采购人（甲方）："+buyer+"<br>地址：某某市某某路1号<br>联系方式：0902-0000000<br>供应商（乙方）："+supplier+"<br>地址：某某市某某路2号<br>联系方式：13700000000"),
              ("六、合同主要信息","主要标的名称："+n+"<br>规格型号（或服务要求）："+sp+"<br>主要标的数量："+q+"<br>主要标的单价："+pr+"<br>合同金额："+amount_str+"<br>履约期限、地点等简要信息：签订合同后45天<br>采购方式："+method),
              ("七、合同签订日期",signed),("八、合同公告日期",pub),("九、其他补充事宜",extra or "无")]
        body='<table border="1" width="100%">'+"".join(f"<tr><td style=\"width:160px\">{a}</td><td>{b}</td></tr>" for a,b in rows)+"</table>"
    return f'<div class="vF_detail_header"><h2 class="tc">{title}</h2></div>\n<div class="vF_detail_content">\n{body}\n<p>附件：合同文本.pdf</p>\n</div>'

B9="塔城地区公安局"; S9="塔城市金盾办公设备有限公司"
t9="塔城地区公安局办公设备采购项目合同公告"
add("009-ccgp-contract-two-items-br.html", contract_html(t9,"TCGA-HT-2022-0012","塔城地区公安局办公设备采购合同","TCZC-2022-008","塔城地区公安局办公设备采购项目",B9,S9,
 ("<br>1.不间断电源<br>2.酷鱼台式机硬盘","<br>1.山特 C3KS<br>2.Seagate ST2000DM008","<br>1.6台<br>2.4个","<br>1.4800元/台<br>2.420元/个"),
 "3.0480万元","询价","2022-03-18","2022-03-22"),
 {"shape":"ccgp-contract-parallel-lists","type":"contract","title":t9,"published":"2022-03-22","project_code":"TCZC-2022-008","procurement_method":"询价",
  "buyer":B9,"winners":[S9],"award_amount":30480.0,
  "items":[it("不间断电源","山特","C3KS",6,"台",4800.0,supplier=S9),it("酷鱼台式机硬盘","Seagate","ST2000DM008",4,"个",420.0,supplier=S9)],
  "expected_brand_resolution":res("C3KS","ST2000DM008"),
  "notes":"Parallel numbered lists joined by position, separated by <br>; brand inside the 规格型号 cell. Published = 合同公告日期 (2022-03-22), NOT 合同签订日期 (2022-03-18). Contract number TCGA-HT-2022-0012 is not the project code. award_amount = 合同金额 3.0480万元. Product line of 酷鱼 = BarraCuda."})

B10="博尔塔拉蒙古自治州公安局"; S10="博乐市安信电脑科技有限公司"
t10="博尔塔拉蒙古自治州公安局监控硬盘采购合同公告"
add("010-ccgp-contract-single-item.html", contract_html(t10,"BZGA2022-HT-005","监控硬盘采购合同","BZCG-2022-015","博尔塔拉蒙古自治州公安局监控硬盘采购项目",B10,S10,
 ("监控硬盘","西部数据 WD40PURZ","30块","780元/块"),"23400.00元","竞争性谈判","2022年1月20日","2022年1月24日",style="table"),
 {"shape":"ccgp-contract-parallel-lists","type":"contract","title":t10,"published":"2022-01-24","project_code":"BZCG-2022-015","procurement_method":"竞争性谈判",
  "buyer":B10,"winners":[S10],"award_amount":23400.0,
  "items":[it("监控硬盘","西部数据","WD40PURZ",30,"块",780.0,supplier=S10)],
  "expected_brand_resolution":res("WD40PURZ"),
  "notes":"Single-item contract without numbering, label/value table layout with <br>; dates '2022年1月20日' (signed) vs '2022年1月24日' (published)."})

B11="吐鲁番市公安局"; S11="吐鲁番瑞视安防工程有限公司"
t11="吐鲁番市公安局社会面视频监控补点建设项目（设备采购）合同公告"
add("011-ccgp-contract-four-items-semicolon.html", contract_html(t11,"TLF-GA-2022-HT031","社会面视频监控补点设备采购合同","TLFZC2022-031","吐鲁番市公安局社会面视频监控补点建设项目（设备采购）",B11,S11,
 ("1.网络摄像机；2.硬盘录像机；3.监控硬盘；4.接入交换机","1.海康威视 DS-2CD3T46WDV3-I3；2.海康威视 DS-7932N-R4；3.希捷 ST4000VX016；4.华为 S5735-L24T4X-A",
  "1.30台；2.2台；3.16块；4.3台","1.560元/台；2.8800元/台；3.980元/块；4.3500元/台"),"6.0580万元","公开招标","2022-04-08","2022-04-12"),
 {"shape":"ccgp-contract-parallel-lists","type":"contract","title":t11,"published":"2022-04-12","project_code":"TLFZC2022-031","procurement_method":"公开招标",
  "buyer":B11,"winners":[S11],"award_amount":60580.0,
  "items":[it("网络摄像机","海康威视","DS-2CD3T46WDV3-I3",30,"台",560.0,supplier=S11),it("硬盘录像机","海康威视","DS-7932N-R4",2,"台",8800.0,supplier=S11),
           it("监控硬盘","希捷","ST4000VX016",16,"块",980.0,supplier=S11),it("接入交换机","华为","S5735-L24T4X-A",3,"台",3500.0,supplier=S11)],
  "expected_brand_resolution":res("DS-2CD3T46WDV3-I3","DS-7932N-R4","ST4000VX016","S5735-L24T4X-A"),
  "notes":"Four items; lists separated by full-width semicolons on one line each."})

B12="哈密市公安局伊州区分局"; S12="哈密云联信息技术有限公司"
t12="哈密市公安局伊州区分局数据存储设备采购项目合同公告"
add("012-ccgp-contract-five-items-spaces.html", contract_html(t12,"HMYZ-HT-2022-019","数据存储设备采购合同","HMZC-2022-Y019","哈密市公安局伊州区分局数据存储设备采购项目",B12,S12,
 ("1.服务器 2.NAS硬盘 3.NAS硬盘 4.桌面硬盘 5.质保服务","1.联想 ThinkSystem SR650 2.Seagate ST4000VN008 3.Seagate ST8000VN004 4.Seagate ST1000DM010 5.提供三年原厂质保及上门服务",
  "1.2台 2.12块 3.8块 4.10个 5.1项","1.38000元/台 2.860元/块 3.1680元/块 4.310元/个 5.5000元/项"),"107,860.00元","竞争性磋商","2022-02-25","2022-03-01",style="table"),
 {"shape":"ccgp-contract-parallel-lists","type":"contract","title":t12,"published":"2022-03-01","project_code":"HMZC-2022-Y019","procurement_method":"竞争性磋商",
  "buyer":B12,"winners":[S12],"award_amount":107860.0,
  "items":[it("服务器","联想","ThinkSystem SR650",2,"台",38000.0,supplier=S12),it("NAS硬盘","Seagate","ST4000VN008",12,"块",860.0,supplier=S12),
           it("NAS硬盘","Seagate","ST8000VN004",8,"块",1680.0,supplier=S12),it("桌面硬盘","Seagate","ST1000DM010",10,"个",310.0,supplier=S12),
           it("质保服务",None,None,1,"项",5000.0,supplier=S12)],
  "expected_brand_resolution":res("ThinkSystem SR650","ST4000VN008","ST8000VN004","ST1000DM010"),
  "notes":"Five items with lists separated only by spaces — and the model cell itself contains spaces ('联想 ThinkSystem SR650'), so split on the 'N.' markers, not on whitespace. Item 5 is a service: its 规格型号 cell holds a service requirement, not a model (no brand/model)."})

B13="巴音郭楞蒙古自治州公安局"; S13="库尔勒星辰数据科技有限公司"
t13="巴音郭楞蒙古自治州公安局视频云存储扩容项目合同公告"
add("013-ccgp-contract-paren-numbering.html", contract_html(t13,"BZ-GA-HT-2022-077","视频云存储扩容设备采购合同","BYZC-2022-077","巴音郭楞蒙古自治州公安局视频云存储扩容项目",B13,S13,
 ("（1）存储硬盘 （2）存储硬盘","（1）希捷 ST16000NM001G 16TB （2）Seagate ST12000NE0008 12TB","（1）48块 （2）24块","（1）2,650.00元 （2）2,100.00元"),
 "17.760000万元","公开招标","2022年05月05日","2022年05月09日",extra="合同金额大写：壹拾柒万柒仟陆佰元整"),
 {"shape":"ccgp-contract-parallel-lists","type":"contract","title":t13,"published":"2022-05-09","project_code":"BYZC-2022-077","procurement_method":"公开招标",
  "buyer":B13,"winners":[S13],"award_amount":177600.0,
  "items":[it("存储硬盘","希捷","ST16000NM001G",48,"块",2650.0,supplier=S13),it("存储硬盘","Seagate","ST12000NE0008",24,"块",2100.0,supplier=S13)],
  "expected_brand_resolution":res("ST16000NM001G","ST12000NE0008"),
  "notes":"（1）（2） numbering instead of 1. 2.; model cells carry capacity suffixes '16TB'/'12TB' (model should be the part number only). Same 标的名称 twice."})

# ---------------- shape 4: prose enumerations ----------------
B14="乌鲁木齐市公安局水磨沟区分局"; S14="乌鲁木齐捷讯数码科技有限公司"; A14="新疆华信项目管理有限公司"
t14="乌鲁木齐市公安局水磨沟区分局网络存储设备采购项目成交结果公告"
add("014-prose-paren-enumeration.html", f"""
<div class="title"><h3>{t14}</h3></div>
<div class="info">发布时间：2022-01-18&nbsp;&nbsp;浏览次数：36</div>
<div class="content">
<p>&nbsp;&nbsp;&nbsp;&nbsp;{A14}受{B14}委托，就“乌鲁木齐市公安局水磨沟区分局网络存储设备采购项目”（项目编号：XJHX-2022-019）以询价方式进行采购，现将采购结果公告如下：</p>
<p>一、成交供应商：{S14}</p>
<p>二、成交金额：人民币捌仟零伍拾元整（￥8,050.00）</p>
<p>三、成交内容：（1）网络存储硬盘：SEAGATE ST4000NE001，3 块，合计3240.00元；（2）备份硬盘：西部数据 WD4002FFWX，2块，合计2,560.00元；（3）移动硬盘：希捷 STDR2000300，5个，合计2250.00元。</p>
<p>四、询价小组成员：韩某、许某、曾某</p>
<p>五、联系方式</p>
<p>采购人：{B14}&nbsp;&nbsp;联系人：马警官&nbsp;&nbsp;电话：0991-0000000</p>
<p>代理机构：{A14}&nbsp;&nbsp;联系人：张工&nbsp;&nbsp;电话：13800000000</p>
<p style="text-align:right">{A14}<br>2022年1月18日</p>
</div>""", {"shape":"prose-enumeration","type":"award","title":t14,"published":"2022-01-18","project_code":"XJHX-2022-019","procurement_method":"询价",
 "buyer":B14,"agency":A14,"winners":[S14],"award_amount":8050.0,
 "items":[it("网络存储硬盘","SEAGATE","ST4000NE001",3,"块",total=3240.0,supplier=S14),it("备份硬盘","西部数据","WD4002FFWX",2,"块",total=2560.0,supplier=S14),
          it("移动硬盘","希捷","STDR2000300",5,"个",total=2250.0,supplier=S14)],
 "expected_brand_resolution":res("ST4000NE001","WD4002FFWX","STDR2000300"),
 "notes":"（1）（2）（3） prose enumeration inside one <p>; each item gives a 合计 total, not a unit price (do not derive unit_price). '3 块' with a space. Buyer/agency in a 受…委托 sentence."})

B15="阿勒泰地区公安局"; S15="阿勒泰众安电子科技有限公司"
t15="阿勒泰地区公安局边境派出所监控设备采购成交公告"
add("015-prose-numbered-lines.html", f"""
<h3 style="text-align:center">{t15}</h3>
<p style="text-align:center"><span style="color:#999">2022-02-14</span></p>
<p>项目名称：阿勒泰地区公安局边境派出所监控设备采购</p>
<p>项目编号：ALT-GA-2022-005</p>
<p>采购人：{B15}</p>
<p>采购方式：竞争性谈判</p>
<p>成交供应商：{S15}</p>
<p>成交金额：52,300.00元</p>
<p>成交内容：<br>1、监控硬盘 希捷 ST4000VX013 4块<br>2、硬盘录像机 大华 DH-NVR4832-4KS2 1台<br>3、网络摄像机 大华 DH-IPC-HFW2433M-I1 12台<br></p>
<p>谈判小组：苏某、卢某、蔡某</p>
<p>联系人：黄工　联系电话：0906-0000000</p>""",
 {"shape":"prose-enumeration","type":"award","title":t15,"published":"2022-02-14","project_code":"ALT-GA-2022-005","procurement_method":"竞争性谈判",
  "buyer":B15,"winners":[S15],"award_amount":52300.0,
  "items":[it("监控硬盘","希捷","ST4000VX013",4,"块",supplier=S15),it("硬盘录像机","大华","DH-NVR4832-4KS2",1,"台",supplier=S15),
           it("网络摄像机","大华","DH-IPC-HFW2433M-I1",12,"台",supplier=S15)],
  "expected_brand_resolution":res("ST4000VX013","DH-NVR4832-4KS2","DH-IPC-HFW2433M-I1"),
  "notes":"'1、name brand model qty+unit' lines separated by <br>, no prices; label: value header lines."})

B16="克孜勒苏柯尔克孜自治州公安局"; S16="阿图什市天盾科技有限公司"
t16="克孜勒苏柯尔克孜自治州公安局治安卡口补盲设备采购项目中标结果公告"
add("016-prose-semicolon-list.html", f"""
<div class="detail"><h1>{t16}</h1>
<div class="time">发布日期：2022年03月29日</div>
<p>项目编号：KZGA-ZB-2022-012　　采购方式：公开招标</p>
<p>采购单位：{B16}</p>
<p>中标单位：{S16}，中标金额：￥115,820.00元。</p>
<p>主要采购内容：监控硬盘（希捷SkyHawk ST8000VX004）×20块，单价1580元；网络摄像机（海康威视DS-2CD3T46WDV3-I3）×15台，单价560元；汇聚交换机（华三S5130-28S-HI）×2台，单价4,900元；安装调试服务1项。</p>
<p>公示期：自发布之日起1个工作日。</p>
<p>联系人：冯工，电话：0908-0000000</p></div>""",
 {"shape":"prose-enumeration","type":"award","title":t16,"published":"2022-03-29","project_code":"KZGA-ZB-2022-012","procurement_method":"公开招标",
  "buyer":B16,"winners":[S16],"award_amount":115820.0,
  "items":[it("监控硬盘","希捷","ST8000VX004",20,"块",1580.0,supplier=S16),it("网络摄像机","海康威视","DS-2CD3T46WDV3-I3",15,"台",560.0,supplier=S16),
           it("汇聚交换机","华三","S5130-28S-HI",2,"台",4900.0,supplier=S16),it("安装调试服务",None,None,1,"项",supplier=S16)],
  "expected_brand_resolution":res("ST8000VX004","DS-2CD3T46WDV3-I3","S5130-28S-HI"),
  "notes":"Semicolon-separated items inside one sentence; brand glued to the model without a space ('海康威视DS-2CD…', '华三S5130…'); product line name SkyHawk written next to the brand; '×20块' quantity form. 31600+8400+9800=49800 — the remainder is the installation service, no price for it."})

B17="石河子市公安局"; S17="石河子汇智信息工程有限公司"
t17="石河子市公安局视频图像存储扩容采购项目成交公告"
add("017-prose-caigouneirong-sentence.html", f"""
<div><p style="font-size:20px;text-align:center"><b>{t17}</b></p>
<p>&emsp;&emsp;石河子市公安局视频图像存储扩容采购项目（项目编号：SHZ-CG-2022-0042）采用竞争性磋商方式，于2022年4月22日完成磋商，现将成交结果公告如下。</p>
<p>&emsp;&emsp;本项目采购内容为希捷（Seagate）企业级硬盘ST16000NM001G共计32块及东芝MG08ACA16TE硬盘16块，用于视频图像数据存储。</p>
<p>&emsp;&emsp;成交供应商：{S17}；成交金额：人民币12.48万元。</p>
<p>&emsp;&emsp;采购人：{B17}，联系人：高警官，电话：0993-0000000。</p>
<p style="text-align:right">{B17}<br>2022年4月25日</p></div>""",
 {"shape":"prose-enumeration","type":"award","title":t17,"published":"2022-04-25","project_code":"SHZ-CG-2022-0042","procurement_method":"竞争性磋商",
  "buyer":B17,"winners":[S17],"award_amount":124800.0,
  "items":[it("企业级硬盘","希捷（Seagate）","ST16000NM001G",32,"块",supplier=S17),it("硬盘","东芝","MG08ACA16TE",16,"块",supplier=S17)],
  "expected_brand_resolution":res("ST16000NM001G","MG08ACA16TE"),
  "notes":"'采购内容为…共计32块及…16块' sentence; the 磋商 date 2022-04-22 is not the publication date — publication date only from the signature line 2022年4月25日."})

# ---------------- shape 5: table variants ----------------
def tbl(rows, attrs='border="1" cellspacing="0" cellpadding="2"'):
    out=[f"<table {attrs}>"]
    for r in rows:
        if isinstance(r,str): out.append(r); continue
        out.append("<tr>"+"".join(c if c.startswith("<td") or c.startswith("<th") else f"<td>{c}</td>" for c in r)+"</tr>")
    out.append("</table>"); return "\n".join(out)

def simple_award(title, date, code, method, buyer, agency, winner, amount_str, table_html, extra_pre="", tail=""):
    ag = f"<p>采购代理机构：{agency}</p>" if agency else ""
    me = f"<p>采购方式：{method}</p>" if method else ""
    return f"""<div class="main"><h2 style="text-align:center">{title}</h2>
<p style="text-align:center">发布时间：{date}</p>
<p>一、项目编号：{code}</p><p>二、采购人：{buyer}</p>{ag}{me}
<p>三、中标（成交）供应商：{winner}</p><p>四、中标（成交）金额：{amount_str}</p>{extra_pre}
{table_html}
{tail}
<p>联系人：张工&nbsp;&nbsp;联系电话：0991-0000000&nbsp;&nbsp;手机：13800000000</p></div>"""

B18="乌鲁木齐市公安局米东区分局"; S18="新疆天网信息科技有限公司"
t18="乌鲁木齐市公安局米东区分局监控存储设备采购项目中标结果公告"
add("018-table-brandmodel-one-cell-total.html", simple_award(t18,"2022-03-08","MDGA-2022-CG-009","公开招标",B18,"新疆华信项目管理有限公司",S18,"77,200.00元",
 "<p>五、中标明细：</p>"+tbl([["序号","货物名称","品牌型号","数量","单位","单价（元）","金额（元）"],
  ["1","监控硬盘","希捷 ST8000VX004 8TB","40","块","1,580.00","63,200.00"],
  ["2","网络摄像机","海康威视 DS-2CD3T46WDV3-I3","25","台","560.00","14,000.00"],
  ['<td colspan="6">合计</td>',"77,200.00"]])),
 {"shape":"table-brand-model-one-cell","type":"award","title":t18,"published":"2022-03-08","project_code":"MDGA-2022-CG-009","procurement_method":"公开招标",
  "buyer":B18,"agency":"新疆华信项目管理有限公司","winners":[S18],"award_amount":77200.0,
  "items":[it("监控硬盘","希捷","ST8000VX004",40,"块",1580.0,63200.0,S18),it("网络摄像机","海康威视","DS-2CD3T46WDV3-I3",25,"台",560.0,14000.0,S18)],
  "expected_brand_resolution":res("ST8000VX004","DS-2CD3T46WDV3-I3"),
  "notes":"品牌型号 single cell 'brand model capacity' — capacity '8TB' is not part of the model; 合计 row (colspan) is not an item."})

B19="昌吉市公安局"; S19="昌吉市鼎盛电子有限公司"
t19="昌吉市公安局存储介质采购项目成交公告"
add("019-table-brand-variants-capacity.html", simple_award(t19,"2022-04-20","CJSGA-XJ-2022-014","询价",B19,None,S19,"￥53,580.00",
 "<p>五、采购清单</p>"+tbl([["名称","品牌","规格型号","数量","单价"],
  ["移动硬盘","希捷（SEAGATE）","STGX1000400 1TB","20个","369.00"],
  ["监控硬盘","西部数据/WD","WD40PURZ 4TB","30块","760.00"],
  ["监控硬盘","希捷（SEAGATE）","ST4000VX013 4TB","30块","780.00"]])),
 {"shape":"table-brand-variants","type":"award","title":t19,"published":"2022-04-20","project_code":"CJSGA-XJ-2022-014","procurement_method":"询价",
  "buyer":B19,"winners":[S19],"award_amount":53580.0,
  "items":[it("移动硬盘","希捷（SEAGATE）","STGX1000400",20,"个",369.0,supplier=S19),it("监控硬盘","西部数据/WD","WD40PURZ",30,"块",760.0,supplier=S19),
           it("监控硬盘","希捷（SEAGATE）","ST4000VX013",30,"块",780.0,supplier=S19)],
  "expected_brand_resolution":res("STGX1000400","WD40PURZ","ST4000VX013"),
  "notes":"Brand cells '希捷（SEAGATE）' and '西部数据/WD' (bilingual); model cells carry capacity '1TB'/'4TB'. Table titled 采购清单; no 序号 column."})

B20="库尔勒市公安局"; S20="库尔勒博安科技有限公司"
t20="库尔勒市公安局NAS存储设备采购项目中标公告"
add("020-table-two-row-header.html", simple_award(t20,"2022年02月16日","KRL-GA-2022-007","竞争性磋商",B20,"巴州诚信招标有限公司",S20,"人民币叁万伍仟贰佰元整（￥35,200.00）",
 "<p>五、分项报价表</p>"+tbl([
  '<tr><td rowspan="2">序号</td><td rowspan="2">名称</td><td rowspan="2">规格型号及品牌</td><td rowspan="2">数量</td><td colspan="2">金额（元）</td></tr>',
  '<tr><td>单价</td><td>总价</td></tr>',
  ["1","NAS存储硬盘","ST4000VN008/希捷","16块","1,100.00","17,600.00"],
  ["2","NAS存储硬盘","ST8000VN004/希捷","8块","2,200.00","17,600.00"],
  ["合计","","","","","35,200.00"]])),
 {"shape":"table-two-row-header","type":"award","title":t20,"published":"2022-02-16","project_code":"KRL-GA-2022-007","procurement_method":"竞争性磋商",
  "buyer":B20,"agency":"巴州诚信招标有限公司","winners":[S20],"award_amount":35200.0,
  "items":[it("NAS存储硬盘","希捷","ST4000VN008",16,"块",1100.0,17600.0,S20),it("NAS存储硬盘","希捷","ST8000VN004",8,"块",2200.0,17600.0,S20)],
  "expected_brand_resolution":res("ST4000VN008","ST8000VN004"),
  "notes":"Two-row header: 金额（元） colspan=2 over 单价/总价, other headers rowspan=2. '规格型号及品牌' cell is 'model/brand' (model first). 合计 row not an item."})

B21="喀什市公安局"; S21a="喀什丝路安防技术有限公司"; S21b="新疆金钥匙网络科技有限公司"
t21="喀什市公安局派出所视频监控设备采购项目中标结果公告"
add("021-table-rowspan-supplier.html", simple_award(t21,"2022-03-23","KSSGA-2022-021","公开招标",B21,"新疆正信招标代理有限公司",f"{S21a}、{S21b}","共计244,400.00元",
 "<p>五、中标明细</p>"+tbl([["序号","供应商名称","货物名称","品牌","型号","数量","单价(元)"],
  ["1",f'<td rowspan="2">{S21a}</td>',"网络摄像机","海康威视","DS-2CD3T46WDV3-I3","120台","580.00"],
  ["2","监控硬盘","希捷","ST4000VX013","64块","1,050.00"],
  ["3",f'<td rowspan="2">{S21b}</td>',"接入交换机","华为","S5735-L24T4X-A","20台","3,600.00"],
  ["4","网络硬盘录像机","海康威视","DS-7932N-R4","4台","8,900.00"]])),
 {"shape":"table-rowspan-supplier","type":"award","title":t21,"published":"2022-03-23","project_code":"KSSGA-2022-021","procurement_method":"公开招标",
  "buyer":B21,"agency":"新疆正信招标代理有限公司","winners":[S21a,S21b],"award_amount":244400.0,
  "items":[it("网络摄像机","海康威视","DS-2CD3T46WDV3-I3",120,"台",580.0,supplier=S21a),it("监控硬盘","希捷","ST4000VX013",64,"块",1050.0,supplier=S21a),
           it("接入交换机","华为","S5735-L24T4X-A",20,"台",3600.0,supplier=S21b),it("网络硬盘录像机","海康威视","DS-7932N-R4",4,"台",8900.0,supplier=S21b)],
  "expected_brand_resolution":res("DS-2CD3T46WDV3-I3","ST4000VX013","S5735-L24T4X-A","DS-7932N-R4"),
  "notes":"Supplier cell rowspan=2: rows 2 and 4 have one fewer cell, columns shift unless rowspan is honoured. Winners listed joined by '、'."})

B22="新疆维吾尔自治区公安厅"; S22a="新疆恒宇数据系统集成有限公司"; S22b="新疆博远网络工程有限公司"; A22="新疆天山招标有限公司"
t22="新疆维吾尔自治区公安厅2022年视频存储及网络设备采购项目（包1、包2）中标公告"
lot_tbl=lambda rows: tbl([["序号","货物名称","品牌","型号","数量","单价（元）"]]+rows)
add("022-table-per-lot.html", f"""<h2 style="text-align:center">{t22}</h2>
<p style="text-align:center">2022年04月27日</p>
<p>项目编号：TSZB-2022-0088</p><p>采购人：{B22}</p><p>采购代理机构：{A22}</p><p>采购方式：公开招标</p>
<p><b>包1：视频存储设备</b></p><p>中标供应商：{S22a}&nbsp;&nbsp;中标金额：￥412,800.00</p>
{lot_tbl([["1","视频存储硬盘","希捷","ST10000VX0008","96","3,050.00"],["2","企业级硬盘","西部数据","HUS728T8TALE6L4","48","2,500.00"]])}
<p><b>包2：网络设备</b></p><p>中标供应商：{S22b}&nbsp;&nbsp;中标金额：￥98,000.00</p>
{lot_tbl([["1","汇聚交换机","华三","S5130-28S-HI","20","4,900.00"]])}
<p>联系人：钱工　电话：0991-0000007</p>""",
 {"shape":"table-per-lot","type":"award","title":t22,"published":"2022-04-27","project_code":"TSZB-2022-0088","procurement_method":"公开招标",
  "buyer":B22,"agency":A22,"winners":[S22a,S22b],"award_amount":510800.0,
  "items":[it("视频存储硬盘","希捷","ST10000VX0008",96,None,3050.0,supplier=S22a,lot="包1"),it("企业级硬盘","西部数据","HUS728T8TALE6L4",48,None,2500.0,supplier=S22a,lot="包1"),
           it("汇聚交换机","华三","S5130-28S-HI",20,None,4900.0,supplier=S22b,lot="包2")],
  "expected_brand_resolution":res("ST10000VX0008","HUS728T8TALE6L4","S5130-28S-HI"),
  "notes":"Per-lot headings each with its own winner and table; item supplier = that lot's winner. award_amount = sum of the lot amounts. HUS728T8TALE6L4 is Ultrastar (HGST heritage) under 西部数据. Quantities without units."})

B23="伊宁市公安局"; S23="伊宁市华瑞智能科技有限公司"
t23="伊宁市公安局社区警务室监控设备采购项目成交结果公告"
hdr=["序号","设备名称","品牌","型号","数量","单位","单价(元)","合价(元)"]
add("023-table-repeated-header-pagebreak.html", simple_award(t23,"2022-01-21","YNGA-CS-2022-003","竞争性磋商",B23,None,S23,"￥96,140.00",
 "<p>五、成交明细</p>"+tbl([hdr,
  ["1","网络摄像机","大华","DH-IPC-HFW2433M-I1","60","台","620.00","37,200.00"],
  ["2","网络硬盘录像机","大华","DH-NVR4832-4KS2","6","台","4,350.00","26,100.00"],
  '<tr><td colspan="8" style="page-break-after:always">第 1 页 共 2 页</td></tr>',
  hdr,
  ["3","监控硬盘","希捷","ST4000VX016","24","块","960.00","23,040.00"],
  ["4","监控硬盘","西部数据","WD60PURX","8","块","1,225.00","9,800.00"],
  ["合计","","","","","","","96,140.00"]])),
 {"shape":"table-repeated-header","type":"award","title":t23,"published":"2022-01-21","project_code":"YNGA-CS-2022-003","procurement_method":"竞争性磋商",
  "buyer":B23,"winners":[S23],"award_amount":96140.0,
  "items":[it("网络摄像机","大华","DH-IPC-HFW2433M-I1",60,"台",620.0,37200.0,S23),it("网络硬盘录像机","大华","DH-NVR4832-4KS2",6,"台",4350.0,26100.0,S23),
           it("监控硬盘","希捷","ST4000VX016",24,"块",960.0,23040.0,S23),it("监控硬盘","西部数据","WD60PURX",8,"块",1225.0,9800.0,S23)],
  "expected_brand_resolution":res("DH-IPC-HFW2433M-I1","DH-NVR4832-4KS2","ST4000VX016","WD60PURX"),
  "notes":"Header row repeated after a page-break row ('第 1 页 共 2 页'); neither the repeated header nor the page row nor 合计 is an item."})

B24="奎屯市公安局"; S24="奎屯市安邦电子工程有限公司"
t24="奎屯市公安局指挥中心视频监控改造项目中标公告"
add("024-table-subtotals.html", simple_award(t24,"2022-02-28","KTGA-ZB-2022-002","公开招标",B24,None,S24,"152,300.00元",
 "<p>五、分项报价表</p>"+tbl([["序号","名称","品牌","规格型号","数量","单价","小计"],
  ['<td colspan="7"><b>一、前端设备</b></td>'],
  ["1","全景摄像机","宇视","IPC2124LB-SF40KM-G","30台","1,800.00","54,000.00"],
  ['<td colspan="6">小计</td>',"54,000.00"],
  ['<td colspan="7"><b>二、存储设备</b></td>'],
  ["2","网络硬盘录像机","宇视","NVR302-16E2","10台","3,100.00","31,000.00"],
  ["3","监控硬盘","希捷","ST8000VX004","40块","1,550.00","62,000.00"],
  ["4","安装调试","/","/","1项","5,300.00","5,300.00"],
  ['<td colspan="6">小计</td>',"98,300.00"],
  ['<td colspan="6">合计</td>',"152,300.00"]])),
 {"shape":"table-subtotals","type":"award","title":t24,"published":"2022-02-28","project_code":"KTGA-ZB-2022-002","procurement_method":"公开招标",
  "buyer":B24,"winners":[S24],"award_amount":152300.0,
  "items":[it("全景摄像机","宇视","IPC2124LB-SF40KM-G",30,"台",1800.0,54000.0,S24),it("网络硬盘录像机","宇视","NVR302-16E2",10,"台",3100.0,31000.0,S24),
           it("监控硬盘","希捷","ST8000VX004",40,"块",1550.0,62000.0,S24),it("安装调试",None,None,1,"项",5300.0,5300.0,S24)],
  "expected_brand_resolution":res("IPC2124LB-SF40KM-G","NVR302-16E2","ST8000VX004"),
  "notes":"Category heading rows (一、前端设备) and 小计 / 合计 rows are not items; the 小计 column in item rows is the row total."})

B25="阿克苏市公安局"; S25="阿克苏市云海科技有限公司"
t25="阿克苏市公安局存储硬盘采购项目中标公告"
add("025-table-bare-models.html", simple_award(t25,"2022-05-11","AKSGA-2022-031","询价",B25,None,S25,"￥99,840.00",
 "<p>五、中标明细</p>"+tbl([["序号","名称","型号","数量","单价(元)"],
  ["1","监控硬盘","ST4000VX013","32","1,020.00"],["2","监控硬盘","WD40PURZ","32","760.00"],["3","存储硬盘","HUS728T8TALE6L4","16","2,680.00"]])),
 {"shape":"table-bare-models","type":"award","title":t25,"published":"2022-05-11","project_code":"AKSGA-2022-031","procurement_method":"询价",
  "buyer":B25,"winners":[S25],"award_amount":99840.0,
  "items":[it("监控硬盘",None,"ST4000VX013",32,None,1020.0,supplier=S25),it("监控硬盘",None,"WD40PURZ",32,None,760.0,supplier=S25),
           it("存储硬盘",None,"HUS728T8TALE6L4",16,None,2680.0,supplier=S25)],
  "expected_brand_resolution":res("ST4000VX013","WD40PURZ","HUS728T8TALE6L4"),
  "notes":"No brand word anywhere: brand must be resolved from the bare model number (brand omitted in items because the notice does not write it)."})

B26="哈密市公安局"; S26="哈密市新科电脑有限公司"
t26="哈密市公安局执法记录数据备份介质采购成交公告"
add("026-table-bare-portable.html", simple_award(t26,"2022-01-07","HMGA-XJ-2022-001","询价",B26,None,S26,"16,980.00元",
 "<p>五、成交明细</p>"+tbl([["序号","产品名称","产品型号","数量","单位","单价","总价"],
  ["1","移动硬盘1TB","STKM1000400","30","个","399.00","11,970.00"],["2","移动硬盘2TB","WDBYVG0020BBK","10","个","501.00","5,010.00"],
  ["","合计：","","40","","","16,980.00"]])),
 {"shape":"table-bare-models","type":"award","title":t26,"published":"2022-01-07","project_code":"HMGA-XJ-2022-001","procurement_method":"询价",
  "buyer":B26,"winners":[S26],"award_amount":16980.0,
  "items":[it("移动硬盘1TB",None,"STKM1000400",30,"个",399.0,11970.0,S26),it("移动硬盘2TB",None,"WDBYVG0020BBK",10,"个",501.0,5010.0,S26)],
  "expected_brand_resolution":res("STKM1000400","WDBYVG0020BBK"),
  "notes":"Bare portable-drive models (Seagate One Touch, WD My Passport). 合计 row has a quantity (40) in the 数量 column — still not an item."})

B27="塔城市公安局"; S27="塔城市兴达网络科技有限公司"
t27="塔城市公安局网络及存储设备采购项目中标（成交）结果公告"
add("027-table-colspan-labelled-cells.html", simple_award(t27,"2022-04-06","TCSGA-2022-CG-010","竞争性谈判",B27,None,S27,"￥32,780.00",
 "<p>五、采购清单</p>"+tbl([["序号","货物名称","品牌及型号","数量及单位","单价（元）","备注"],
  ["1","NAS硬盘","品牌：希捷；型号：ST4000VN000","12 块","860.00","原厂三年质保"],
  ["2","企业级硬盘","品牌：西部数据；型号：WD8003FRYZ","10 块","1,880.00","原厂五年质保"],
  ["3","桌面硬盘","品牌：西部数据；型号：WD10EZEX","6 块","310.00",""],
  ["4","台式硬盘","品牌：希捷；型号：ST1000DM010","6 块","300.00",""],
  ['<td colspan="6">注：以上价格均含税、含运费及安装调试费。</td>']])),
 {"shape":"table-brand-model-one-cell","type":"award","title":t27,"published":"2022-04-06","project_code":"TCSGA-2022-CG-010","procurement_method":"竞争性谈判",
  "buyer":B27,"winners":[S27],"award_amount":32780.0,
  "items":[it("NAS硬盘","希捷","ST4000VN000",12,"块",860.0,supplier=S27),it("企业级硬盘","西部数据","WD8003FRYZ",10,"块",1880.0,supplier=S27),
           it("桌面硬盘","西部数据","WD10EZEX",6,"块",310.0,supplier=S27),it("台式硬盘","希捷","ST1000DM010",6,"块",300.0,supplier=S27)],
  "expected_brand_resolution":res("ST4000VN000","WD8003FRYZ","WD10EZEX","ST1000DM010"),
  "notes":"品牌及型号 cell with inner labels '品牌：…；型号：…'; 数量及单位 combined '12 块'; colspan note row is not an item; 备注 (warranty) is not a model. ST4000VN000 = older 'Seagate NAS HDD' line, not IronWolf."})

# ---------------- shape 6: field shapes ----------------
B28="新疆维吾尔自治区公安厅"; A28="新疆华信项目管理有限公司"; S28="新疆恒宇数据系统集成有限公司"
t28="新疆维吾尔自治区公安厅视频解析平台存储扩容采购项目成交结果公告"
add("028-field-prose-code-signature-date.html", f"""<div class="notice"><h3 style="text-align:center">{t28}</h3>
<p>&emsp;&emsp;{A28}受{B28}的委托，对“新疆维吾尔自治区公安厅视频解析平台存储扩容采购项目”（项目编号：XJHX-2022-952）以公开招标方式组织采购，该项目已按规定程序完成采购，现将成交结果公告如下：</p>
<p>&emsp;&emsp;一、成交供应商名称：{S28}，成交金额：贰拾叁万贰仟肆佰元整（¥232,400.00）。</p>
<p>&emsp;&emsp;二、成交货物：</p>
<table border="1"><tr><td>名称</td><td>品牌</td><td>型号</td><td>数量</td><td>单价（元）</td></tr>
<tr><td>存储服务器</td><td>浪潮</td><td>NF5280M6</td><td>2台</td><td>85,000.00</td></tr>
<tr><td>企业级硬盘</td><td>希捷</td><td>ST16000NM001G</td><td>24块</td><td>2,600.00</td></tr></table>
<p>&emsp;&emsp;三、各有关当事人对成交结果有异议的，可以在成交公告发布之日起七个工作日内以书面形式提出质疑。</p>
<p>&emsp;&emsp;联系人：郭工&nbsp;&nbsp;电话：0991-0000000</p>
<p style="text-align:right">{B28}</p>
<p style="text-align:right">2022年1月11日</p></div>""",
 {"shape":"field-prose-code-signature-date","type":"award","title":t28,"published":"2022-01-11","project_code":"XJHX-2022-952","procurement_method":"公开招标",
  "buyer":B28,"agency":A28,"winners":[S28],"award_amount":232400.0,
  "items":[it("存储服务器","浪潮","NF5280M6",2,"台",85000.0,supplier=S28),it("企业级硬盘","希捷","ST16000NM001G",24,"块",2600.0,supplier=S28)],
  "expected_brand_resolution":res("NF5280M6","ST16000NM001G"),
  "notes":"Project code only in prose with full-width brackets（项目编号：XJHX-2022-952）; no 发布时间 label — the publication date is the signature line at the end (buyer name then 2022年1月11日). Half-width ¥ sign."})

B29="乌鲁木齐市公安局"; A29="新疆天山招标有限公司"; S29="新疆天网信息科技有限公司"
t29="乌鲁木齐市公安局社会面视频监控系统升级改造项目中标（成交）结果公告"
add("029-field-budget-ceiling-method.html", f"""<h2 style="text-align:center">{t29}</h2>
<p style="text-align:center">发布时间：2022-05-10 19:02</p>
<p><b>一、项目编号：</b>TSZB-2022-0102</p>
<p><b>二、项目名称：</b>乌鲁木齐市公安局社会面视频监控系统升级改造项目</p>
<p>采购方式：竞争性磋商&nbsp;&nbsp;&nbsp;&nbsp;预算金额/最高限价：人民币572万元</p>
<p><b>三、中标（成交）信息</b></p>
<p>供应商名称：{S29}<br>供应商地址：乌鲁木齐市新市区某某街88号<br>中标（成交）金额：5,485,600.00元</p>
<p><b>四、主要标的信息</b></p>
<table border="1"><tr><td colspan="7">货物类</td></tr>
<tr><td>序号</td><td>供应商名称</td><td>货物名称</td><td>货物品牌</td><td>货物型号</td><td>货物数量</td><td>货物单价(元)</td></tr>
<tr><td>1</td><td>{S29}</td><td>网络摄像机</td><td>海康威视</td><td>DS-2CD3T46WDV3-I3</td><td>5000台</td><td>620.00</td></tr>
<tr><td>2</td><td>{S29}</td><td>监控硬盘</td><td>希捷</td><td>ST8000VX004</td><td>1200块</td><td>1,580.00</td></tr>
<tr><td>3</td><td>{S29}</td><td>接入交换机</td><td>华为</td><td>S5735-L24T4X-A</td><td>136台</td><td>3,600.00</td></tr></table>
<p><b>五、评审专家（单一来源采购人员）名单：</b>严某、华某、金某、魏某、陶某</p>
<p><b>六、代理服务收费标准及金额：</b>3.2万元</p>
<p><b>七、公告期限</b>自本公告发布之日起1个工作日。</p>
<p><b>八、其它补充事宜</b>无</p>
{contacts_ccgp(B29,"乌鲁木齐市某某路",A29,"乌鲁木齐市新市区某某路","钱工",7)}""",
 {"shape":"field-budget-ceiling-method","type":"award","title":t29,"published":"2022-05-10","project_code":"TSZB-2022-0102","procurement_method":"竞争性磋商",
  "buyer":B29,"agency":A29,"winners":[S29],"budget":5720000.0,"award_amount":5485600.0,
  "items":[it("网络摄像机","海康威视","DS-2CD3T46WDV3-I3",5000,"台",620.0,supplier=S29),it("监控硬盘","希捷","ST8000VX004",1200,"块",1580.0,supplier=S29),
           it("接入交换机","华为","S5735-L24T4X-A",136,"台",3600.0,supplier=S29)],
  "expected_brand_resolution":res("DS-2CD3T46WDV3-I3","ST8000VX004","S5735-L24T4X-A"),
  "notes":"'预算金额/最高限价：人民币572万元' → budget 5,720,000; '采购方式：竞争性磋商' on the same line; agency fee 3.2万元 not the award."})

B30="乌鲁木齐市公安局交通警察支队"; S30="新疆智行交通科技有限公司"
t30="乌鲁木齐市公安局交通警察支队电子警察抓拍设备采购项目竞争性谈判成交公告"
add("030-field-title-method-control-price.html", f"""<h2>{t30}</h2>
<p>日期：2022年03月03日</p>
<p>项目编号：WJZD-TP-2022-006</p>
<p>采购人：{B30}</p>
<p>招标控制价：1001646.00元</p>
<p>成交供应商：{S30}</p>
<p>成交价：986,500.00元</p>
<p>成交内容：</p>
<table border="1"><tr><td>序号</td><td>名称</td><td>品牌</td><td>型号</td><td>数量</td><td>单价(元)</td><td>合价(元)</td></tr>
<tr><td>1</td><td>抓拍摄像机</td><td>大华</td><td>DH-IPC-HFW2433M-I1</td><td>300台</td><td>1,650.00</td><td>495,000.00</td></tr>
<tr><td>2</td><td>存储硬盘</td><td>西部数据</td><td>WD8003FRYZ</td><td>120块</td><td>1,900.00</td><td>228,000.00</td></tr>
<tr><td>3</td><td>安装施工</td><td>—</td><td>—</td><td>1项</td><td>263,500.00</td><td>263,500.00</td></tr></table>
<p>联系人：李工；电话：0991-0000000</p>""",
 {"shape":"field-title-method-control-price","type":"award","title":t30,"published":"2022-03-03","project_code":"WJZD-TP-2022-006","procurement_method":"竞争性谈判",
  "buyer":B30,"winners":[S30],"budget":1001646.0,"award_amount":986500.0,
  "items":[it("抓拍摄像机","大华","DH-IPC-HFW2433M-I1",300,"台",1650.0,495000.0,S30),it("存储硬盘","西部数据","WD8003FRYZ",120,"块",1900.0,228000.0,S30),
           it("安装施工",None,None,1,"项",263500.0,263500.0,S30)],
  "expected_brand_resolution":res("DH-IPC-HFW2433M-I1","WD8003FRYZ"),
  "notes":"Procurement method only in the title (…竞争性谈判成交公告); '招标控制价：1001646.00元' is the budget/ceiling; '—' cells are empty."})

# ---------------- shape 7: title-only buyer ----------------
t31="乌鲁木齐市公安局天山区分局视频监控存储设备采购项目中标公告"; S31="乌鲁木齐捷讯数码科技有限公司"
add("031-title-only-buyer-a.html", f"""<div class="vT_detail_header"><h2>{t31}</h2><p>2022-04-14</p></div>
<div class="vT_detail_content">
<p>项目编号：XJHX-2022-310</p>
<p>中标供应商：{S31}</p><p>中标金额：￥57,625.00</p>
<table border="1"><tr><td>货物名称</td><td>品牌</td><td>型号</td><td>数量</td><td>单价(元)</td></tr>
<tr><td>监控硬盘</td><td>希捷</td><td>ST4000VX013</td><td>30块</td><td>1,040.00</td></tr>
<tr><td>监控硬盘</td><td>西部数据</td><td>WD40PURZ</td><td>35块</td><td>755.00</td></tr></table>
<p>公告期限：自本公告发布之日起1个工作日。</p>
<p>联系人：张工&nbsp;&nbsp;电话：13800000000</p></div>""",
 {"shape":"title-only-buyer","type":"award","title":t31,"published":"2022-04-14","project_code":"XJHX-2022-310",
  "buyer":"乌鲁木齐市公安局天山区分局","winners":[S31],"award_amount":57625.0,
  "items":[it("监控硬盘","希捷","ST4000VX013",30,"块",1040.0,supplier=S31),it("监控硬盘","西部数据","WD40PURZ",35,"块",755.0,supplier=S31)],
  "expected_brand_resolution":res("ST4000VX013","WD40PURZ"),
  "notes":"Body never names the buyer; the buyer comes from the title prefix before the project name (…分局 + 视频监控存储设备采购项目)."})

t32="疏附县公安局执法办案中心硬盘录像机采购成交公告"; S32="喀什智安电子科技有限公司"
add("032-title-only-buyer-b.html", f"""<h3 style="text-align:center">{t32}</h3>
<p style="text-align:center">发布日期：2022年02月08日</p>
<p>一、项目名称：执法办案中心硬盘录像机采购</p>
<p>二、项目编号：SFX-CG-2022-004</p>
<p>三、成交信息：成交供应商为{S32}，成交金额15,300.00元。</p>
<p>四、成交明细：1.硬盘录像机 海康威视 DS-7932N-R4 1台；2.监控硬盘 希捷 ST6000VX001 6块。</p>
<p>五、联系方式：联系人 马工，电话 0998-0000000</p>""",
 {"shape":"title-only-buyer","type":"award","title":t32,"published":"2022-02-08","project_code":"SFX-CG-2022-004",
  "buyer":"疏附县公安局","winners":[S32],"award_amount":15300.0,
  "items":[it("硬盘录像机","海康威视","DS-7932N-R4",1,"台",supplier=S32),it("监控硬盘","希捷","ST6000VX001",6,"块",supplier=S32)],
  "expected_brand_resolution":res("DS-7932N-R4","ST6000VX001"),
  "notes":"Buyer only in the title ('疏附县公安局' before 执法办案中心…); body project name omits the buyer. Items in a numbered prose line."})

# ---------------- other notice types ----------------
t33="阿克苏地区公安局视频专网扩容项目中标候选人公示"
add("033-candidates.html", f"""<h2>{t33}</h2><p>发布时间：2022-03-30</p>
<p>项目编号：AKSHT-ZB-2022-019</p><p>采购人：阿克苏地区公安局</p><p>采购代理机构：阿克苏恒通招标咨询有限公司</p>
<table border="1"><tr><td>排名</td><td>投标人名称</td><td>投标报价（元）</td></tr>
<tr><td>第一中标候选人</td><td>阿克苏天眼智能科技有限公司</td><td>1,268,000.00</td></tr>
<tr><td>第二中标候选人</td><td>新疆博远网络工程有限公司</td><td>1,295,500.00</td></tr>
<tr><td>第三中标候选人</td><td>新疆天网信息科技有限公司</td><td>1,310,000.00</td></tr></table>
<p>公示期：2022年3月30日至2022年4月1日。</p><p>联系人：秦工 0997-0000000</p>""",
 {"shape":"candidates-table","type":"candidates","title":t33,"published":"2022-03-30","project_code":"AKSHT-ZB-2022-019",
  "buyer":"阿克苏地区公安局","agency":"阿克苏恒通招标咨询有限公司","items":[],"expected_brand_resolution":[],
  "notes":"Candidate list, not an award: no winners, no award amount (the candidates' bid prices are not award amounts). 公示期 dates are not the publication date."})

t34="新疆维吾尔自治区公安厅存储系统原厂维保服务单一来源采购公示"
add("034-single-source.html", f"""<h2>{t34}</h2><p>发布时间：2022-02-18</p>
<p>一、项目信息</p><p>采购人：新疆维吾尔自治区公安厅</p><p>项目名称：存储系统原厂维保服务</p><p>项目编号：XJGAT-DY-2022-002</p><p>拟采购内容：对现有浪潮AS5600G2存储系统（含希捷企业级硬盘）提供一年原厂维保服务</p><p>预算金额：38.5万元</p>
<p>二、拟定供应商：新疆浪云信息服务有限公司</p>
<p>三、采用单一来源采购方式的原因及说明：原厂维保服务只能由原厂或其授权服务商提供。</p>
<p>四、公示期限：2022年2月18日至2022年2月25日</p><p>五、联系方式：采购人联系人 李警官 0991-0000000</p>""",
 {"shape":"single-source-notice","type":"single_source","title":t34,"published":"2022-02-18","project_code":"XJGAT-DY-2022-002","procurement_method":"单一来源",
  "buyer":"新疆维吾尔自治区公安厅","budget":385000.0,"items":[it("存储系统原厂维保服务")],"expected_brand_resolution":[{"model_or_brand":"希捷","brand":"Seagate"},{"model_or_brand":"浪潮","brand":"Inspur"}],
  "notes":"Single-source pre-award publicity: 拟定供应商 is proposed, not a winner (winners omitted). 希捷 is mentioned only as a component of the serviced system — no Seagate item bought, no quantity."})

t35="哈密市公安局数据存储设备采购项目更正公告"
add("035-correction.html", f"""<h2>{t35}</h2><p>2022年03月04日</p>
<p>一、原公告主要信息：项目名称：哈密市公安局数据存储设备采购项目；项目编号：HMZC-2022-Y021；原公告发布时间：2022年02月25日</p>
<p>二、更正信息：更正事项：采购需求。更正内容：第三章采购需求中“监控硬盘 参考型号ST4000VX013 数量20块”更正为“监控硬盘 参考型号ST4000VX016 数量24块”；开标时间顺延至2022年03月18日10:00。</p>
<p>三、其他补充事宜：其他内容不变。</p>
<p>四、联系方式：采购人：哈密市公安局　联系人：赵警官　电话：0902-0000000</p>""",
 {"shape":"correction-notice","type":"correction","title":t35,"published":"2022-03-04","project_code":"HMZC-2022-Y021","buyer":"哈密市公安局","items":[],
  "expected_brand_resolution":[{"model_or_brand":"ST4000VX013","brand":"Seagate","product_line":"SkyHawk"},{"model_or_brand":"ST4000VX016","brand":"Seagate","product_line":"SkyHawk"}],
  "notes":"Correction of a tender: the models/quantities are requirement text, nothing was bought — no items, no award. 原公告发布时间 and 开标时间 are not the publication date."})

t36="和田地区公安局监控设备采购项目终止公告"
add("036-termination.html", f"""<h2>{t36}</h2><p>发布时间：2022-04-28</p>
<p>项目编号：HTRZ2022-C-025</p><p>项目名称：和田地区公安局监控设备采购项目</p><p>采购人：和田地区公安局</p><p>采购代理机构：和田润泽项目管理有限公司</p>
<p>终止原因：因采购需求发生重大变化，经采购人研究决定终止本项目采购活动。</p>
<p>联系人：阿工，电话：13900000000</p>""",
 {"shape":"termination-notice","type":"termination","title":t36,"published":"2022-04-28","project_code":"HTRZ2022-C-025","buyer":"和田地区公安局","agency":"和田润泽项目管理有限公司",
  "items":[],"expected_brand_resolution":[],"notes":"Termination: no winners, no items."})

# ---------------- write + sanity checks ----------------
import re, html as H
def strip(h): return re.sub(r"\s+"," ",H.unescape(re.sub(r"<[^>]+>"," ",h)))
os.makedirs(OUT, exist_ok=True)
for fn,h,e in NOTICES:
    txt=strip(h)
    for k in ("title","project_code","buyer","agency"):
        if k in e and k!="buyer": assert e[k] in txt, (fn,k,e[k])
    assert e["buyer"] in txt, (fn,"buyer")
    for w in e.get("winners",[]): assert w in txt,(fn,w)
    for i in e["items"]:
        assert i["name"] in txt,(fn,i["name"])
        if "model" in i: assert i["model"] in txt,(fn,i["model"])
        if "brand" in i: assert i["brand"] in txt,(fn,i["brand"])
        if "supplier" in i: assert i["supplier"] in txt
        if "total" in i and "unit_price" in i and "quantity" in i: assert abs(i["total"]-i["unit_price"]*i["quantity"])<0.01,(fn,i)
    its=e["items"]
    if its and all("total" in i for i in its) and "award_amount" in e:
        assert abs(sum(i["total"] for i in its)-e["award_amount"])<0.01,(fn,"sum")
    if its and all("unit_price" in i and "quantity" in i for i in its) and "award_amount" in e:
        s=sum(i["unit_price"]*i["quantity"] for i in its)
        if abs(s-e["award_amount"])>0.01: print("NOTE sum mismatch",fn,s,e["award_amount"])
    open(os.path.join(OUT,fn),"w").write(h)
    open(os.path.join(OUT,fn.replace(".html",".expected.json")),"w").write(json.dumps(e,ensure_ascii=False,indent=1)+"\n")
print(len(NOTICES),"notices;", len(set(e["shape"] for _,_,e in NOTICES)),"shapes")
from collections import Counter; print(Counter(e["shape"] for _,_,e in NOTICES))
