#!/usr/bin/env python3
"""The floor: Python polars reads every CSV of a season folder (the group
files and the roster) into data frames and does nothing else.

usage: polars_read.py DATA_DIR
"""
import glob
import os
import sys

import polars as pl

rows = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.csv"))):
    # eager: the whole file is parsed; a cell that is not of its column's
    # type (the exported shape's rejected rows) reads as null
    rows += pl.read_csv(path, ignore_errors=True).height
print(rows)
