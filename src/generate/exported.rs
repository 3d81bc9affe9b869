//! The `exported` shape of a season: what a federation's concatenated
//! exports look like, not what a tidy pipeline writes. The tidy season's
//! sessions (one file per group, by athlete and time) become one
//! `sessions.csv` with the rows in a random order; some endurance sessions
//! appear twice, as a second device logged them (same start, another id and
//! one to three minutes longer: overlapping sessions, both kept); and a few
//! rows a reader must reject (no athlete, an impossible date, a duration
//! that is not a number). Local times stay naive in the roster's zones, as
//! the tidy season writes most of them. The roster and gym-app logs are
//! written as they are.

use std::io::{self, Write};

use super::rng::Rng;
use super::schedule::is_endurance_sport;
use super::spec::{GenSink, GenSpec, GenStats, SESSIONS_HEADER};

/// Percent of long timed endurance sessions a second device logged too.
const COPY_PCT: u64 = 9;
/// Rows per thousand made unreadable.
const REJECT_PER_MILLE: u64 = 20;
/// Sessions at least this long (minutes) may have a second device's copy.
const COPY_MIN_DURATION_MIN: f64 = 30.0;
/// The generator's stream of this shape's draws (athletes use their own).
const STREAM: u64 = 0xE7_0A7E;

/// Files the tidy season wrote, kept in memory to be reshaped.
#[derive(Default)]
pub(super) struct Collected {
    files: Vec<(String, Vec<u8>)>,
}

impl GenSink for Collected {
    fn file(&mut self, rel_path: &str) -> io::Result<Box<dyn Write + '_>> {
        self.files.push((rel_path.to_string(), Vec::new()));
        let (_, bytes) = self.files.last_mut().expect("just pushed");
        Ok(Box::new(bytes))
    }
}

/// Writes the tidy season `collected` (counted by `stats`) in the exported
/// shape into `sink`, and counts what it wrote: rows (a rejected one too)
/// and files.
pub(super) fn write(
    spec: &GenSpec,
    collected: Collected,
    stats: GenStats,
    sink: &mut dyn GenSink,
) -> io::Result<GenStats> {
    let mut rng = Rng::new(spec.seed, STREAM);
    let mut rows: Vec<Vec<u8>> = Vec::new();
    let (mut files, mut copies) = (0, 0);
    for (path, bytes) in collected.files {
        let is_group_file = !path.contains('/') && path != "roster.csv";
        if !is_group_file {
            sink.file(&path)?.write_all(&bytes)?;
            files += 1;
            continue;
        }
        let body = bytes.strip_prefix(SESSIONS_HEADER).unwrap_or(&bytes);
        for line in body.split_inclusive(|&b| b == b'\n') {
            if let Some(copy) = second_device(line, &mut rng) {
                rows.push(copy);
                copies += 1;
            }
            rows.push(line.to_vec());
        }
    }
    for row in &mut rows {
        if rng.below(1000) < REJECT_PER_MILLE {
            *row = unreadable(row, &mut rng);
        }
    }
    // Fisher-Yates with the seeded stream: the same spec, the same order.
    for i in (1..rows.len()).rev() {
        rows.swap(i, rng.below(i as u64 + 1) as usize);
    }
    if !rows.is_empty() {
        let mut out = io::BufWriter::new(sink.file("sessions.csv")?);
        out.write_all(SESSIONS_HEADER)?;
        for row in &rows {
            out.write_all(row)?;
        }
        out.flush()?;
        files += 1;
    }
    Ok(GenStats {
        sessions: stats.sessions + copies,
        files,
        ..stats
    })
}

/// Cells of a generated row: session_id, athlete_id, start, duration_min,
/// modality, sport, then the rest as one piece (notes may hold commas).
fn cells(line: &[u8]) -> Option<Vec<&str>> {
    let text = std::str::from_utf8(line).ok()?;
    let cells: Vec<&str> = text.splitn(7, ',').collect();
    (cells.len() == 7).then_some(cells)
}

/// A second device's record of the same session, for some long timed
/// endurance sessions: id `<id>-d2`, the same start, one to three minutes longer.
fn second_device(line: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let c = cells(line)?;
    let duration_min: f64 = c[3].parse().ok()?;
    let endurance = c[4] == "endurance" || (c[4].is_empty() && is_endurance_sport(c[5]));
    let timed = c[2].contains('T');
    if !(endurance && timed && duration_min >= COPY_MIN_DURATION_MIN && rng.chance(COPY_PCT)) {
        return None;
    }
    let longer = duration_min + f64::from(rng.range(1, 3));
    // Tenths, as the generator writes durations.
    let longer = format!("{longer:.1}");
    let longer = longer.strip_suffix(".0").unwrap_or(&longer);
    Some(
        format!(
            "{}-d2,{},{},{longer},{},{},{}",
            c[0], c[1], c[2], c[4], c[5], c[6]
        )
        .into_bytes(),
    )
}

