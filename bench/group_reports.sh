#!/usr/bin/env bash
# Times the plots and PDF reports of a federation-sized season: `concur
# generate` writes ATHLETES athletes in GROUPS groups (default 2,000 in 20,
# 16 weeks, seed 2026), then two audits are timed, taking turns within a run:
#   all  concur audit --format png,svg,pdf --group-reports
#   pdf  concur audit --format pdf
# Prints the median wall time and peak memory of each, and what was written.
# No timing is asserted.
#
# usage: bench/group_reports.sh [--athletes 2000] [--groups 20] [--weeks 16] [--runs 3]
# environment:
#   CONCUR_BIN        a concur binary to time (default: build release into CARGO_TARGET_DIR)
#   CARGO_TARGET_DIR  where cargo builds the release binary (default: target)
#   BENCH_DATA        where the season and reports go (default: bench/data)
# On a shared machine run it as `nice -n 19 bench/group_reports.sh`.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
athletes=2000
groups=20
weeks=16
runs=3
seed=2026
data=${BENCH_DATA:-$root/bench/data}
target=${CARGO_TARGET_DIR:-$root/target}

while [[ $# -gt 0 ]]; do
    case $1 in
        --athletes) athletes=$2; shift 2 ;;
        --groups) groups=$2; shift 2 ;;
        --weeks) weeks=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
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

mkdir -p "$data"
dir=$data/groups-a$athletes-g$groups-w$weeks
stamp="athletes=$athletes groups=$groups weeks=$weeks seed=$seed"
if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$stamp" ]]; then
    log "generating $dir ($stamp)"
    rm -rf "$dir"
    "$concur" generate --athletes "$athletes" --groups "$groups" --weeks "$weeks" \
        --seed "$seed" --out "$dir" 2>&1 | tee "$dir.generate.txt" >&2
    echo "$stamp" > "$dir/.stamp"
fi
cat "$dir"/*.csv > /dev/null  # page cache warm

results=$data/group_reports-results.txt
: > "$results"

# Times one audit under /usr/bin/time; appends "way run wall_s max_rss_kb".
timed() {
    local way=$1 run=$2; shift 2
    local report=$data/groups-report-$way tlog code=0
    tlog=$(mktemp)
    rm -rf "$report"
    /usr/bin/time -v -o "$tlog" "$concur" audit "$dir" --out "$report" -q "$@" || code=$?
    if [[ $code -ne 0 ]]; then
        cat "$tlog" >&2
        echo "concur failed (exit $code): $*" >&2
        exit 1
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tlog")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tlog")
    rm -f "$tlog"
    echo "$way $run $wall $rss" >> "$results"
    log "  $way run $run: $wall s, $((rss / 1000)) MB peak RSS"
}

for run in $(seq 1 "$runs"); do
    timed all "$run" --format png,svg,pdf --group-reports
    timed pdf "$run" --format pdf
done

all=$data/groups-report-all
sessions=$(grep -o 'wrote [0-9]*' "$dir.generate.txt" | grep -o '[0-9]*')
pngs=$(find "$all/plots" -name '*.png' | wc -l)
svgs=$(find "$all/plots" -name '*.svg' | wc -l)
pdfs=$(find "$all" -maxdepth 1 -name 'report*.pdf' | wc -l)
pdf_mb=$(du -cb "$all"/report*.pdf | tail -1 | awk '{ printf "%.1f", $1 / 1e6 }')
main_mb=$(du -b "$data/groups-report-pdf/report.pdf" | awk '{ printf "%.1f", $1 / 1e6 }')

python3 - "$results" <<EOF
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    way, _, wall, rss = line.split()
    runs[way].append((float(wall), int(rss)))

print("season: $athletes athletes in $groups groups, $weeks weeks, $sessions sessions")
print("all writes $pngs PNG, $svgs SVG and $pdfs PDF ($pdf_mb MB of PDF); pdf writes report.pdf ($main_mb MB)")
print()
print("| audit | wall s (median) | peak RSS MB (median) | runs |")
print("|---|---:|---:|---:|")
names = {"all": "--format png,svg,pdf --group-reports", "pdf": "--format pdf"}
for way in ("all", "pdf"):
    r = runs[way]
    wall = statistics.median(w for w, _ in r)
    rss = statistics.median(m for _, m in r)
    print(f"| \`{names[way]}\` | {wall:.2f} | {rss * 1024 / 1e6:.0f} | {len(r)} |")
EOF
