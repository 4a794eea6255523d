# Writes a RAR 4 archive with stored (uncompressed) members, for tests:
# no RAR writer is packaged in Debian main. Usage: mkrar.py OUT NAME=FILE...
import struct, sys, zlib

def block(htype, flags, body, add=b""):
    size = 7 + len(body)
    head = struct.pack("<BHH", htype, flags, size) + body
    crc = zlib.crc32(head) & 0xFFFF
    return struct.pack("<H", crc) + head + add

def rar(members):
    out = b"Rar!\x1a\x07\x00"
    out += block(0x73, 0, b"\x00\x00" + b"\x00\x00\x00\x00")
    for name, data in members:
        n = name.encode("ascii")
        body = struct.pack("<IIBIIBBHI", len(data), len(data), 2, zlib.crc32(data) & 0xFFFFFFFF,
                           0x5B834A00, 29, 0x30, len(n), 0x20) + n
        out += block(0x74, 0x8000, body, data)
    out += block(0x7B, 0x4000, b"")
    return out

if __name__ == "__main__":
    members = []
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        members.append((name, open(path, "rb").read()))
    open(sys.argv[1], "wb").write(rar(members))
