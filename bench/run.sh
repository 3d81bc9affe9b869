#!/usr/bin/env bash
# Times `concur audit --format csv` against a DuckDB SQL peer of the RULES.md
# pair rules and against a bare polars read of the same CSVs (the floor), on
# seasons written by `concur generate` in two shapes: `tidy` (a CSV per group,
# rows by athlete and time) and `exported` (one sessions.csv as concatenated
# exports are: rows shuffled across athletes, second-device copies that
# overlap, about 2 % of rows rejected; naive local times in the roster's
# zones, as in both). Prints medians of wall time and peak
# memory, the ratios, and checks that concur and DuckDB count the same pairs.
# concur also runs with `--format parquet` (taking turns with the CSV run), and
# the Parquet run's time is reported against the CSV run's.
# No timing is asserted: the exit status only reflects a count mismatch or a
# failed step. See BENCHMARKS.md for the results and how to read them.
#
# usage: bench/run.sh [--quick] [--sizes "1000000 10000000"] [--runs 3]
#                     [--shapes "tidy exported"] [--baseline BINARY] [--no-peers]
#                     [--no-parquet]
#   --quick        one 100k-session season (a smoke run)
#   --sizes LIST   approximate session counts, space separated
#   --runs N       timed runs per tool and size; the median is reported
#   --shapes LIST  season shapes, space separated (default: both)
#   --baseline B   also time another concur binary (an earlier build),
#                  taking turns with this one, and report new/baseline
#   --no-peers     skip DuckDB and polars (with --baseline: an A/B run)
#   --no-parquet   skip the `--format parquet` runs
# environment:
#   CARGO_TARGET_DIR  where cargo builds the release binary (default: target)
#   BENCH_DATA        where seasons and reports go (default: bench/data)
#   BENCH_SIZES, BENCH_RUNS, BENCH_SHAPES  defaults for --sizes, --runs, --shapes
# On a shared machine run it as `nice -n 19 bench/run.sh`.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
sizes=${BENCH_SIZES:-"1000000 10000000"}
runs=${BENCH_RUNS:-3}
shapes=${BENCH_SHAPES:-"tidy exported"}
data=${BENCH_DATA:-$root/bench/data}
target=${CARGO_TARGET_DIR:-$root/target}
venv=$root/bench/.venv
baseline=
peers=1
parquet=1

while [[ $# -gt 0 ]]; do
    case $1 in
        --quick) sizes=100000; shift ;;
        --sizes) sizes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --shapes) shapes=$2; shift 2 ;;
        --baseline) baseline=$(realpath "$2"); shift 2 ;;
        --no-peers) peers=0; shift ;;
        --no-parquet) parquet=0; shift ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 1 ;;
    esac
done

# The generator writes about 7.05 sessions per athlete and week (measured on
# the default season); a 52-week season of N/366 athletes gives about N sessions.
weeks=52
seed=2026
sessions_per_athlete=366

log() { echo "== $*" >&2; }

log "building concur (release) into $target"
CARGO_TARGET_DIR=$target cargo build --release --quiet
concur=$target/release/concur

if [[ ! -x $venv/bin/python ]]; then
    log "creating $venv with duckdb and polars from PyPI"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet duckdb polars
fi
py=$venv/bin/python
"$py" -c 'import duckdb, polars' 2>/dev/null || "$venv/bin/pip" install --quiet duckdb polars

# Runs "$@" under /usr/bin/time -v with stdout to $out_file; appends
# "tool size run wall_s max_rss_kb" to $results.
timed() {
    local tool=$1 size=$2 run=$3 out_file=$4; shift 4
    local tlog
    tlog=$(mktemp)
    # Written-back output of the tool before must not slow this one down,
    # and every tool starts with the season in the page cache (pages of it
    # were seen dropped between runs, then read from disk during one).
    sync
    find "$dir" -name '*.csv' -exec cat {} + > /dev/null
    local status=0
    /usr/bin/time -v -o "$tlog" "$@" > "$out_file" || status=$?
    # concur exits 2 when it rejected input rows: the exported shape has
    # them, a tidy season none.
    if [[ $status -ne 0 && ! ( $status -eq 2 && $shape == exported && $tool =~ ^(concur|baseline|parquet)$ ) ]]; then
        cat "$tlog" >&2
        echo "$tool failed: $*" >&2
        exit 1
    fi
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34" -> seconds
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tlog")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tlog")
    rm -f "$tlog"
    echo "$tool $size $run $wall $rss" >> "$results"
    log "  $tool run $run: ${wall} s, $((rss * 1024 / 1000000)) MB peak RSS"
}

