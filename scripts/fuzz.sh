#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a bounded time (default 60 s each), seeded with
# the project's own fixtures. Needs a nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`); without them it says so and exits 0, so CI can call it anyway.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Crashes are kept in fuzz/artifacts/<target>/; reproduce one with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is not installed (cargo install cargo-fuzz); skipping" >&2
    exit 0
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz.sh: no nightly toolchain (rustup toolchain install nightly); skipping" >&2
    exit 0
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
fixtures=crates/read/tests/fixtures
status=0
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    cp -n "$fixtures"/* "$corpus"/ 2>/dev/null || true
    cp -n corpus/000_*.txt "$corpus"/ 2>/dev/null || true
    if [ "$target" = query ]; then
        # Seeds in the query language (the fixtures above are stories, not queries).
        i=0
        for q in 'wheat AND NOT corn' 'wheat || barley' 'petrol* -title:cocoa' 'bundesbnk~1^2' \
            '"interest rates"~2 headline:(oil OR gas)' 'date:[2021-01-01 TO 2021-06-30}' \
            'country:ML actor:"Wagner Group" date:>=2021' '10\:30 !x +y'; do
            printf '%s' "$q" > "$corpus/seed-$i"
            i=$((i + 1))
        done
    fi
    echo "== $target: ${seconds}s"
    if ! cargo +nightly fuzz run "$target" "$corpus" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10; then
        echo "fuzz.sh: $target found a failure (see fuzz/artifacts/$target/)" >&2
        status=1
    fi
done
exit $status