/// The row with one cell a reader must reject: the athlete left out, an
/// impossible date, or a duration that is not a number.
fn unreadable(line: &[u8], rng: &mut Rng) -> Vec<u8> {
    let Some(mut c) = cells(line) else {
        return line.to_vec();
    };
    let day_30_of_february;
    match rng.below(3) {
        0 => c[1] = "",
        1 => {
            // Keep the time of day, if any: only the date is impossible.
            day_30_of_february = format!("2026-02-30{}", c[2].get(10..).unwrap_or(""));
            c[2] = &day_30_of_february;
        }
        _ => c[3] = "n/a",
    }
    c.join(",").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::super::{generate, GenSpec, GenStats, Shape};
    use super::Collected;
    use chrono::NaiveDate;
    use std::collections::{BTreeMap, HashMap};

    /// The season of `athletes` over 8 weeks in `shape`: files by path.
    fn season(athletes: usize, shape: Shape) -> (GenStats, BTreeMap<String, Vec<u8>>) {
        let spec = GenSpec {
            athletes,
            groups: 4,
            weeks: 8,
            seed: 11,
            start: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            shape,
        };
        let mut sink = Collected::default();
        let stats = generate(&spec, &mut sink).unwrap();
        (stats, sink.files.into_iter().collect())
    }

    fn data_rows(bytes: &[u8]) -> Vec<String> {
        String::from_utf8(bytes.to_vec())
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn an_endurance_session_without_a_modality_may_have_a_copy_by_its_sport() {
        let mut rng = super::Rng::new(5, 1);
        let copied = |line: &str, rng: &mut super::Rng| {
            (0..500).any(|_| super::second_device(line.as_bytes(), rng).is_some())
        };
        let rowing = "s1,a1,2026-01-05T07:00:00,45,,fitness_equipment,indoor_rowing,7,,\n";
        assert!(copied(rowing, &mut rng));
        let yoga = "s2,a1,2026-01-05T07:00:00,45,,training,yoga,2,,\n";
        assert!(!copied(yoga, &mut rng));
    }

    #[test]
    fn exported_season_is_the_tidy_one_in_one_shuffled_file_with_copies_and_bad_rows() {
        let (tidy_stats, tidy) = season(60, Shape::Tidy);
        let (stats, exported) = season(60, Shape::Exported);
        assert_eq!(exported, season(60, Shape::Exported).1, "not deterministic");
        assert_eq!(exported["roster.csv"], tidy["roster.csv"]);
        let group_files: Vec<&String> = tidy
            .keys()
            .filter(|p| p.ends_with(".csv") && !p.contains('/') && *p != "roster.csv")
            .collect();
        assert_eq!(group_files.len(), 4);
        assert!(exported.keys().all(|p| !group_files.contains(&p)));
        let rows = data_rows(&exported["sessions.csv"]);
        let tidy_rows: Vec<String> = group_files
            .iter()
            .flat_map(|p| data_rows(&tidy[*p]))
            .collect();
        let copies = rows
            .iter()
            .filter(|r| r.split(',').next().unwrap().ends_with("-d2"))
            .count();
        assert_eq!(rows.len(), tidy_rows.len() + copies);
        // A copy is its original's athlete and start, one to three minutes
        // longer (where neither row was then made unreadable).
        let unreadable = |r: &str| {
            r.contains("2026-02-30") || r.contains(",n/a,") || r.split(',').nth(1) == Some("")
        };
        let by_id: HashMap<&str, Vec<&str>> = rows
            .iter()
            .filter(|r| !unreadable(r))
            .map(|r| r.split(',').collect::<Vec<_>>())
            .map(|c| (c[0], c))
            .collect();
        let mut compared = 0;
        for (id, copy) in by_id.iter().filter(|(id, _)| id.ends_with("-d2")) {
            let Some(original) = by_id.get(id.strip_suffix("-d2").unwrap()) else {
                continue;
            };
            compared += 1;
            assert_eq!((copy[1], copy[2]), (original[1], original[2]), "{id}");
            let longer_min: f64 =
                copy[3].parse::<f64>().unwrap() - original[3].parse::<f64>().unwrap();
            assert!((0.95..=3.05).contains(&longer_min), "{id}: {longer_min}");
        }
        assert!(
            compared * 10 > copies * 9,
            "{compared} of {copies} copies compared"
        );
        assert_eq!(stats.sessions, tidy_stats.sessions + copies as u64);
        // Some 4-5 % of rows are a second device's copy, some 2 % unreadable.
        assert!(
            copies * 100 > rows.len() * 3 && copies * 100 < rows.len() * 7,
            "{copies} of {}",
            rows.len()
        );
        let bad = rows.iter().filter(|r| unreadable(r)).count();
        assert!(
            bad * 1000 > rows.len() * 12 && bad * 1000 < rows.len() * 30,
            "{bad} of {}",
            rows.len()
        );
        // Every other row is as the tidy season wrote it, in another order.
        let kept: std::collections::HashSet<&String> = tidy_rows.iter().collect();
        let same = rows.iter().filter(|r| kept.contains(r)).count();
        assert!(same + copies + bad >= rows.len());
        let athlete = |r: &String| r.split(',').nth(1).unwrap_or("").to_string();
        let changes = rows
            .windows(2)
            .filter(|w| athlete(&w[0]) != athlete(&w[1]))
            .count();
        assert!(
            changes * 10 > rows.len() * 9,
            "rows are not shuffled across athletes"
        );
    }
}
