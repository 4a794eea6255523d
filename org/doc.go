// Package org analyses the names of Chinese organisations as they appear in
// procurement notices: it splits a name into places, institution and
// sub-units, derives the body's sector (public security, courts, prisons,
// XPCC …), administrative level and GB/T 2260 region, names the parent body
// the name states, renders the name in English in analysts' convention, and
// gives the canonical key under which spellings of one body collapse.
//
// Organisations are first-class in enduse: "Xinjiang public security
// entities" is a filter no notice states. It is derived here from names such
// as 乌鲁木齐市公安局天山区分局 or 新疆生产建设兵团第一师公安局.
//
// The vocabulary (glossary with sector and level of each term, official
// English of places, pinyin readings) lives in data files under data/.
//
// # Sector
//
// Armed-police words (武警, 武装警察) win. Otherwise the first specialised
// term decides (公安…, 监狱/司法…, 人民检察院, 人民法院, 国家安全…): a
// prison's hospital is prison_justice, 公安县自然资源和规划局 is not public
// security because 公安县 is a place. Then a company's legal form makes an
// enterprise; then the last generic body word outside brackets (education,
// health, other_government). Bodies of the 新疆生产建设兵团 that are not
// otherwise classified are xpcc; its 公安局 stay public_security and its 监狱
// prison_justice. 警察学院/警官学院 are public_security; 司法警官学院 and
// 警官职业学院 prison_justice. A 强制隔离戒毒所 is prison_justice when the
// name says 司法 or it is a province's centre, public_security when it says
// 公安 or is a city's or county's.
//
// # Level
//
//   - ministry: central bodies (公安部, 司法部, 最高人民法院) and bodies named
//     after the nation (中国人民警察大学, 中国刑事警察学院).
//   - province, prefecture, county, district: the level of the deepest place
//     the body is named after (a 区 is district; 兵团 is province, its 师
//     prefecture, its 团 county); a term can fix it (公安厅 province,
//     中级人民法院 prefecture).
//   - Prisons (监狱, 未成年犯管教所, 监狱管理局) are province: the provincial
//     prison administration runs them whatever city names them.
//   - district also for the 分局 of a city bureau (北京市公安局东城分局).
//   - station: 派出所, 警务站, 中队, 人民法庭, and bodies of a town, township
//     or subdistrict (镇/乡人民政府, 街道办事处, 居民委员会).
//   - unit: a sub-unit inside a bureau that is not a bureau itself (支队,
//     大队, 总队, 指挥中心, 交通管理局 of a 公安厅, 物证鉴定中心 of 公安部).
//     A sub-unit that is a body in its own right without a place of its own
//     (看守所 of a county bureau, a school of a subdistrict) takes its
//     parent's level; one with its own place takes that place's level
//     (喀什地区公安局疏附县公安局 is county).
//   - unknown: enterprises (the administrative ladder does not apply) and
//     names with no place and no level-fixing term.
package org
