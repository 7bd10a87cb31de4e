#!/usr/bin/env bash
# Regenerates en_US.words: every word form the shipped Hunspell en_US dictionary spells out
# (stems with their affixes applied, by Hunspell's own `unmunch`), sorted bytewise, one per line.
# Words with digits are left out: the spelling rule never checks them.
# The spelling rule looks words up in it without loading the dictionary; the unit test
# `spelling::lexicon::tests::expanded_words_are_all_accepted_by_the_dictionary` checks that
# the dictionary accepts every line, so the shortcut never changes an answer.
# Run it after changing en_US.dic or en_US.aff. Needs `unmunch` (Debian: hunspell-tools); when it
# is missing the package is downloaded (not installed) into a temporary folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
unmunch="$(command -v unmunch || true)"
if [ -z "$unmunch" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download hunspell-tools >/dev/null && dpkg-deb -x hunspell-tools_*.deb root)
  unmunch="$(find "$tmp/root" -type f -name unmunch | head -n 1)"
fi
"$unmunch" "$here/en_US.dic" "$here/en_US.aff" 2>/dev/null | grep -v "[0-9]" | LC_ALL=C sort -u >"$here/en_US.words"
wc -l "$here/en_US.words"