mkdir -p "$data"
# What the generator writes now, in short: a season written by an older
# generator (other columns, no gym logs) is written again.
fingerprint=$(mktemp -d)
"$concur" generate --athletes 8 --weeks 2 --seed "$seed" --shape exported --out "$fingerprint" 2>/dev/null
generator=$(cd "$fingerprint" && find . -type f | sort | xargs cat | sha256sum | cut -c1-12)
rm -rf "$fingerprint"
results=$data/results.txt
: > "$results"
mismatch=0

for size in $sizes; do
for shape in $shapes; do
    athletes=$(( (size + sessions_per_athlete / 2) / sessions_per_athlete ))
    key=$size-$shape
    # The tidy seasons keep their old folder names (s<size>) to be reused.
    case $shape in
        tidy) dir=$data/s$size ;;
        *) dir=$data/$shape$size ;;
    esac
    stamp="athletes=$athletes weeks=$weeks seed=$seed shape=$shape generator=$generator"
    # The generator is deterministic: reuse a season written with the same arguments.
    if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$stamp" ]]; then
        log "generating $dir ($stamp)"
        rm -rf "$dir"
        "$concur" generate --athletes "$athletes" --weeks "$weeks" --seed "$seed" --shape "$shape" --out "$dir" 2>&1 \
            | tee "$data/$key.generate.txt" >&2
        echo "$stamp" > "$dir/.stamp"
    fi
    sessions=$(grep -o 'wrote [0-9]*' "$data/$key.generate.txt" | grep -o '[0-9]*')
    csv_bytes=$(find "$dir" -name '*.csv' -exec cat {} + | wc -c)
    echo "size $key $sessions $csv_bytes" >> "$results"
    log "size $size, $shape: $sessions sessions, $csv_bytes CSV bytes"
    find "$dir" -name '*.csv' -exec cat {} + > /dev/null  # page cache warm for every tool alike
    report=$data/report-$key
    for run in $(seq 1 "$runs"); do
        # Tools take turns within a run so that drift on a shared machine hits them all.
        rm -rf "$report"
        timed concur "$key" "$run" /dev/null \
            "$concur" audit "$dir" --format csv --out "$report" -q
        if [[ $parquet == 1 ]]; then
            rm -rf "$report-parquet"
            timed parquet "$key" "$run" /dev/null \
                "$concur" audit "$dir" --format parquet --out "$report-parquet" -q
        fi
        if [[ -n $baseline ]]; then
            rm -rf "$report-baseline"
            timed baseline "$key" "$run" /dev/null \
                "$baseline" audit "$dir" --format csv --out "$report-baseline" -q
        fi
        if [[ $peers == 1 ]]; then
            timed duckdb "$key" "$run" "$data/duckdb-$key.txt" \
                "$py" bench/duckdb_pairs.py "$dir"
            timed polars "$key" "$run" /dev/null \
                "$py" bench/polars_read.py "$dir"
        fi
    done
    "$py" bench/flag_counts.py "$report" > "$data/concur-$key.txt"
    if [[ -n $baseline ]] && ! diff -rq "$report" "$report-baseline" >&2; then
        log "size $size, $shape: this build and the baseline wrote different reports"
        mismatch=1
    fi
    if [[ $peers == 1 ]] && ! diff -u --label concur "$data/concur-$key.txt" --label duckdb "$data/duckdb-$key.txt" >&2; then
        log "size $size, $shape: concur and DuckDB count different pairs (diff above)"
        mismatch=1
    fi
