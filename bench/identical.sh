#!/usr/bin/env bash
# Checks that two concur binaries write byte-identical reports: every file
# of every report (CSV, Parquet, SVG, PNG, PDF, HTML, rejected.csv, the console
# summary and the pseudonym map) on the sample season, on each folder of
# ../shared/corpus/ (skipped with a message when absent), and on a season
# written by `concur generate` (the seasons of both binaries compared too).
# Guards refactorings: run it with the build before and after a change.
#
# usage: bench/identical.sh OLD_BINARY NEW_BINARY [--athletes N] [--skip-large]
#   --athletes N   athletes of the generated season (default 2732, about
#                  1M sessions over 52 weeks)
#   --skip-large   only the sample and the corpus
# Exit 0 when every report is identical, 1 with the differing files listed.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
old=$(realpath "$1")
new=$(realpath "$2")
shift 2
athletes=2732
large=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --athletes) athletes=$2; shift 2 ;;
        --skip-large) large=0; shift ;;
        *) echo "unknown argument: $1" >&2; exit 1 ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC
export CONCUR_PSEUDONYM_KEY=identical-check-key-0123456789
failed=0

# Runs both binaries with the same arguments and output path; compares the
# report folders, the console output and the exit codes.
compare() {
    local name=$1
    shift
    local side bin
    for side in old new; do
        bin=$old
        [[ $side == new ]] && bin=$new
        rm -rf "$work/out" "$work/out.pseudonyms.csv"
        set +e
        "$bin" audit "$@" --out "$work/out" --quiet --force \
            >"$work/$side.stdout" 2>"$work/$side.stderr"
        echo "exit $?" >>"$work/$side.stdout"
        set -e
        rm -rf "${work:?}/$side"
        mv "$work/out" "$work/$side" 2>/dev/null || mkdir "$work/$side"
        [[ -f $work/out.pseudonyms.csv ]] && mv "$work/out.pseudonyms.csv" "$work/$side/.pseudonyms.csv"
        cp "$work/$side.stdout" "$work/$side/.stdout"
        cp "$work/$side.stderr" "$work/$side/.stderr"
    done
    local files
    files=$(find "$work/new" -type f | wc -l)
    if diff -rq "$work/old" "$work/new" >"$work/diff"; then
        echo "identical: $name ($files files)"
    else
        echo "DIFFERENT: $name"
        sed 's/^/  /' "$work/diff"
        failed=1
    fi
}

all=csv,parquet,png,svg,pdf,html
compare sample data/sample --format $all --group-reports
compare "sample, pseudonymized" data/sample --format $all --pseudonymize
compare "sample, names, letter" data/sample --format csv,parquet,pdf,html --names --paper letter

corpus=$root/../shared/corpus
if [[ -d $corpus ]]; then
    for dir in "$corpus"/*/; do
        compare "corpus $(basename "$dir")" "$dir" --format $all
    done
else
    echo "skipped: $corpus is absent"
fi

if [[ $large == 1 ]]; then
    for side in old new; do
        bin=$old
        [[ $side == new ]] && bin=$new
        "$bin" generate --out "$work/season-$side" --athletes "$athletes" --weeks 52 --seed 2026 2>/dev/null
    done
    if diff -rq "$work/season-old" "$work/season-new" >/dev/null; then
        echo "identical: generated season of $athletes athletes"
    else
        echo "DIFFERENT: generated season of $athletes athletes"
        failed=1
    fi
    rm -rf "$work/season-new"
    compare "generated season, $athletes athletes" "$work/season-old" --format csv,parquet
fi

if [[ $failed == 0 ]]; then
    echo "every report identical"
fi
exit $failed
