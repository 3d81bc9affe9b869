//! The report's tables, each one implementation of `table::Table`, written
//! as CSV (`csv_file`) and Parquet (`parquet_file`) from the same cells:
//! sessions.csv and flags.csv (millions of rows, with fast CSV paths),
//! summary.csv, athletes.csv and weekly.csv (the measures), rejected.csv
//! data_quality.csv and data_quality_summary.csv (what the input told
//! besides sessions), and the
//! load tables (`load_daily.csv`, `load_weekly.csv`, `load_groups.csv`).

mod flags;
mod load;
mod load_rows;
mod measures;
mod notes;
mod order;
mod pieces;
mod sessions;

#[cfg(test)]
mod tests;

pub(crate) use flags::FlagRows;
pub(crate) use load::{LoadDaily, LoadGroups, LoadWeekly};
pub(crate) use measures::{Athletes, Summary, Weekly};
pub(crate) use notes::{Quality, QualitySummary, Rejected};
pub(crate) use sessions::SessionRows;
