#!/usr/bin/env bash
# Indexing throughput, newsidx against tantivy-cli, in one run on one machine.
#
#   newsidx:     `newsidx index` over the Reuters-21578 SGML files: reading, entity extraction,
#                indexing, commit (a fresh index each run, so no file is skipped as unchanged).
#   tantivy-cli: `tantivy index` (0.24.0, from crates.io) over the same 21,578 stories,
#                pre-converted to JSON Lines (id, title, dateline, body, date) by
#                `examples/export_jsonl.rs`, no extraction.
#
# Prints wall seconds and peak resident memory (GNU time's %M) of every run, the medians, and
# the ratio of the medians. Not a test: it measures. Environment:
#   REUTERS  folder of reut2-*.sgm       (default ../shared/corpora/reuters21578)
#   RUNS     runs of each tool           (default 5)
#   THREADS  indexing threads, both tools (default 2: this machine's cores)
#   TOOLS    where tantivy-cli is installed (default ~/.cache/newsidx-tools)
#   NEWSIDX_ARGS  more options for `newsidx index` (for example --no-tagger)
set -euo pipefail
cd "$(dirname "$0")/.."
REUTERS=${REUTERS:-../shared/corpora/reuters21578}
RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
TOOLS=${TOOLS:-$HOME/.cache/newsidx-tools}
[ -d "$REUTERS" ] || { echo "no Reuters-21578 folder at $REUTERS" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin newsidx --example export_jsonl
. scripts/tantivy-cli.sh
./target/release/examples/export_jsonl "$REUTERS" > "$work/reuters.jsonl"

measure() { # label command...: prints "label seconds peak_kb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || {
    echo "$label failed:" >&2; tail -5 "$work/out" >&2; exit 1; }
  echo "$label $(cat "$work/time")"
}

for run in $(seq "$RUNS"); do
  rm -rf "$work/nx" "$work/tc"
  # shellcheck disable=SC2086 # NEWSIDX_ARGS is a list of options
  measure newsidx ./target/release/newsidx index "$REUTERS" --index "$work/nx" --threads "$THREADS" ${NEWSIDX_ARGS:-}
  mkdir "$work/tc"
  tantivy_meta > "$work/tc/meta.json"
  measure tantivy-cli "$tantivy" index -i "$work/tc" -f "$work/reuters.jsonl" -t "$THREADS"
done | tee "$work/runs"

stories=$(wc -l < "$work/reuters.jsonl")
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $stories stories; $RUNS runs each; $THREADS threads"
awk -v stories="$stories" '
  { secs[$1] = secs[$1] " " $2; mem[$1] = mem[$1] " " $3 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    for (tool in secs) {
      s = median(secs[tool]); m = median(mem[tool])
      printf "%-12s median %.2f s  %.0f stories/s  peak RSS %.0f MB\n", tool, s, stories / s, m / 1024
      med[tool] = s
    }
    if (med["tantivy-cli"] > 0) printf "ratio newsidx / tantivy-cli: %.2f\n", med["newsidx"] / med["tantivy-cli"]
  }' "$work/runs"
