//! The roster CSV: who each athlete is (group, status, power focus, zone,
//! birth date, the weight unit of their gym logs).
//! A bad roster stops the run, naming the file, line and column.

use std::collections::btree_map::Entry;

use super::columns::{field, Header};
use super::error::IngestError;
use super::rows::{CsvRows, Row};
use super::text::decode;
use chrono::NaiveDate;

use crate::model::{
    parse_flag, Athlete, Note, Roster, Status, WeightUnit, ALL_GROUPS, UNASSIGNED_GROUP,
};

/// Adds the roster rows of one file to `roster`; notes go to `notes`.
pub(crate) fn read_roster(
    bytes: &[u8],
    path: &str,
    roster: &mut Roster,
    notes: &mut Vec<Note>,
) -> Result<(), IngestError> {
    let decoded = decode(bytes);
    if let Some(enc) = decoded.encoding {
        notes.push(Note::file(
            "encoding",
            path,
            0,
            format!("roster read as {enc}, not UTF-8"),
        ));
    }
    let mut reader = super::columns::reader(&decoded.text);
    let bad = |line: u64, column: &str, message: String| IngestError::Roster {
        path: path.to_string(),
        line,
        column: column.to_string(),
        message: crate::model::clip(message),
    };
    let header = Header::new(reader.headers().map_err(|e| bad(1, "", e.to_string()))?);
    let missing = header.missing(&["athlete_id", "group", "status"]);
    if !missing.is_empty() {
        return Err(bad(1, "", format!(
            "missing column(s) {}; expected athlete_id, group, status and optionally power_focus, timezone, name, sources, birth_date or birth_year, weight_unit (found: {})",
            missing.join(", "),
            header.raw.join(", ")
        )));
    }
    let col = |n: &str| header.find(n);
    let (c_id, c_group, c_status) = (col("athlete_id"), col("group"), col("status"));
    let (c_power, c_tz, c_name) = (col("power_focus"), col("timezone"), col("name"));
    let c_sources = col("sources");
    let (c_birth_date, c_birth_year, c_unit) =
        (col("birth_date"), col("birth_year"), col("weight_unit"));
    let mut rows = CsvRows::new(reader, 0);
    while let Some(row) = rows.next_row() {
        let (record, line) = match row {
            Row::Bad(at, reason) => return Err(bad(at.line, "", reason)),
            Row::Fields(record, at) => (record, at.line),
        };
        let athlete_id = field(record, c_id);
        if athlete_id.is_empty() {
            return Err(bad(
                line,
                "athlete_id",
                "athlete_id is empty; expected an athlete id".into(),
            ));
        }
        let mut group = field(record, c_group).to_string();
        if group == ALL_GROUPS {
            return Err(bad(
                line,
                "group",
                format!("group '{ALL_GROUPS}' is the name of the row of all athletes in summary.csv; expected another group name"),
            ));
        }
        // Notes on a roster row name its athlete: the summary counts them
        // and a group report shows them.
        let note = |kind, detail| Note {
            athlete_id: athlete_id.to_string(),
            ..Note::file(kind, path, line, detail)
        };
        if group.is_empty() {
            notes.push(note(
                "roster_no_group",
                format!("athlete '{athlete_id}' has no group; reported under '{UNASSIGNED_GROUP}'"),
            ));
            group = UNASSIGNED_GROUP.to_string();
        }
        let status_text = field(record, c_status);
        let status = Status::parse(status_text).unwrap_or_else(|| {
            notes.push(note("unknown_status", format!(
                "athlete '{athlete_id}' has status '{status_text}'; read as unknown (expected untrained, recreational, trained or elite)"
            )));
            Status::Unknown
        });
        let power_text = field(record, c_power);
        let power_focus = match power_text {
            "" => false,
            t => parse_flag(t).ok_or_else(|| {
                bad(
                    line,
                    "power_focus",
                    format!("power_focus '{t}' is not true/false (or yes/no, 1/0)"),
                )
            })?,
        };
        let tz_text = field(record, c_tz);
        let timezone = match tz_text {
            "" => None,
            t => Some(crate::model::parse_tz(t).ok_or_else(|| {
                bad(
                    line,
                    "timezone",
                    format!("timezone '{t}' is not an IANA zone name (e.g. Europe/Amsterdam)"),
                )
            })?),
        };
        let birth_date = birth_date(field(record, c_birth_date), field(record, c_birth_year))
            .map_err(|(column, message)| bad(line, column, message))?;
        let unit_text = field(record, c_unit);
        let weight_unit = match unit_text {
            "" => None,
            t => Some(WeightUnit::parse(t).ok_or_else(|| {
                bad(
                    line,
                    "weight_unit",
                    format!("weight_unit '{t}' is not kg or lb"),
                )
            })?),
        };
        let athlete = Athlete {
            athlete_id: athlete_id.to_string(),
            birth_date,
            weight_unit,
            group,
            status,
            power_focus,
            timezone,
            name: field(record, c_name).to_string(),
            sources: super::sources::split_patterns(field(record, c_sources)),
        };
        for pattern in &athlete.sources {
            super::sources::compile(pattern).map_err(|m| bad(line, "sources", m))?;
        }
        match roster.athletes.entry(athlete.athlete_id.clone()) {
            Entry::Vacant(slot) => {
                slot.insert(athlete);
            }
            Entry::Occupied(_) => {
                return Err(bad(
                    line,
                    "athlete_id",
                    format!("athlete '{athlete_id}' is listed twice; expected one row per athlete"),
                ))
            }
        }
    }
    Ok(())
}

