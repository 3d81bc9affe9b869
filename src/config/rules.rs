//! The rules file (RULES.md section 8): thresholds, scope and the sport table,
//! read from TOML, checked once, and printed back as an editable file.

use std::collections::BTreeSet;

use super::error::ConfigError;
use super::exercises::default_exercises;
use super::sports::{normalize_sport, SportTable};
use crate::model::clip_value;
use crate::model::{Modality, Status, WeightUnit};
use crate::model::{US_PER_H, US_PER_MIN};

/// Time thresholds of the pair rules (RULES.md sections 4 and 8).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Largest gap, in minutes, that still counts as one session.
    pub(crate) same_session_max_gap_min: f64,
    /// Minimum gap in hours for athletes without power focus.
    pub(crate) min_gap_h: f64,
    /// Preferred gap in hours; pairs closer than this are concurrent.
    pub(crate) preferred_gap_h: f64,
    /// Minimum gap in hours for power-focus athletes.
    pub(crate) power_min_gap_h: f64,
    /// Longest endurance bout, in minutes, that can be a warm-up.
    pub(crate) warmup_max_min: f64,
    /// A working set at this RPE or above is a set to failure (section 10).
    pub(crate) failure_min_rpe: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            same_session_max_gap_min: 20.0,
            min_gap_h: 6.0,
            preferred_gap_h: 24.0,
            power_min_gap_h: 24.0,
            warmup_max_min: 15.0,
            failure_min_rpe: 10.0,
        }
    }
}

fn to_us(value: f64, unit_us: i64) -> i64 {
    (value * unit_us as f64).round() as i64
}

impl Thresholds {
    /// Same-session window in microseconds.
    pub(crate) fn same_session_us(&self) -> i64 {
        to_us(self.same_session_max_gap_min, US_PER_MIN)
    }
    /// Minimum gap in microseconds for the given power focus.
    pub(crate) fn min_gap_us(&self, power_focus: bool) -> i64 {
        let hours = if power_focus {
            self.power_min_gap_h
        } else {
            self.min_gap_h
        };
        to_us(hours, US_PER_H)
    }
    /// Preferred gap in microseconds.
    pub(crate) fn preferred_gap_us(&self) -> i64 {
        to_us(self.preferred_gap_h, US_PER_H)
    }
    /// Longest warm-up in microseconds.
    pub(crate) fn warmup_max_us(&self) -> i64 {
        to_us(self.warmup_max_min, US_PER_MIN)
    }
}

/// The effective rules of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Time thresholds.
    pub thresholds: Thresholds,
    /// Statuses the rules apply to; all others are exempt.
    pub(crate) scope: BTreeSet<Status>,
    /// Athletes this old or older (completed years on the date of their
    /// first session) are exempt; 0 turns the age rule off.
    pub(crate) exempt_from_age: u32,
    /// Sport name -> modality.
    pub(crate) sports: SportTable,
    /// Gym-app exercise name -> modality (section 10).
    pub(crate) exercises: SportTable,
    /// The weight unit of gym-app files that do not say theirs.
    pub(crate) weight_unit: WeightUnit,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            thresholds: Thresholds::default(),
            scope: [Status::Trained, Status::Elite, Status::Unknown].into(),
            exempt_from_age: 65,
            sports: SportTable::defaults(),
            exercises: default_exercises(),
            weight_unit: WeightUnit::Kg,
        }
    }
}

impl Rules {
    /// Whether athletes of this status are audited (not exempt).
    pub(crate) fn in_scope(&self, status: Status) -> bool {
        self.scope.contains(&status)
    }

    /// Reads a rules file's text over the defaults; `path` is only for messages.
    pub(crate) fn from_toml(text: &str, path: &str) -> Result<Rules, ConfigError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| ConfigError::Toml {
                path: path.to_string(),
                message: crate::model::clip(e.to_string()),
            })?;
        let mut rules = Rules::default();
        let ctx = Ctx { path };
        for (key, value) in &table {
            match key.as_str() {
                "thresholds" => read_thresholds(&ctx, ctx.table(key, value)?, &mut rules)?,
                "scope" => read_scope(&ctx, ctx.table(key, value)?, &mut rules)?,
                "modality" => read_names(&ctx, key, ctx.table(key, value)?, &mut rules.sports)?,
                "exercises" => read_names(&ctx, key, ctx.table(key, value)?, &mut rules.exercises)?,
                "units" => read_units(&ctx, ctx.table(key, value)?, &mut rules)?,
                _ => return Err(ctx.unknown(key, "thresholds, scope, units, exercises, modality")),
            }
        }
        check_thresholds(&ctx, &rules.thresholds)?;
        Ok(rules)
    }
}

pub(super) fn toml_key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

struct Ctx<'a> {
    path: &'a str,
}

impl Ctx<'_> {
    fn table<'v>(&self, key: &str, value: &'v toml::Value) -> Result<&'v toml::Table, ConfigError> {
        value
            .as_table()
            .ok_or_else(|| self.wrong_type(key, "a table", value))
    }
    fn unknown(&self, key: &str, expected: &str) -> ConfigError {
        ConfigError::UnknownKey {
            path: self.path.to_string(),
            key: clip_value(key),
            expected: expected.to_string(),
        }
    }
    fn wrong_type(&self, key: &str, expected: &str, value: &toml::Value) -> ConfigError {
        ConfigError::WrongType {
            path: self.path.to_string(),
            key: clip_value(key),
            expected: expected.to_string(),
            found: clip_value(&value.to_string()),
        }
    }
    fn impossible(&self, key: &str, reason: String) -> ConfigError {
        ConfigError::Impossible {
            path: self.path.to_string(),
            key: clip_value(key),
            reason: crate::model::clip(reason),
        }
    }
}

