#!/usr/bin/env bash
# HTTP load, newsidx serve against tantivy-cli 0.24's serve, on loopback, over Reuters-21578.
#
# Both servers get the same fixed requests from the same client (crates/serve/examples/load.rs:
# CLIENTS concurrent clients, REQUESTS requests in all, one connection per request), and the
# figures are printed side by side: requests/s, p50, p99, errors.
#   newsidx, plain:  /api/search?q=WORD&facets=false&histogram=false&fragments=0 (top 10 hits)
#   newsidx, facets: /api/search?q=WORD (every facet, the histogram, a fragment per hit)
#   tantivy-cli:     /api/?q=WORD&nhits=10 (top 10 hits, stored documents)
# Not a test: it measures. Environment:
#   REUTERS   folder of reut2-*.sgm (default ../shared/corpora/reuters21578)
#   CLIENTS   concurrent clients (default 16)
#   REQUESTS  requests per case (default 2000)
#   TOOLS     where tantivy-cli is installed (default ~/.cache/newsidx-tools)
set -euo pipefail
cd "$(dirname "$0")/.."
REUTERS=${REUTERS:-../shared/corpora/reuters21578}
CLIENTS=${CLIENTS:-16}
REQUESTS=${REQUESTS:-2000}
TOOLS=${TOOLS:-$HOME/.cache/newsidx-tools}
[ -d "$REUTERS" ] || { echo "no Reuters-21578 folder at $REUTERS" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release --quiet --bin newsidx --example export_jsonl
cargo build --release --quiet -p newsidx-serve --example load
. scripts/tantivy-cli.sh
bin=${CARGO_TARGET_DIR:-target}/release
load=$bin/examples/load

"$bin/newsidx" index "$REUTERS" --index "$work/nx" >/dev/null
"$bin/examples/export_jsonl" "$REUTERS" > "$work/reuters.jsonl"
mkdir "$work/tc"
tantivy_meta > "$work/tc/meta.json"
"$tantivy" index -i "$work/tc" -f "$work/reuters.jsonl" >/dev/null 2>&1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.1; done; echo "server on $1 did not start" >&2; exit 1; }

nx_port=$(free_port)
"$bin/newsidx" serve --index "$work/nx" --addr "127.0.0.1:$nx_port" >/dev/null &
pids+=($!)
tc_port=$(free_port)
"$tantivy" serve -i "$work/tc" --host 127.0.0.1 -p "$tc_port" >/dev/null 2>&1 &
pids+=($!)
wait_up "$nx_port" /healthz
wait_up "$tc_port" "/api/?q=oil"

echo "machine: $(nproc) cores; $CLIENTS clients; $REQUESTS requests per case; $(date -u +%FT%TZ)"
# Warm both (first reads of the index files), then measure.
$load "127.0.0.1:$nx_port" "/api/search?q=" "" "$CLIENTS" 200 >/dev/null
$load "127.0.0.1:$tc_port" "/api/?q=" "&nhits=10" "$CLIENTS" 200 >/dev/null
printf '%-22s ' "tantivy-cli serve:";   $load "127.0.0.1:$tc_port" "/api/?q=" "&nhits=10" "$CLIENTS" "$REQUESTS"
printf '%-22s ' "newsidx plain:";       $load "127.0.0.1:$nx_port" "/api/search?q=" "&facets=false&histogram=false&fragments=0" "$CLIENTS" "$REQUESTS"
printf '%-22s ' "newsidx every facet:"; $load "127.0.0.1:$nx_port" "/api/search?q=" "" "$CLIENTS" "$REQUESTS"
