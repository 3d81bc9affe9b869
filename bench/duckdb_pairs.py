#!/usr/bin/env python3
"""Runs bench/duckdb_pairs.sql on a season folder written by `concur generate`
(its group CSVs or one sessions.csv, and the Hevy logs in athlete folders)
and prints the pair counts per category as `category,pairs` lines (in-scope
categories as in concur's flags.csv, plus `exempt`).

usage: duckdb_pairs.py DATA_DIR [--threads N]
"""
import glob
import os
import sys

import duckdb


def main() -> None:
    data_dir = sys.argv[1]
    roster = os.path.join(data_dir, "roster.csv")
    sessions = sorted(f for f in glob.glob(os.path.join(data_dir, "*.csv")) if f != roster)
    sql_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "duckdb_pairs.sql")
    sql = open(sql_path, encoding="utf-8").read()
    quote = lambda path: "'" + path.replace("'", "''") + "'"
    sql = sql.replace("@ROSTER@", quote(roster))
    sql = sql.replace("@SESSIONS@", "[" + ", ".join(map(quote, sessions)) + "]")
    # Gym-app logs in athlete folders; an empty list would not read, so a
    # season without any reads a header-only stand-in.
    gym = sorted(glob.glob(os.path.join(data_dir, "*", "hevy_workouts.csv")))
    if not gym:
        empty = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hevy_empty.csv")
        gym = [empty]
    sql = sql.replace("@GYM@", "[" + ", ".join(map(quote, gym)) + "]")
    con = duckdb.connect()  # in memory; uses every core, like concur
    *setup, final = [s for s in sql.split(";\n") if s.strip()]
    for statement in setup:
        con.execute(statement)
    for category, pairs in con.execute(final).fetchall():
        print(f"{category},{pairs}")


if __name__ == "__main__":
    main()