/// A roster birth date: `birth_date` (`1958-04-30`), else `birth_year`
/// (`1958`, read as 1 July); an unreadable or future one is an error
/// naming its column.
fn birth_date(date: &str, year: &str) -> Result<Option<NaiveDate>, (&'static str, String)> {
    let today = chrono::Utc::now().date_naive();
    let four_digits = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    let (column, parsed) = if !date.is_empty() {
        let strict = date.len() == 10 && four_digits(&date[..4]);
        let parsed = strict
            .then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
            .flatten()
            .ok_or(())
            .map_err(|_| {
                let reason =
                    format!("birth_date '{date}' is not a date; expected YYYY-MM-DD (1958-04-30)");
                ("birth_date", reason)
            })?;
        ("birth_date", parsed)
    } else if !year.is_empty() {
        let parsed = Some(year)
            .filter(|y| four_digits(y))
            .and_then(|y| y.parse::<i32>().ok())
            .and_then(|y| NaiveDate::from_ymd_opt(y, 7, 1))
            .ok_or_else(|| {
                let reason =
                    format!("birth_year '{year}' is not a year; expected four digits (1958)");
                ("birth_year", reason)
            })?;
        ("birth_year", parsed)
    } else {
        return Ok(None);
    };
    if parsed > today {
        let reason = format!(
            "{column} {parsed} is in the future; expected a birth date before today ({today})"
        );
        return Err((column, reason));
    }
    Ok(Some(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(Roster, Vec<Note>), IngestError> {
        let mut roster = Roster::default();
        let mut notes = Vec::new();
        read_roster(text.as_bytes(), "roster.csv", &mut roster, &mut notes)?;
        Ok((roster, notes))
    }

    #[test]
    fn reads_all_roster_fields() {
        let (r, notes) = read("athlete_id,group,status,power_focus,timezone,name\nA1,sprint,elite,yes,Europe/Amsterdam,Ann\n").unwrap();
        let a = &r.athletes["A1"];
        assert_eq!(
            (a.group.as_str(), a.status, a.power_focus),
            ("sprint", Status::Elite, true)
        );
        assert_eq!(a.timezone, Some(chrono_tz::Europe::Amsterdam));
        assert!(notes.is_empty());
    }

    #[test]
    fn unrecognised_status_is_unknown_and_noted() {
        let (r, notes) = read("athlete_id;group;status\nA1;g;pro\nA2;g;\n").unwrap();
        assert_eq!(r.athletes["A1"].status, Status::Unknown);
        assert_eq!(r.athletes["A2"].status, Status::Unknown);
        assert_eq!(notes.len(), 2);
        // Each names its athlete: the summary counts them, a group report shows them.
        let named: Vec<&str> = notes.iter().map(|n| n.athlete_id.as_str()).collect();
        assert_eq!(named, ["A1", "A2"]);
    }

    #[test]
    fn an_athlete_without_a_group_is_unassigned_and_noted_by_name() {
        let (r, notes) = read("athlete_id,group,status\nA1,,elite\n").unwrap();
        assert_eq!(r.athletes["A1"].group, UNASSIGNED_GROUP);
        assert_eq!(
            (notes[0].kind, notes[0].athlete_id.as_str()),
            ("roster_no_group", "A1")
        );
    }

    #[test]
    fn bad_timezone_names_line_and_column() {
        let e = read("athlete_id,group,status,timezone\nA1,g,elite,Europe/Nowhere\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("roster.csv") && e.contains("line 2") && e.contains("timezone"),
            "{e}"
        );
    }

    #[test]
    fn a_group_named_as_the_row_of_all_athletes_stops_the_run() {
        let e = read("athlete_id,group,status\nA1,ALL,elite\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2") && e.contains("group") && e.contains("'ALL'"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_athlete_stops_the_run() {
        assert!(read("athlete_id,group,status\nA1,g,elite\nA1,h,elite\n").is_err());
    }

    #[test]
    fn missing_columns_are_named() {
        let e = read("athlete,group\nA1,g\n").unwrap_err().to_string();
        assert!(e.contains("athlete_id") && e.contains("status"), "{e}");
    }

    #[test]
    fn birth_date_or_year_is_read_and_a_year_is_mid_year() {
        let text = "athlete_id,group,status,birth_date,birth_year\nA,g,elite,1958-04-30,\nB,g,elite,,1960\nC,g,elite,,\n";
        let (roster, _) = read(text).unwrap();
        let date = |id: &str| roster.athletes[id].birth_date;
        assert_eq!(date("A"), NaiveDate::from_ymd_opt(1958, 4, 30));
        assert_eq!(date("B"), NaiveDate::from_ymd_opt(1960, 7, 1));
        assert_eq!(date("C"), None);
    }

    #[test]
    fn bad_or_future_birth_date_stops_the_run_naming_line_and_column() {
        let e = read("athlete_id,group,status,birth_date\nA,g,elite,1958-02-30\n").unwrap_err();
        assert!(e.to_string().contains("line 2, column birth_date"), "{e}");
        for bad in ["birth_year\nA,g,elite,58", "birth_date\nA,g,elite,61-03-02"] {
            let e = read(&format!("athlete_id,group,status,{bad}\n")).unwrap_err();
            assert!(e.to_string().contains("line 2, column birth_"), "{e}");
        }
        let e = read("athlete_id,group,status,birth_year\nA,g,elite,2999\n").unwrap_err();
        assert!(e.to_string().contains("column birth_year"), "{e}");
        assert!(e.to_string().contains("in the future"), "{e}");
    }

    #[test]
    fn weight_unit_is_kg_or_lb() {
        let text = "athlete_id,group,status,weight_unit\nA,g,elite,lbs\nB,g,elite,\n";
        let (roster, _) = read(text).unwrap();
        assert_eq!(roster.athletes["A"].weight_unit, Some(WeightUnit::Lb));
        assert_eq!(roster.athletes["B"].weight_unit, None);
        let e = read("athlete_id,group,status,weight_unit\nA,g,elite,stone\n").unwrap_err();
        assert!(e.to_string().contains("column weight_unit"), "{e}");
    }
}
