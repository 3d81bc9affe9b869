//! The effective rules printed back as an editable TOML file with every
//! key of RULES.md section 8 (`concur rules`).

use super::rules::{toml_key, Rules};

impl Rules {
    /// The rules as an editable TOML file with every key of RULES.md section 8.
    pub(crate) fn to_toml(&self) -> String {
        let t = &self.thresholds;
        let mut out = String::from(
            "# concur rules: every threshold of RULES.md section 8. Edit and pass with --rules.\n\n",
        );
        let thresholds = [
            (
                "same_session_max_gap_min",
                t.same_session_max_gap_min,
                "at most this gap between two bouts is one session",
            ),
            (
                "min_gap_h",
                t.min_gap_h,
                "strength and endurance closer than this: violation",
            ),
            (
                "preferred_gap_h",
                t.preferred_gap_h,
                "closer than this: concurrent (advisory)",
            ),
            (
                "power_min_gap_h",
                t.power_min_gap_h,
                "minimum gap for power_focus athletes",
            ),
            (
                "warmup_max_min",
                t.warmup_max_min,
                "endurance this short right before strength is a warm-up",
            ),
            (
                "failure_min_rpe",
                t.failure_min_rpe,
                "a working set at this RPE or above is a set to failure",
            ),
        ];
        out.push_str("[thresholds]\n");
        for (key, value, comment) in thresholds {
            line(&mut out, &format!("{key} = {}", num(value)), comment);
        }
        let statuses: Vec<String> = self.scope.iter().map(|s| format!("\"{s}\"")).collect();
        out.push_str("\n[scope]\n");
        let statuses = format!("statuses = [{}]", statuses.join(", "));
        line(
            &mut out,
            &statuses,
            "the rules apply to these; others are exempt",
        );
        let age = format!("exempt_from_age = {}", self.exempt_from_age);
        line(
            &mut out,
            &age,
            "athletes this old or older are exempt; 0: off",
        );
        out.push_str("\n[units]\n");
        let unit = format!("weight_unit = \"{}\"", self.weight_unit.as_str());
        line(
            &mut out,
            &unit,
            "for gym-app files that do not say their unit",
        );
        table(
            &mut out,
            "[exercises]   # gym-app exercise name",
            &self.exercises,
        );
        table(
            &mut out,
            "[modality]   # sport or sub_sport name (any format)",
            &self.sports,
        );
        out
    }
}

/// Column at which `line` starts a comment: past the longest default line.
const COMMENT_COLUMN: usize = 31;

/// `text`, then `# comment` at `COMMENT_COLUMN` (or three spaces after a
/// longer `text`).
fn line(out: &mut String, text: &str, comment: &str) {
    let pad = COMMENT_COLUMN.saturating_sub(text.chars().count()).max(3);
    out.push_str(&format!("{text}{:pad$}# {comment}\n", ""));
}

/// A table of names and modalities under `header`, after a blank line.
fn table(out: &mut String, header: &str, names: &super::sports::SportTable) {
    out.push_str(&format!(
        "\n{header} -> strength | endurance | mixed | other\n"
    ));
    for (name, modality) in names.iter() {
        out.push_str(&format!("{} = \"{}\"\n", toml_key(name), modality));
    }
}

fn num(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}
