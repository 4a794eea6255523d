# Builds small PDFs for the reader tests: a GBK-EUC-H text PDF (CID font
# without a ToUnicode map) and an image-only PDF of a scanned page.
import sys, zlib

def pdf(objs):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(out)

def stream(d, extra=b""):
    c = zlib.compress(d)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(c), extra) + c + b"\nendstream"

def gbk_pdf(lines, ordering, encoding, path):
    content = b"BT /F1 12 Tf 14 TL 50 780 Td\n"
    for l in lines:
        if encoding == b"GBK-EUC-H":
            s = l.encode("gbk")
        else:  # Identity-H: two-byte codes that are glyph ids, not characters
            s = b"".join(((ord(ch) * 7) % 20000 + 100).to_bytes(2, "big") for ch in l)
        content += b"<" + s.hex().encode() + b"> Tj T*\n"
    content += b"ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /" + encoding + b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (" + ordering + b") /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    open(path, "wb").write(pdf(objs))

def image_pdf(pgm, path):
    data = open(pgm, "rb").read()
    # P5 header: magic, width height, maxval, then raw bytes
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    raw = parts[3]
    pw, ph = w * 72.0 / 300, h * 72.0 / 300
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q" % (pw, ph)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>" % (pw, ph),
        stream(content),
        stream(raw, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 " % (w, h)),
    ]
    open(path, "wb").write(pdf(objs))

if __name__ == "__main__":
    lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    gbk_pdf(lines, b"GB1", b"GBK-EUC-H", "gbk-euc-h.pdf")
    gbk_pdf(lines, b"Identity", b"Identity-H", "garbled-identity.pdf")
    image_pdf(sys.argv[2], "scan.pdf")
