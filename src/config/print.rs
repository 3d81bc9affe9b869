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
            "warmup_max_min = {}            # endurance this short right before strength is a warm-up\n",
            num(t.warmup_max_min)
        ));
        out.push_str(&format!(
            "failure_min_rpe = {}          # a working set at this RPE or above is a set to failure\n\n",
            num(t.failure_min_rpe)
        ));
        let statuses: Vec<String> = self.scope.iter().map(|s| format!("\"{s}\"")).collect();
        out.push_str("[scope]\n");
        out.push_str(&format!(
            "statuses = [{}]   # the rules apply to these; others are exempt\n",
            statuses.join(", ")
        ));
        out.push_str(&format!(
            "exempt_from_age = {}                        # athletes this old or older are exempt; 0: off\n\n",
            self.exempt_from_age
        ));
        out.push_str("[units]\n");
        out.push_str(&format!(
            "weight_unit = \"{}\"   # for gym-app files that do not say their unit\n\n",
            self.weight_unit.as_str()
        ));
        out.push_str(
            "[exercises]   # gym-app exercise name -> strength | endurance | mixed | other\n",
        );
        for (name, modality) in self.exercises.iter() {
            out.push_str(&format!("{} = \"{}\"\n", toml_key(name), modality));
        }
        out.push('\n');
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
