#!/usr/bin/env python3
"""Rewrites an .xlsx (a zip) with every size and offset in zip64 form, the way zip64 writers do
past 4 GiB: local and central headers carry 0xFFFFFFFF and a zip64 extra field, and the end of
the central directory goes through the zip64 record and its locator. The parts' compressed
bytes are copied as they are.

    python3 scripts/make-zip64-xlsx.py fixtures/xlsx/bank_c_transfers.xlsx fixtures/xlsx/bank_c_transfers_zip64.xlsx
"""
import struct
import sys
import zipfile

source, target = sys.argv[1], sys.argv[2]
raw = open(source, "rb").read()
out = bytearray()
central = bytearray()
with zipfile.ZipFile(source) as archive:
    infos = archive.infolist()
for info in infos:
    p = info.header_offset
    name_length, extra_length = struct.unpack("<HH", raw[p + 26:p + 30])
    data_start = p + 30 + name_length + extra_length
    data = raw[data_start:data_start + info.compress_size]
    name = info.filename.encode("utf-8")
    offset = len(out)
    flags = info.flag_bits & ~0x08  # sizes are in the headers, no data descriptor
    local_extra = struct.pack("<HHQQ", 1, 16, info.file_size, info.compress_size)
    out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, flags, info.compress_type, 0, 0x21,
                       info.CRC, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(local_extra))
    out += name + local_extra + data
    central_extra = struct.pack("<HHQQQ", 1, 24, info.file_size, info.compress_size, offset)
    central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, flags, info.compress_type, 0, 0x21,
                           info.CRC, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(central_extra), 0, 0, 0, 0, 0xFFFFFFFF)
    central += name + central_extra
directory_offset = len(out)
out += central
record_offset = len(out)
out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(infos), len(infos), len(central), directory_offset)
out += struct.pack("<IIQI", 0x07064B50, 0, record_offset, 1)
out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
open(target, "wb").write(out)
with zipfile.ZipFile(target) as check:  # Python's reader agrees it is a whole zip
    assert check.testzip() is None and [i.filename for i in check.infolist()] == [i.filename for i in infos]
