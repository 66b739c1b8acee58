#!/usr/bin/env bash
# Indexing time of two newsidx binaries, alternating in one run: is a change cheaper or dearer?
#
#   scripts/bench-ab.sh BASE_BINARY BRANCH_BINARY
#
# Indexes Reuters-21578 (a fresh index each run, --threads 2) with each binary in turn, ROUNDS
# times, and prints each run's wall seconds, CPU seconds (user + sys) and peak RSS (GNU time),
# the medians, and the branch/base ratios (per round and of the medians). Alternating keeps a
# machine's changing load from favouring one side. Environment:
#   REUTERS  folder of reut2-*.sgm  (default ../shared/corpora/reuters21578)
#   ROUNDS   rounds                 (default 10)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BASE_BINARY BRANCH_BINARY" >&2; exit 2; }
REUTERS=${REUTERS:-../shared/corpora/reuters21578}
ROUNDS=${ROUNDS:-10}
[ -d "$REUTERS" ] || { echo "no Reuters-21578 folder at $REUTERS" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq "$ROUNDS"); do
  for side in base branch; do
    bin=$1; [ "$side" = branch ] && bin=$2
    rm -rf "$work/ix"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" index "$REUTERS" --index "$work/ix" \
      --threads 2 >"$work/out" 2>&1 || { echo "$side failed:" >&2; tail -5 "$work/out" >&2; exit 1; }
    echo "$i $side $(cat "$work/time")"
  done
done | tee "$work/runs"
awk 'function med(l,  a,n,i,j,t){n=split(l,a," ");for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]<a[i]){t=a[i];a[i]=a[j];a[j]=t};return (n%2)?a[(n+1)/2]:(a[n/2]+a[n/2+1])/2}
  {wall[$2]=wall[$2]" "$3; cpu[$2]=cpu[$2]" "($4+$5); rss[$2]=rss[$2]" "$6}
  $2=="base"{bw[$1]=$3; bc[$1]=$4+$5} $2=="branch"{rw[$1]=$3; rc[$1]=$4+$5}
  END {
    for (b in wall) printf "%-7s median wall %.2f s  median cpu %.2f s  median peak RSS %.0f MB\n", b, med(wall[b]), med(cpu[b]), med(rss[b])/1024
    for (i in bw) { wr=wr" "rw[i]/bw[i]; cr=cr" "rc[i]/bc[i] }
    printf "per-round ratios branch/base: wall median %.3f, cpu median %.3f\n", med(wr), med(cr)
    printf "ratio of medians: wall %.3f, cpu %.3f\n", med(wall["branch"])/med(wall["base"]), med(cpu["branch"])/med(cpu["base"])
  }' "$work/runs"
