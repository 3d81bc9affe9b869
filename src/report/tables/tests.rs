use super::pieces::MODALITIES;
use super::*;
use crate::classify::Frame;
use crate::model::StrengthDetail;
use crate::report::csv_file::both_ways;
use crate::report::table::Table;
use crate::rules::Audit;

/// The sample season with every kind of cell the fast path must get
/// right: names to quote, names longer than a block, strength detail,
/// fractional RPE and seconds, offsets with seconds, far years.
fn awkward_sample() -> (Frame, Audit) {
    let rules = crate::config::load_rules(None).unwrap();
    let (mut frame, _) = crate::test_support::sample_frame(&rules);
    let audit = crate::rules::evaluate(&frame, &rules.thresholds);
    awkward_names(&mut frame);
    let long = "x".repeat(40);
    frame.sport_names.push("say \"run\"".into());
    frame.sport_names.push(long.as_str().into());
    frame.files[0].path = format!("dir,with/{long}.csv");
    let names = frame.sport_names.len() as u32;
    let pairs = frame.sport_pairs.len() as u32;
    frame.sport_pairs.extend([[names - 2, 0], [0, names - 1]]);
    let detail = StrengthDetail {
        sets: Some(5),
        reps: None,
        volume_kg: Some(1234.5),
        ..StrengthDetail::default()
    };
    for (i, s) in frame.sessions.iter_mut().enumerate() {
        match i % 9 {
            0 => s.sports = pairs,
            1 => s.sports = pairs + 1,
            2 => s.sports = u32::MAX,
            3 => s.rpe = Some(6.25).into(),
            4 => {
                s.marks = s.marks.with_strength_detail();
                frame.strength_details.push((s.origin, detail));
            }
            5 => s.start_us += 123_456,
            6 => s.offset_s = 1172,
            7 => s.start_us = 300_000_000_000_000_000,
            _ => s.session_id = format!("id,\"{i}\"").into(),
        }
    }
    frame.strength_details.sort_by_key(|&(origin, _)| origin);
    (frame, audit)
}

/// Athletes' ids and groups to quote, and longer than a block.
fn awkward_names(frame: &mut Frame) {
    let long = "x".repeat(40);
    for (a, athlete) in frame.athletes.iter_mut().enumerate() {
        let ids = [format!("a,{a}"), format!("q\"{a}"), format!("{long}{a}")];
        if a % 4 < 3 {
            athlete.athlete_id = ids[a % 4].clone();
            athlete.group = ["g,1", "g\"2", long.as_str()][a % 4].into();
        }
    }
}

#[test]
fn session_rows_written_directly_are_the_cells_written_one_by_one() {
    let (frame, audit) = awkward_sample();
    let (cells, direct) = both_ways(&SessionRows::new(&frame, &audit));
    assert!(cells.len() > 100_000);
    let text = String::from_utf8_lossy(&direct);
    assert!(
        text.contains(",5,,1234.5,"),
        "the strength detail is written"
    );
    assert!(
        text.contains(",\"say \"\"run\"\"\","),
        "the pair's names are written"
    );
    assert_eq!(String::from_utf8(direct), String::from_utf8(cells));
}

#[test]
fn flag_rows_written_directly_are_the_cells_written_one_by_one() {
    let (frame, audit) = awkward_sample();
    let flags = FlagRows::new(&frame, &audit);
    assert!(audit.flags().iter().any(|f| f.second().is_none()));
    let (cells, direct) = both_ways(&flags);
    assert!(cells.len() > 10_000);
    assert_eq!(String::from_utf8(direct), String::from_utf8(cells));
}

#[test]
fn modalities_are_listed_in_declaration_order() {
    for (i, m) in MODALITIES.iter().enumerate() {
        assert_eq!(*m as usize, i);
    }
}

/// The sample season's load, its athletes' names made awkward (the
/// awkward sample's far-off years would make its daily table huge).
fn awkward_load() -> (Frame, Audit, crate::load::Load) {
    let rules = crate::config::load_rules(None).unwrap();
    let (mut frame, _) = crate::test_support::sample_frame(&rules);
    awkward_names(&mut frame);
    let audit = crate::rules::evaluate(&frame, &rules.thresholds);
    let aggregates = crate::aggregate::aggregate(&frame, &audit);
    let load = crate::load::measure(&frame, &audit, &aggregates);
    (frame, audit, load)
}

