#!/usr/bin/env python3
"""Writes a benchmark corpus: one HTML file per real notice.

Usage: mkcorpus.py OUTDIR JSONL...

Each JSON Lines record of a crawler export (the Ningbo sunshine platform's
bulletinTitle/bulletinContent/publishDate, the Yichang trading centre's
title/infocontent/infodate) becomes OUTDIR/NNNNN.html: the original HTML
body, with the title and date of the record in the head when the body is a
fragment. Records without an HTML body are skipped. The corpus is for
measuring speed only; it is never committed (the notices are in the
project's shared data folder, see its SOURCES.md).
"""
import html
import json
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: mkcorpus.py OUTDIR JSONL...")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                body = r.get("bulletinContent") or r.get("infocontent")
                if not body:
                    continue
                title = r.get("bulletinTitle") or r.get("title") or ""
                date = r.get("publishDate") or r.get("infodate") or ""
                if "<html" not in body[:500].lower():
                    body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                            "<body><h1>%s</h1><p>发布时间：%s</p>%s</body></html>") % (
                        html.escape(title), html.escape(title), html.escape(date[:10]), body)
                n += 1
                with open(os.path.join(out, "%05d.html" % n), "w", encoding="utf-8") as w:
                    w.write(body)
    print("%d notices written to %s" % (n, out), file=sys.stderr)


if __name__ == "__main__":
    main()
