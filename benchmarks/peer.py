#!/usr/bin/env python3
"""A plain Python procurement-notice extractor, the peer enduse is measured against.

Usage: peer.py KBDIR FILE_OR_DIR... > out.jsonl

It is the usual procurement-spider stack: BeautifulSoup over lxml to get the
text, a dozen regular expressions for the fields (type, date, project code,
buyer, agency, winner, budget, award amount, phones and ID numbers to mask)
and one alternation of every brand alias of the knowledge base in KBDIR. It
prints one JSON object per file. It is deliberately ordinary, not tuned: it
stands for what a researcher would write, so enduse's speed is judged
against real practice (see benchmarks/README.md).
"""
import hashlib
import json
import os
import re
import sys

import yaml
from bs4 import BeautifulSoup

FIELD = r"[：:]\s*([^\s，,。；;]{2,60})"
RE_BUYER = re.compile(r"(?:采购人|招标人|采购单位|建设单位)(?:名称)?" + FIELD)
RE_AGENCY = re.compile(r"(?:采购代理机构|招标代理机构|代理机构|招标机构)(?:名称)?" + FIELD)
RE_WINNER = re.compile(r"(?:中标人|中标供应商|成交供应商|中标单位|成交单位|第一中标候选人)(?:名称)?" + FIELD)
RE_CODE = re.compile(r"(?:项目编号|招标编号|采购编号|标段编号)[：:]\s*([A-Za-z0-9\-_\[\]〔〕（）()]{4,60})")
RE_BUDGET = re.compile(r"(?:预算金额|最高限价|采购预算|控制价)[^0-9]{0,20}([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元)?")
RE_AWARD = re.compile(r"(?:中标金额|成交金额|中标价|中标价格|成交价)[^0-9]{0,20}([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万元|元)?")
RE_DATE = re.compile(r"(20[0-9]{2})[年\-/.]([01]?[0-9])[月\-/.]([0-3]?[0-9])日?")
RE_PHONE = re.compile(r"(?<![0-9])(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])")
RE_IDNO = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
RE_CONTACT = re.compile(r"(?:联系人|项目联系人|项目负责人)[：:]\s*([\u4e00-\u9fff]{2,4})")
RE_SPACE = re.compile(r"[ \t\u3000\xa0]+")
TYPES = [("termination", re.compile(r"废标|流标|终止")), ("correction", re.compile(r"更正|变更|澄清")),
         ("candidates", re.compile(r"候选人")), ("single_source", re.compile(r"单一来源")),
         ("award", re.compile(r"中标|成交|结果")), ("contract", re.compile(r"合同")),
         ("tender", re.compile(r"招标|采购|磋商|谈判|询价|询比|比选"))]


def load_aliases(kbdir):
    """Every brand and company alias of the knowledge base, mapped to its brand."""
    aliases = {}
    for name in sorted(os.listdir(kbdir)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(kbdir, name), encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
        for rec in (doc.get("brands") or []) + (doc.get("companies") or []):
            canon = rec.get("name")
            for a in [rec.get("name"), rec.get("name_zh")] + list(rec.get("aliases") or []):
                if a and len(str(a)) >= 2:
                    aliases.setdefault(str(a).lower(), canon)
            for pl in rec.get("product_lines") or []:
                for a in [pl.get("name")] + list(pl.get("aliases") or []):
                    if a and len(str(a)) >= 2:
                        aliases.setdefault(str(a).lower(), canon)
    return aliases


def amount(m):
    if not m:
        return None
    try:
        v = float(m.group(1).replace(",", ""))
    except ValueError:
        return None
    return v * 10000 if m.group(2) == "万元" else v


def decode(raw):
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", "replace")


def extract(path, re_alias, aliases):
    with open(path, "rb") as f:
        raw = f.read()
    soup = BeautifulSoup(decode(raw), "lxml")
    for t in soup(["script", "style"]):
        t.decompose()
    title = soup.title.get_text(strip=True) if soup.title else ""
    text = "\n".join(RE_SPACE.sub(" ", s).strip() for s in soup.get_text("\n").splitlines() if s.strip())
    out = {"source": path, "sha256": hashlib.sha256(raw).hexdigest(), "title": title}
    head = title or text[:200]
    out["type"] = next((t for t, r in TYPES if r.search(head)), "other")
    m = RE_DATE.search(text)
    if m:
        out["published"] = "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3)))
    for key, r in (("buyer", RE_BUYER), ("agency", RE_AGENCY), ("project_code", RE_CODE)):
        m = r.search(text)
        if m:
            out[key] = m.group(1)
    out["suppliers"] = [{"name": w, "role": "winner"} for w in dict.fromkeys(RE_WINNER.findall(text))]
    out["budget"] = amount(RE_BUDGET.search(text))
    out["award_amount"] = amount(RE_AWARD.search(text))
    # Case-folded once, then one plain alternation (re.IGNORECASE over
    # thousands of alternatives is ten times slower; no spider keeps it).
    out["mentions"] = [{"text": text[m.start():m.end()], "start": m.start(), "end": m.end(), "brand": aliases[m.group(0)]}
                       for m in re_alias.finditer(text.lower())]
    masked = RE_IDNO.sub("*", RE_PHONE.sub("*", text))
    masked = RE_CONTACT.sub("联系人：*", masked)
    out["redacted_chars"] = len(text) - len(masked)
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: peer.py KBDIR FILE_OR_DIR...")
    aliases = load_aliases(sys.argv[1])
    re_alias = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)))
    paths = []
    for p in sys.argv[2:]:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                paths.extend(os.path.join(root, f) for f in sorted(files))
        else:
            paths.append(p)
    w = sys.stdout
    for p in sorted(paths):
        w.write(json.dumps(extract(p, re_alias, aliases), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
