#!/usr/bin/env bash
# What saved searches add to an indexing run, end to end: `newsidx index` over a batch of
# 10,000 Reuters-21578 stories (reut2-000..009) into a fresh index, without watches and with
# the 1,000 watches of benches/percolation.rs (50 subject terms, one in five an OR of two,
# crossed with 20 country filters) saved in the index folder. The second run journals the
# ids it writes, percolates them after its final commit and appends its alerts to
# alerts.ndjson. Runs alternate (plain, watched, plain...) so that a change of load hits both.
# Prints every run's wall seconds (and, for watched runs, the alerting seconds the summary
# reports: percolating, logging), the medians and their ratios. Not a test: it measures.
#   REUTERS  folder of reut2-*.sgm  (default ../shared/corpora/reuters21578)
#   RUNS     runs of each kind      (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
REUTERS=${REUTERS:-../shared/corpora/reuters21578}
RUNS=${RUNS:-3}
[ -d "$REUTERS" ] || { echo "no Reuters-21578 folder at $REUTERS" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin newsidx
bin="${CARGO_TARGET_DIR:-target}/release/newsidx"

mkdir "$work/batch"
for i in 000 001 002 003 004 005 006 007 008 009; do
  ln -s "$(realpath "$REUTERS/reut2-$i.sgm")" "$work/batch/"
done

terms=(oil crude gold silver copper coffee cocoa sugar wheat corn soybeans cotton rubber tin
  zinc dollar yen mark sterling interest rates inflation trade deficit surplus tariff merger
  acquisition dividend earnings profit loss shares stake bank loan debt bonds strike shipping
  grain tea rice pork cattle gas fuel opec budget tax)
countries=(US JP GB DE FR CA BR AR AU CN IN ID MY NG SA IR KW MX ZA NL)
{
  printf '{"version": 1, "watches": ['
  sep=""
  for t in "${!terms[@]}"; do
    for c in "${!countries[@]}"; do
      query=${terms[$t]}
      if (((t + c) % 5 == 0)); then query="$query OR ${terms[$(((t + 7) % 50))]}"; fi
      printf '%s\n{"name": "w%d-%d", "query": "%s", "filters": {"country": ["%s"]}, "created": "2026-11-30T00:00:00Z"}' \
        "$sep" "$t" "$c" "$query" "${countries[$c]}"
      sep=","
    done
  done
  printf ']}\n'
} >"$work/watches.json"

for run in $(seq "$RUNS"); do
  for kind in plain watched; do
    rm -rf "$work/idx" && mkdir "$work/idx"
    [ "$kind" = watched ] && cp "$work/watches.json" "$work/idx/"
    start=$(date +%s.%N)
    "$bin" index "$work/batch" --index "$work/idx" >"$work/out"
    end=$(date +%s.%N)
    alerts=$( [ -f "$work/idx/alerts.ndjson" ] && wc -l <"$work/idx/alerts.ndjson" || echo 0)
    alerting=$(sed -n 's/.* stories in \([0-9.]*\) s[;.].*/\1/p' "$work/out")
    echo "$kind $(echo "$end - $start" | bc) $alerts $alerting" | tee -a "$work/runs"
  done
done
awk '
  { secs[$1] = secs[$1] " " $2; alerts[$1] = $3; if ($1 == "watched") alerting = alerting " " $4 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    p = median(secs["plain"]); w = median(secs["watched"])
    printf "plain    median %.2f s\nwatched  median %.2f s (%d alerts)\n", p, w, alerts["watched"]
    a = median(alerting)
    printf "watched / plain: %.3f (+%.1f%%)\n", w / p, (w / p - 1) * 100
    printf "alerting (percolate, log) median %.3f s: %.1f%% of the plain run\n", a, a / p * 100
  }' "$work/runs"
