#!/usr/bin/env bash
# Size of report.html and the time and memory it adds, by number of
# athletes: `concur generate` seasons of 40, 2,000 and 20,000 athletes in 4
# groups (drill-downs capped at 500 per group) and 20,000 in 40 groups (every
# athlete drilled down), each audited with `--format csv` and with
# `--format csv,html`, taking turns. Prints the median wall time and peak
# memory of each, the size of report.html and its drill-downs. No timing is
# asserted.
#
# usage: bench/html_report.sh [--runs 3]
# environment:
#   CONCUR_BIN        a concur binary to time (default: build release into CARGO_TARGET_DIR)
#   CARGO_TARGET_DIR  where cargo builds the release binary (default: target)
#   BENCH_DATA        where the seasons and reports go (default: bench/data)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
runs=3
data=${BENCH_DATA:-$root/bench/data}
target=${CARGO_TARGET_DIR:-$root/target}
while [[ $# -gt 0 ]]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 1 ;;
    esac
done
bin=${CONCUR_BIN:-}
if [[ -z $bin ]]; then
    cargo build --release --quiet
    bin=$target/release/concur
fi
mkdir -p "$data"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| athletes | groups | csv s | csv MB | csv,html s | csv,html MB | report.html MB | drill-downs |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for spec in "40 4" "2000 4" "20000 4" "20000 40"; do
    read -r athletes groups <<<"$spec"
    season=$data/html-$athletes-$groups
    [[ -d $season ]] || "$bin" generate --athletes "$athletes" --groups "$groups" --out "$season" >/dev/null 2>&1
    out=$data/html-report
    declare -A secs=() mem=()
    for ((r = 0; r < runs; r++)); do
        for fmt in csv csv,html; do
            line=$({ /usr/bin/time -f '%e %M' "$bin" audit "$season" --out "$out" --force -q --format "$fmt"; } 2>&1 | tail -1)
            secs[$fmt]+="${line% *}"$'\n'
            mem[$fmt]+="${line#* }"$'\n'
        done
    done
    html=$out/report.html
    size=$(stat -c %s "$html")
    drills=$(grep -o '<details ' "$html" | wc -l)
    row="| $athletes | $groups"
    for fmt in csv csv,html; do
        s=$(printf '%s' "${secs[$fmt]}" | median)
        m=$(printf '%s' "${mem[$fmt]}" | median)
        row+=" | $s | $((m / 1024))"
    done
    echo "$row | $(awk "BEGIN {printf \"%.1f\", $size / 1e6}") | $drills |"
    unset secs mem
done
