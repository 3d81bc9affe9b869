#!/usr/bin/env python3
"""Pair counts of a concur report folder in the format of duckdb_pairs.py:
in-scope pairs per category from flags.csv (every row whose rule is not
to_failure; flags.csv holds in-scope athletes only) and `exempt` from the
ALL row of summary.csv (exempt athletes' pairs are counted, never flagged).

usage: flag_counts.py REPORT_DIR
"""
import os
import sys

import polars as pl

report = sys.argv[1]
flags = pl.read_csv(os.path.join(report, "flags.csv"), columns=["rule"])
counts = flags.filter(pl.col("rule") != "to_failure").group_by("rule").len()
summary = pl.read_csv(os.path.join(report, "summary.csv"))
exempt = summary.filter(pl.col("group") == "ALL")["exempt_concurrent_pairs"].item()
rows = dict(counts.iter_rows())
if exempt:
    rows["exempt"] = exempt
for category in sorted(rows):
    print(f"{category},{rows[category]}")
