#!/usr/bin/env bash
# Makes assets/fonts/NotoSansCJKsc-Regular-GB2312.otf, the font the PDF report embeds: Noto Sans CJK SC
# Regular (Debian fonts-noto-cjk, SIL Open Font License 1.1, no Reserved Font Name) cut to the
# GB 2312 characters (6,763 hanzi and its symbols), ASCII, Latin-1, general and CJK punctuation, arrows,
# maths, circled numbers and full-width forms — about 2.9 MB instead of 19 MB. pdfkit subsets it again
# to the characters a report uses. Needs Debian's fonts-noto-cjk and fonttools (pyftsubset).
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
out=assets/fonts/NotoSansCJKsc-Regular-GB2312.otf
[ -f "$src" ] || { echo "missing $src: apt-get install fonts-noto-cjk" >&2; exit 1; }
command -v /usr/bin/pyftsubset >/dev/null || { echo "missing pyftsubset: apt-get install fonttools" >&2; exit 1; }
chars=$(mktemp)
/usr/bin/python3 - "$chars" <<'PY'
import sys
out = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            out.add(bytes([b1, b2]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
for lo, hi in [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x215F), (0x2190, 0x21FF),
               (0x2200, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    out.update(chr(c) for c in range(lo, hi + 1))
open(sys.argv[1], 'w', encoding='utf-8').write(''.join(sorted(out)))
PY
# Font number 2 of the collection is Noto Sans CJK SC (fc-scan --format '%{index} %{family}\n' "$src").
/usr/bin/pyftsubset "$src" --font-number=2 --text-file="$chars" --no-hinting --output-file="$out"
rm -f "$chars"
ls -l "$out"
