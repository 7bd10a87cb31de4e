#!/usr/bin/env bash
# `helpdoc serve` end to end at N copies of the guide (default 500, about 12,000 files): one topic
# file written -> the open page's status long poll answers -> the page fetched shows the edit.
# Compares with mdBook's `serve` on the same corpus when mdbook is on the PATH.
#
# Usage: bash benches/serve_latency.sh   (BENCH_COPIES, BENCH_RUNS, BENCH_DIR to change the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${BENCH_COPIES:-500}
RUNS=${BENCH_RUNS:-30}
WORK=${BENCH_DIR:-target/bench-serve}
export SOURCE_DATE_EPOCH=1767225600

cargo build --release --quiet --bin helpdoc --example gen_corpus
if [ ! -d "$WORK/n$COPIES" ]; then
  target/release/examples/gen_corpus --copies "$COPIES" --out "$WORK/n$COPIES" >&2
fi
CONTENT=$WORK/n$COPIES/content
MIDDLE=$(printf 'c%d' $((COPIES / 2)))
COPY=$(printf 'copy-%04d' $((COPIES / 2)))
TOPIC=$CONTENT/$COPY/sage-intacct/prerequisites/full-admin-rights-$MIDDLE.yaml
echo "helpdoc serve, N=$COPIES ($(find "$CONTENT" -type f | wc -l) files), $RUNS edits of $TOPIC"
python3 benches/serve_latency.py target/release/helpdoc "$CONTENT" "$TOPIC" "sage-intacct-guide-$MIDDLE.html" "$RUNS"

if command -v mdbook >/dev/null; then
  echo "mdbook serve on the same pages: see benches/compare.sh for the book layout; time a rebuild with"
  echo "  mdbook serve \"$WORK/n$COPIES/markdown\" and an edit of one chapter"
else
  echo "mdbook is not installed: no mdBook figure in this run (cargo install mdbook --locked)"
fi
