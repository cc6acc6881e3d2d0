#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-subset.otf: Noto Sans CJK SC Regular (SIL OFL 1.1, from
# Debian's fonts-noto-cjk) cut down to what the app needs: the 3,755 characters of GB2312 level 1
# (the common Chinese characters, so most of a user's own preset text shows too), CJK and
# full-width punctuation, and every character of the Chinese translations, glossary and presets.
# Run it after adding translations; tests/i18n.rs fails while a translated character is missing.
# Needs: python3 with fonttools (pip install fonttools, in a virtualenv outside the repository)
# and apt-get (to download, not install, the font package). Nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
PYFTSUBSET=${PYFTSUBSET:-pyftsubset}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download fonts-noto-cjk >/dev/null && dpkg-deb -x fonts-noto-cjk_*.deb x)
python3 - "$work/text.txt" <<'PY'
import sys, glob
chars = set()
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for path in glob.glob("src/i18n/**/*.rs", recursive=True) + glob.glob("src/i18n/*.tsv") + glob.glob("presets/*.json"):
    chars.update(c for c in open(path, encoding="utf-8").read() if ord(c) > 0x2E7F)
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
PY
"$PYFTSUBSET" "$work/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" --font-number=2 \
  --text-file="$work/text.txt" --unicodes="U+0020-007E,U+00B7,U+2014,U+2018-201D,U+2026,U+3000-303F,U+FF00-FFEF" \
  --no-hinting --output-file="$work/subset.otf"
mv "$work/subset.otf" assets/fonts/NotoSansSC-subset.otf
ls -l assets/fonts/NotoSansSC-subset.otf
