//! The rules file (RULES.md section 8): thresholds, scope and the sport table,
//! read from TOML, checked once, and printed back as an editable file.

use std::collections::BTreeSet;

use super::error::ConfigError;
use super::sports::{normalize_sport, SportTable};
use crate::model::clip_value;
use crate::model::{Modality, Status};
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
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            same_session_max_gap_min: 20.0,
            min_gap_h: 6.0,
            preferred_gap_h: 24.0,
            power_min_gap_h: 24.0,
            warmup_max_min: 15.0,
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
    /// Sport name -> modality.
    pub(crate) sports: SportTable,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            thresholds: Thresholds::default(),
            scope: [Status::Trained, Status::Elite, Status::Unknown].into(),
            sports: SportTable::defaults(),
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
                "modality" => read_modality(&ctx, ctx.table(key, value)?, &mut rules)?,
                _ => return Err(ctx.unknown(key, "thresholds, scope, modality")),
            }
        }
        check_thresholds(&ctx, &rules.thresholds)?;
        Ok(rules)
    }

    /// The rules as an editable TOML file with every key of RULES.md section 8.
    pub(crate) fn to_toml(&self) -> String {
        let t = &self.thresholds;
        let mut out = String::from(
            "# concur rules: every threshold of RULES.md section 8. Edit and pass with --rules.\n\n",
        );
        out.push_str("[thresholds]\n");
        out.push_str(&format!(
            "same_session_max_gap_min = {}   # at most this gap between two bouts is one session\n",
            num(t.same_session_max_gap_min)
        ));
        out.push_str(&format!(
            "min_gap_h = {}                  # strength and endurance closer than this: violation\n",
            num(t.min_gap_h)
        ));
        out.push_str(&format!(
            "preferred_gap_h = {}           # closer than this: concurrent (advisory)\n",
            num(t.preferred_gap_h)
        ));
        out.push_str(&format!(
            "power_min_gap_h = {}           # minimum gap for power_focus athletes\n",
            num(t.power_min_gap_h)
        ));
        out.push_str(&format!(
            "warmup_max_min = {}            # endurance this short right before strength is a warm-up\n\n",
            num(t.warmup_max_min)
        ));
        let statuses: Vec<String> = self.scope.iter().map(|s| format!("\"{s}\"")).collect();
        out.push_str("[scope]\n");
        out.push_str(&format!(
            "statuses = [{}]   # the rules apply to these; others are exempt\n\n",
            statuses.join(", ")
        ));
        out.push_str("[modality]   # sport or sub_sport name (any format) -> strength | endurance | mixed | other\n");
        for (name, modality) in self.sports.iter() {
            out.push_str(&format!("{} = \"{}\"\n", toml_key(name), modality));
        }
        out
    }
}

fn num(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn toml_key(name: &str) -> String {
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
            _ => {
                return Err(ctx.unknown(
                    &full,
                    "same_session_max_gap_min, min_gap_h, preferred_gap_h, power_min_gap_h, warmup_max_min",
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
        if key != "statuses" {
            return Err(ctx.unknown(&format!("scope.{key}"), "statuses"));
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

fn read_modality(ctx: &Ctx, table: &toml::Table, rules: &mut Rules) -> Result<(), ConfigError> {
    for (name, value) in table {
        let full = format!("modality.{}", toml_key(name));
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
        rules.sports.insert(name, modality);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Rules::from_toml(text, "r.toml").unwrap_err().to_string()
    }

    #[test]
    fn empty_file_gives_the_defaults() {
        assert_eq!(Rules::from_toml("", "r.toml").unwrap(), Rules::default());
    }

    #[test]
    fn printed_rules_read_back_to_the_same_rules() {
        let rules = Rules::default();
        assert_eq!(Rules::from_toml(&rules.to_toml(), "r.toml").unwrap(), rules);
    }

    #[test]
    fn integer_and_float_thresholds_are_both_accepted() {
        let r =
            Rules::from_toml("[thresholds]\nmin_gap_h = 8\npreferred_gap_h = 30.5\n", "r").unwrap();
        assert_eq!(r.thresholds.min_gap_h, 8.0);
        assert_eq!(r.thresholds.preferred_gap_h, 30.5);
    }

    #[test]
    fn unknown_key_is_named() {
        assert!(err("[thresholds]\nmin_gap = 3\n").contains("thresholds.min_gap"));
        assert!(err("[extra]\n").contains("`extra`"));
    }

    #[test]
    fn wrong_type_is_named() {
        assert!(err("[thresholds]\nmin_gap_h = \"six\"\n").contains("thresholds.min_gap_h"));
    }

    #[test]
    fn negative_threshold_is_impossible() {
        assert!(err("[thresholds]\nwarmup_max_min = -1\n").contains("thresholds.warmup_max_min"));
    }

    #[test]
    fn min_gap_above_preferred_is_impossible() {
        assert!(err("[thresholds]\nmin_gap_h = 30\n").contains("thresholds.min_gap_h"));
        assert!(err("[thresholds]\npower_min_gap_h = 25\n").contains("thresholds.power_min_gap_h"));
    }

    #[test]
    fn same_session_window_of_min_gap_or_more_is_impossible() {
        let e = err("[thresholds]\nmin_gap_h = 1\nsame_session_max_gap_min = 60\n");
        assert!(e.contains("thresholds.same_session_max_gap_min"), "{e}");
    }

    #[test]
    fn unknown_status_or_modality_is_impossible() {
        assert!(err("[scope]\nstatuses = [\"pro\"]\n").contains("scope.statuses"));
        assert!(err("[modality]\nzumba = \"fun\"\n").contains("modality.zumba"));
    }

    #[test]
    fn modality_entries_override_defaults_by_normalised_name() {
        let r = Rules::from_toml("[modality]\n\"Cardio Training\" = \"endurance\"\n", "r").unwrap();
        assert_eq!(r.sports.get("cardio_training"), Some(Modality::Endurance));
    }

    #[test]
    fn scope_can_exempt_unknown_status() {
        let r = Rules::from_toml("[scope]\nstatuses = [\"elite\"]\n", "r").unwrap();
        assert!(!r.in_scope(Status::Unknown));
        assert!(r.in_scope(Status::Elite));
    }
}