done
done
# The table: medians per tool and size, ratios of the medians.
"$py" - "$results" "$data" <<'EOF'
import statistics
import sys
from collections import defaultdict

results, data = sys.argv[1], sys.argv[2]
runs = defaultdict(list)
meta = {}
for line in open(results):
    f = line.split()
    if f[0] == "size":
        meta[f[1]] = (int(f[2]), int(f[3]))
    else:
        runs[(f[0], f[1])].append((float(f[3]), int(f[4]) * 1024))


def read_counts(path):
    return dict(l.strip().split(",") for l in open(path) if l.strip())


# The range shows how far single runs strayed (this machine's memory costs vary a lot).
def order(key):
    size, shape = key.split("-", 1)
    return (shape != "tidy", shape, int(size))


print("| shape | sessions | CSV MB | tool | wall s (median) | wall s (min-max) | peak RSS MB (median) | runs |")
print("|---|---:|---:|---|---:|---:|---:|---:|")
ratios = []
baseline_ratios = []
parquet_ratios = []
for size in sorted(meta, key=order):
    sessions, csv_bytes = meta[size]
    shape = size.split("-", 1)[1]
    med = {}
    for tool in ("concur", "parquet", "baseline", "duckdb", "polars"):
        r = runs[(tool, size)]
        if not r:
            continue
        med[tool] = (statistics.median(w for w, _ in r), statistics.median(m for _, m in r))
        walls = [w for w, _ in r]
        print(f"| {shape} | {sessions:,} | {csv_bytes / 1e6:.1f} | {tool} | {med[tool][0]:.2f} | "
              f"{min(walls):.2f}-{max(walls):.2f} | {med[tool][1] / 1e6:.0f} | {len(r)} |")
    c = med["concur"]
    if "parquet" in med:
        parquet_ratios.append((shape, sessions, med["parquet"][0] / c[0]))
    b = med.get("baseline")
    if b:
        baseline_ratios.append((shape, sessions, c[0] / b[0], c[1] / b[1]))
    if "duckdb" not in med:
        continue
    d, p = med["duckdb"], med["polars"]
    concur_counts = read_counts(f"{data}/concur-{size}.txt")
    duck_counts = read_counts(f"{data}/duckdb-{size}.txt")
    pairs = lambda counts: sum(int(v) for k, v in counts.items() if k != "exempt")
    ratios.append((shape, sessions, c[0] / d[0], c[0] / p[0], c[1] / csv_bytes,
                   pairs(concur_counts), pairs(duck_counts)))

if parquet_ratios:
    print()
    print("| shape | sessions | `--format parquet` / `--format csv`, wall time (medians) |")
    print("|---|---:|---:|")
    for shape, sessions, t in parquet_ratios:
        print(f"| {shape} | {sessions:,} | {t:.2f}x |")
if baseline_ratios:
    print()
    print("| shape | sessions | this build / baseline, wall time (medians) | peak RSS |")
    print("|---|---:|---:|---:|")
    for shape, sessions, t, m in baseline_ratios:
        print(f"| {shape} | {sessions:,} | {t:.3f}x | {m:.3f}x |")
if ratios:
    print()
    print("| shape | sessions | concur/duckdb time | concur/polars time | concur peak RSS / CSV bytes | pair flags concur | pair flags duckdb |")
    print("|---|---:|---:|---:|---:|---:|---:|")
for shape, sessions, cd, cp, mem, pc, pd in ratios:
    print(f"| {shape} | {sessions:,} | {cd:.2f}x | {cp:.2f}x | {mem:.2f}x | {pc:,} | {pd:,} |")
print()
print("targets, both shapes: concur/duckdb <= 0.5x at 1M and 10M; concur/polars <= 3x; RSS/CSV <= 2x;")
print("a `--format parquet` run faster than a `--format csv` one (under 1.00x)")
EOF

if [[ $mismatch -ne 0 ]]; then
    echo "FAIL: pair counts differ between concur and DuckDB, or reports between this build and the baseline" >&2
    exit 1
fi
if [[ $peers == 1 ]]; then
    echo "pair counts of concur and DuckDB agree at every size and shape" >&2
fi