fn read_thresholds(ctx: &Ctx, table: &toml::Table, rules: &mut Rules) -> Result<(), ConfigError> {
    let t = &mut rules.thresholds;
    for (key, value) in table {
        let full = format!("thresholds.{key}");
        let slot = match key.as_str() {
            "same_session_max_gap_min" => &mut t.same_session_max_gap_min,
            "min_gap_h" => &mut t.min_gap_h,
            "preferred_gap_h" => &mut t.preferred_gap_h,
            "power_min_gap_h" => &mut t.power_min_gap_h,
            "warmup_max_min" => &mut t.warmup_max_min,
            "failure_min_rpe" => &mut t.failure_min_rpe,
            _ => {
                return Err(ctx.unknown(
                    &full,
                    "same_session_max_gap_min, min_gap_h, preferred_gap_h, power_min_gap_h, warmup_max_min, failure_min_rpe",
                ))
            }
        };
        let number = match value {
            toml::Value::Integer(i) => *i as f64,
            toml::Value::Float(f) => *f,
            _ => return Err(ctx.wrong_type(&full, "a number", value)),
        };
        if !number.is_finite() || number < 0.0 {
            return Err(ctx.impossible(&full, format!("{number} is not a finite number >= 0")));
        }
        *slot = number;
    }
    Ok(())
}

fn check_thresholds(ctx: &Ctx, t: &Thresholds) -> Result<(), ConfigError> {
    if !(t.failure_min_rpe > 0.0 && t.failure_min_rpe <= 10.0) {
        return Err(ctx.impossible(
            "thresholds.failure_min_rpe",
            format!("{} is not an RPE in (0, 10]", t.failure_min_rpe),
        ));
    }
    if t.min_gap_h > t.preferred_gap_h {
        return Err(ctx.impossible(
            "thresholds.min_gap_h",
            format!(
                "{} h is above preferred_gap_h ({} h)",
                t.min_gap_h, t.preferred_gap_h
            ),
        ));
    }
    if t.power_min_gap_h > t.preferred_gap_h {
        return Err(ctx.impossible(
            "thresholds.power_min_gap_h",
            format!(
                "{} h is above preferred_gap_h ({} h)",
                t.power_min_gap_h, t.preferred_gap_h
            ),
        ));
    }
    if t.same_session_max_gap_min >= t.min_gap_h * 60.0 {
        return Err(ctx.impossible(
            "thresholds.same_session_max_gap_min",
            format!(
                "{} min is not below min_gap_h ({} h)",
                t.same_session_max_gap_min, t.min_gap_h
            ),
        ));
    }
    Ok(())
}

fn read_scope(ctx: &Ctx, table: &toml::Table, rules: &mut Rules) -> Result<(), ConfigError> {
    for (key, value) in table {
        if key == "exempt_from_age" {
            let age = value.as_integer().ok_or_else(|| {
                ctx.wrong_type("scope.exempt_from_age", "a whole number of years", value)
            })?;
            rules.exempt_from_age = u32::try_from(age).map_err(|_| {
                ctx.impossible("scope.exempt_from_age", format!("{age} is not an age >= 0"))
            })?;
            continue;
        }
        if key != "statuses" {
            return Err(ctx.unknown(&format!("scope.{key}"), "statuses, exempt_from_age"));
        }
        let list = value
            .as_array()
            .ok_or_else(|| ctx.wrong_type("scope.statuses", "a list of status names", value))?;
        let mut scope = BTreeSet::new();
        for item in list {
            let name = item
                .as_str()
                .ok_or_else(|| ctx.wrong_type("scope.statuses", "a list of status names", item))?;
            let status = Status::parse(name).ok_or_else(|| {
                ctx.impossible(
                    "scope.statuses",
                    format!("'{name}' is not a status; expected untrained, recreational, trained, elite or unknown"),
                )
            })?;
            scope.insert(status);
        }
        rules.scope = scope;
    }
    Ok(())
}

fn read_units(ctx: &Ctx, table: &toml::Table, rules: &mut Rules) -> Result<(), ConfigError> {
    for (key, value) in table {
        if key != "weight_unit" {
            return Err(ctx.unknown(&format!("units.{key}"), "weight_unit"));
        }
        let text = value
            .as_str()
            .ok_or_else(|| ctx.wrong_type("units.weight_unit", "\"kg\" or \"lb\"", value))?;
        // Read as the roster reads it (`kgs`, `lbs` and the words too).
        rules.weight_unit = WeightUnit::parse(text).ok_or_else(|| {
            ctx.impossible(
                "units.weight_unit",
                format!("'{}' is not a weight unit; expected kg or lb", text.trim()),
            )
        })?;
    }
    Ok(())
}

/// Reads `[modality]` or `[exercises]`: names to modalities, over the defaults.
fn read_names(
    ctx: &Ctx,
    section: &str,
    table: &toml::Table,
    names: &mut SportTable,
) -> Result<(), ConfigError> {
    for (name, value) in table {
        let full = format!("{section}.{}", toml_key(name));
        let text = value
            .as_str()
            .ok_or_else(|| ctx.wrong_type(&full, "a modality name in quotes", value))?;
        let modality = Modality::parse(text).ok_or_else(|| {
            ctx.impossible(
                &full,
                format!("'{text}' is not a modality; expected strength, endurance, mixed or other"),
            )
        })?;
        if super::sports::is_undecided(&normalize_sport(name)) {
            return Err(ctx.impossible(
                &full,
                "an empty or `generic` name never decides a modality".into(),
            ));
        }
        names.insert(name, modality);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
