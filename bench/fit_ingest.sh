#!/usr/bin/env bash
# Times reading thousands of raw FIT files: `concur audit --format csv` over a
# folder built at run time from the real FIT files of the shared corpus, copied
# into many athlete folders (bench/data is gitignored; the copies are never
# committed). Three ways, taking turns within each run:
#   cat       a plain sequential read of every file (the I/O floor)
#   1 thread  concur with RAYON_NUM_THREADS=1 POLARS_MAX_THREADS=1 (sequential)
#   default   concur with every core (rayon's default: one thread per core)
# Prints the medians of wall time and MB/s (input bytes / wall time) of the
# whole audit and of its ingest stage (CONCUR_TIMINGS). No timing is asserted.
# The corpus holds damaged and non-activity files too, so concur exits 2
# (some files rejected); that is expected and not an error here.
#
# usage: bench/fit_ingest.sh [--copies 50] [--runs 5]
#   --copies N   athlete folders, each holding one copy of every corpus FIT file
#   --runs N     timed runs per way; the median is reported
# environment:
#   CONCUR_BIN        a concur binary to time (default: build release into CARGO_TARGET_DIR)
#   CARGO_TARGET_DIR  where cargo builds the release binary (default: target)
#   CONCUR_CORPUS     the corpus folder (default: ../shared/corpus)
#   BENCH_DATA        where the files and reports go (default: bench/data)
# On a shared machine run it as `nice -n 19 bench/fit_ingest.sh`.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
copies=50
runs=5
data=${BENCH_DATA:-$root/bench/data}
corpus=${CONCUR_CORPUS:-$root/../shared/corpus}
target=${CARGO_TARGET_DIR:-$root/target}

while [[ $# -gt 0 ]]; do
    case $1 in
        --copies) copies=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 1 ;;
    esac
done

log() { echo "== $*" >&2; }

if [[ -n ${CONCUR_BIN:-} ]]; then
    concur=$CONCUR_BIN
else
    log "building concur (release) into $target"
    CARGO_TARGET_DIR=$target cargo build --release --quiet
    concur=$target/release/concur
fi

shopt -s nullglob
fit_files=("$corpus"/fit/*)
if [[ ${#fit_files[@]} -eq 0 ]]; then
    echo "no FIT files in $corpus/fit (set CONCUR_CORPUS)" >&2
    exit 1
fi

dir=$data/fit-$copies
stamp="copies=$copies files=${#fit_files[@]} corpus=$corpus"
if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$stamp" ]]; then
    log "copying ${#fit_files[@]} corpus FIT files into $copies athlete folders under $dir"
    rm -rf "$dir"
    for i in $(seq -f '%04g' 1 "$copies"); do
        mkdir -p "$dir/athlete$i"
        cp "${fit_files[@]}" "$dir/athlete$i/"
    done
    echo "$stamp" > "$dir/.stamp"
fi
files=$(find "$dir" -type f ! -name .stamp | wc -l)
bytes=$(find "$dir" -type f ! -name .stamp -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
log "$files files, $bytes bytes"
find "$dir" -type f -print0 | xargs -0 cat > /dev/null  # page cache warm for every way alike

results=$data/fit_ingest-results.txt
: > "$results"
now() { date +%s.%N; }

# Runs concur with the environment given first; appends "way run wall ingest".
time_concur() {
    local way=$1 run=$2; shift 2
    local report=$data/fit-report-$way tlog start end code=0
    tlog=$(mktemp)
    rm -rf "$report"
    start=$(now)
    env "$@" CONCUR_TIMINGS=1 "$concur" audit "$dir" --format csv --out "$report" -q \
        2> "$tlog" || code=$?
    end=$(now)
    if [[ $code -ne 0 && $code -ne 2 ]]; then
        cat "$tlog" >&2
        echo "concur failed (exit $code)" >&2
        exit 1
    fi
    local ingest
    ingest=$(awk '$1 == "timing" && $2 == "ingest" { print $3 }' "$tlog")
    rm -f "$tlog"
    local wall
    wall=$(echo "$end - $start" | bc)
    echo "$way $run $wall ${ingest:-NA}" >> "$results"
    log "  $way run $run: $wall s (ingest ${ingest:-?} s)"
}

for run in $(seq 1 "$runs"); do
    start=$(now)
    find "$dir" -type f ! -name .stamp -print0 | xargs -0 cat > /dev/null
    end=$(now)
    wall=$(echo "$end - $start" | bc)
    echo "cat $run $wall NA" >> "$results"
    log "  cat run $run: $wall s"
    time_concur 1thread "$run" RAYON_NUM_THREADS=1 POLARS_MAX_THREADS=1
    time_concur default "$run"
done

if ! cmp -s "$data/fit-report-1thread/sessions.csv" "$data/fit-report-default/sessions.csv"; then
    log "WARNING: sessions.csv differs between 1 thread and the default"
fi
sessions=$(($(wc -l < "$data/fit-report-default/sessions.csv") - 1))
rejected=$(($(wc -l < "$data/fit-report-default/rejected.csv") - 1))

python3 - "$results" "$files" "$bytes" "$sessions" "$rejected" "$(nproc)" <<'EOF'
import statistics
import sys
from collections import defaultdict

results, files, size, sessions, rejected, cores = sys.argv[1:]
files, size = int(files), int(size)
walls, ingests = defaultdict(list), defaultdict(list)
for line in open(results):
    way, _, wall, ingest = line.split()
    walls[way].append(float(wall))
    if ingest != "NA":
        ingests[way].append(float(ingest))

print(f"{files:,} FIT files, {size / 1e6:.1f} MB; {sessions} sessions, {rejected} rejected rows/files; {cores} cores")
print()
print("| way | wall s (median) | MB/s | files/s | ingest s (median) | ingest MB/s | runs |")
print("|---|---:|---:|---:|---:|---:|---:|")
names = {"cat": "cat (sequential read)", "1thread": "concur, 1 thread", "default": f"concur, default ({cores} threads)"}
for way in ("cat", "1thread", "default"):
    w = statistics.median(walls[way])
    row = f"| {names[way]} | {w:.2f} | {size / 1e6 / w:.1f} | {files / w:,.0f} |"
    if ingests[way]:
        i = statistics.median(ingests[way])
        row += f" {i:.2f} | {size / 1e6 / i:.1f} |"
    else:
        row += " | |"
    print(row + f" {len(walls[way])} |")
one, many = statistics.median(walls["1thread"]), statistics.median(walls["default"])
print()
print(f"speed-up default / 1 thread: {one / many:.2f}x (whole audit)", end="")
if ingests["1thread"] and ingests["default"]:
    print(f", {statistics.median(ingests['1thread']) / statistics.median(ingests['default']):.2f}x (ingest)")
else:
    print()
EOF