#[test]
fn daily_load_rows_written_directly_are_the_cells() {
    let (frame, _, load) = awkward_load();
    let daily = LoadDaily::new(&frame, &load);
    assert!(daily.len() > 1000);
    let (cells, direct) = both_ways(&daily);
    assert_eq!(
        String::from_utf8(direct).unwrap(),
        String::from_utf8(cells).unwrap()
    );
}

/// Records the numbers tables give label cells, and fails when one number
/// comes with two texts in a column: Parquet finds a label's dictionary key
/// by its number alone (`Cells::label`).
struct LabelContract<'t> {
    kinds: Vec<crate::report::row::Kind>,
    column: usize,
    texts: std::collections::HashMap<(usize, u64), String>,
    table: &'t str,
}

impl LabelContract<'_> {
    fn next(&mut self) -> usize {
        let column = self.column;
        self.column = (column + 1) % self.kinds.len();
        column
    }
}

impl crate::report::row::Cells for LabelContract<'_> {
    fn text(&mut self, _: &str) {
        self.next();
    }
    fn label(&mut self, number: u64, value: &str) {
        let column = self.next();
        assert_eq!(
            self.kinds[column],
            crate::report::row::Kind::Label,
            "{} column {column}",
            self.table
        );
        let known = self.texts.entry((column, number)).or_insert(value.into());
        assert_eq!(
            known, value,
            "{} column {column} number {number}",
            self.table
        );
    }
    fn float(&mut self, _: Option<f64>) {
        self.next();
    }
    fn int(&mut self, _: Option<u64>) {
        self.next();
    }
    fn bool(&mut self, _: Option<bool>) {
        self.next();
    }
}

/// Every label number of `rows` stands for one text in its column; returns
/// how many (column, number) pairs were seen.
fn label_numbers(name: &str, rows: &dyn Table) -> usize {
    let mut contract = LabelContract {
        kinds: rows.columns().iter().map(|(_, kind)| *kind).collect(),
        column: 0,
        texts: Default::default(),
        table: name,
    };
    rows.rows(0..rows.len(), &mut contract);
    contract.texts.len()
}

#[test]
fn every_label_number_stands_for_one_text_in_its_column() {
    let (frame, audit) = awkward_sample();
    assert!(label_numbers("sessions", &SessionRows::new(&frame, &audit)) > 100);
    assert!(label_numbers("flags", &FlagRows::new(&frame, &audit)) > 10);
    let (frame, audit_load, load) = awkward_load();
    // Each athlete with days has a number for its id and one for its group.
    let with_days = load.day_rows.windows(2).filter(|w| w[1] > w[0]).count();
    assert!(with_days > 10);
    assert!(label_numbers("load_daily", &LoadDaily::new(&frame, &load)) >= 2 * with_days);
    assert!(label_numbers("load_weekly", &LoadWeekly::new(&frame, &audit_load, &load)) > 10);
    assert!(label_numbers("load_groups", &LoadGroups::new(&load)) > 10);
}

/// The columns `rows` collects for Parquet row by row through `dyn Cells`
/// and through its own `collect_rows`, in ranges of uneven lengths.
fn collected_both_ways(rows: &dyn Table) -> [Vec<Box<dyn polars_arrow::array::Array>>; 2] {
    use crate::report::parquet_columns::Collect;
    let kinds = || rows.columns().iter().map(|(_, kind)| *kind);
    let (mut walked, mut direct) = (Collect::new(kinds(), 0), Collect::new(kinds(), 0));
    let (mut from, mut step) = (0, 1);
    while from < rows.len() {
        let range = from..(from + step).min(rows.len());
        for i in range.clone() {
            rows.row(i, &mut walked);
        }
        rows.collect_rows(range.clone(), &mut direct);
        (from, step) = (range.end, step * 3 % 1_000 + 1);
    }
    let arrays = |c: Collect| c.into_arrays().into_iter().map(|(a, _)| a).collect();
    [arrays(walked), arrays(direct)]
}

#[test]
fn tables_collect_for_parquet_the_cells_they_give_one_by_one() {
    let (frame, audit) = awkward_sample();
    let (frame_load, _, load) = awkward_load();
    let tables: [(&str, &dyn Table); 3] = [
        ("sessions", &SessionRows::new(&frame, &audit)),
        ("flags", &FlagRows::new(&frame, &audit)),
        ("load_daily", &LoadDaily::new(&frame_load, &load)),
    ];
    for (name, rows) in tables {
        let [walked, direct] = collected_both_ways(rows);
        assert_eq!(walked.len(), rows.columns().len(), "{name}");
        assert!(walked[0].len() > 10, "{name} has rows");
        assert_eq!(walked, direct, "{name}");
    }
}
