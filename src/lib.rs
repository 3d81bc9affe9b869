//! concur: audits athletes' training logs against concurrent strength and
//! endurance training guidance (Ferguson et al. 2025) and writes reports per
//! athlete group. Stages in data-flow order: `cli` -> `config` -> `ingest`
//! -> `classify` -> `rules` -> `aggregate` -> `report`.

pub mod classify;
pub mod cli;
pub mod config;
pub mod ingest;
pub mod model;
pub mod rules;

#[cfg(test)]
pub(crate) mod test_support;
