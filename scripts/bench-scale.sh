#!/usr/bin/env bash
# How indexing and search cost grow with the archive: Reuters-21578 written COPIES times.
#
#   scripts/bench-scale.sh [COPIES]      (default 1: 21,578 lines; 10: ~216k; 47: ~1M)
#
# Builds the corpus once: examples/export_jsonl.rs writes Reuters-21578 as JSON Lines (id,
# title, dateline, body, date), and copy N is that file with every id prefixed `cN-`, one file a
# copy, so every story is distinct. Then, each in a fresh folder:
#   newsidx:     `newsidx index CORPUS --threads $THREADS [$NEWSIDX_ARGS]` (reading, entity
#                extraction, indexing, commit; the lines with neither title nor body are
#                reported as failures, so exit 3 is expected);
#   tantivy-cli: `tantivy index -t $THREADS` (0.24.0, its default 1 GB heap) over the same
#                lines on standard input, no extraction.
# Prints, per tool, wall seconds and peak resident memory (GNU time: apt-get install time if
# /usr/bin/time is missing), the index size and its segments; then newsidx's warm search
# latencies through examples/search_latency.rs (one searcher, RUNS warm runs, p50 and p90):
# `oil` with every facet and the histogram, and the match-all facet view (`""`).
# Not a test: it measures. Environment:
#   REUTERS    folder of reut2-*.sgm (default ../shared/corpora/reuters21578)
#   SCALE_DIR  where the corpus and the indexes go (default $TMPDIR/newsidx-scale); about
#              3 GB at 47 copies. Deleted at the end unless KEEP=1 (then a later run reuses
#              the corpus and, with REINDEX=0, the indexes).
#   THREADS    indexing threads, both tools (default 2: this machine's cores)
#   RUNS       warm runs of each query (default 50)
#   TOOLS      where tantivy-cli is installed (default ~/.cache/newsidx-tools)
#   BUILD      0: use the release binaries already built instead of building them (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-1}
REUTERS=${REUTERS:-../shared/corpora/reuters21578}
SCALE_DIR=${SCALE_DIR:-${TMPDIR:-/tmp}/newsidx-scale}
THREADS=${THREADS:-2}
RUNS=${RUNS:-50}
TOOLS=${TOOLS:-$HOME/.cache/newsidx-tools}
[ -d "$REUTERS" ] || { echo "no Reuters-21578 folder at $REUTERS" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$SCALE_DIR"' EXIT

[ "${BUILD:-1}" = 0 ] || cargo build --release --quiet --bin newsidx --example export_jsonl --example search_latency
. scripts/tantivy-cli.sh
bin=${CARGO_TARGET_DIR:-target}/release
corpus=$SCALE_DIR/corpus
mkdir -p "$corpus"

[ -s "$SCALE_DIR/reuters.jsonl" ] || "$bin/examples/export_jsonl" "$REUTERS" > "$SCALE_DIR/reuters.jsonl" 2>/dev/null
# Keys are written in order (body, date, dateline, id, title); `"id":"` cannot occur unescaped
# inside a string, so the first match is the id.
for n in $(seq "$COPIES"); do
  part=$(printf '%s/copy-%03d.jsonl' "$corpus" "$n")
  [ -s "$part" ] || sed "s/\"id\":\"/\"id\":\"c$n-/" "$SCALE_DIR/reuters.jsonl" > "$part"
done
# Copies beyond COPIES left by an earlier, larger run.
find "$corpus" -name 'copy-*.jsonl' | sort | tail -n +"$((COPIES + 1))" | xargs -r rm -f
lines=$(cat "$corpus"/copy-*.jsonl | wc -l)

measure() { # label command...: prints "label seconds peak_MB"; exit 3 (some lines failed) is fine
  local label=$1; shift
  local rc=0
  /usr/bin/time -f "%e %M" -o "$SCALE_DIR/time" "$@" >"$SCALE_DIR/$label.out" 2>"$SCALE_DIR/$label.err" || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
    echo "$label failed ($rc):" >&2; tail -5 "$SCALE_DIR/$label.err" >&2; exit 1
  fi
  awk -v l="$label" 'NF == 2 { printf "%-12s %8.1f s  peak RSS %6.0f MB\n", l, $1, $2 / 1024 }' "$SCALE_DIR/time"
}
size() { du -sb "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'; }
segments() { jq '.segments | length' "$1/meta.json"; }

echo "corpus: $COPIES copies, $lines lines, $(size "$corpus"); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${REINDEX:-1}" = 1 ] || [ ! -f "$SCALE_DIR/nx/meta.json" ]; then
  rm -rf "$SCALE_DIR/nx" "$SCALE_DIR/tc"
  # shellcheck disable=SC2086 # NEWSIDX_ARGS is a list of options
  measure newsidx "$bin/newsidx" index "$corpus" --index "$SCALE_DIR/nx" --threads "$THREADS" --json ${NEWSIDX_ARGS:-}
  echo "             stories $(jq .stories_indexed "$SCALE_DIR/newsidx.out" 2>/dev/null || echo '?'), index $(size "$SCALE_DIR/nx"), $(segments "$SCALE_DIR/nx") segments"
  mkdir "$SCALE_DIR/tc"
  tantivy_meta > "$SCALE_DIR/tc/meta.json"
  measure tantivy-cli sh -c "cat '$corpus'/copy-*.jsonl | '$tantivy' index -i '$SCALE_DIR/tc' -t '$THREADS'"
  echo "             index $(size "$SCALE_DIR/tc"), $(segments "$SCALE_DIR/tc") segments"
fi
RUNS=$RUNS "$bin/examples/search_latency" "$SCALE_DIR/nx" oil ""
