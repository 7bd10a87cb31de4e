#!/usr/bin/env bash
# `helpdoc serve` end to end at N copies of the guide (default 500, about 12,000 files): one topic
# file written -> the open page's status long poll answers -> the page fetched shows the edit.
# Then mdBook's `serve` on the same pages (gen_corpus's markdown/ book) in the same run: one chapter
# written -> the rebuilt page served (benches/mdbook_serve_latency.py).
#
# Usage: bash benches/serve_latency.sh   (BENCH_COPIES, BENCH_RUNS, BENCH_MDBOOK_RUNS (default 5: mdBook
# rebuilds the whole book on every edit), BENCH_DIR to change the defaults; BENCH_MDBOOK_RUNS=0 skips it)
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
echo "helpdoc serve, N=$COPIES ($(find "$CONTENT" -type f | wc -l) files), $RUNS edits of $TOPIC; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 benches/serve_latency.py target/release/helpdoc "$CONTENT" "$TOPIC" "sage-intacct-guide-$MIDDLE.html" "$RUNS"

MDBOOK_RUNS=${BENCH_MDBOOK_RUNS:-5}
if [ "$MDBOOK_RUNS" -gt 0 ]; then
  MDBOOK=${MDBOOK:-$(bash benches/find_mdbook.sh python3)}
  echo "mdbook serve ($("$MDBOOK" --version), --watcher native), N=$COPIES ($(wc -l <"$WORK/n$COPIES/markdown/pages.txt") chapters), $MDBOOK_RUNS edits; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 benches/mdbook_serve_latency.py "$MDBOOK" "$WORK/n$COPIES/markdown" "full-admin-rights-$MIDDLE" "$MDBOOK_RUNS"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
