//! Small valid files of every input kind, built here so the hostile-input
//! tests run without the corpus: each with how many sessions (or gym-app
//! workouts) it holds.

use std::io::Write;

use crate::ingest::fit::encode::{fit_at, FitFile};

/// What a fixture is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A log file (any format, archives too), read like `concur audit` reads one.
    Log,
    /// A roster CSV.
    Roster,
    /// A rules TOML.
    Rules,
}

/// A named valid file.
#[derive(Debug, Clone)]
pub(super) struct Fixture {
    /// Name, for messages.
    pub(crate) name: String,
    /// What it is read as.
    pub(crate) kind: Kind,
    /// Its bytes.
    pub(crate) bytes: Vec<u8>,
    /// Sessions it holds (logs; workouts for a gym-app log); its rows are
    /// separate lines after a header when `line_rows` is set.
    pub(crate) sessions: usize,
    /// Each session is one line of its own after one header line (no line
    /// breaks inside quotes), so one inserted bad line must cost no session.
    pub(crate) line_rows: bool,
}

fn log(name: &str, bytes: impl Into<Vec<u8>>, sessions: usize, line_rows: bool) -> Fixture {
    Fixture {
        name: name.into(),
        kind: Kind::Log,
        bytes: bytes.into(),
        sessions,
        line_rows,
    }
}

/// A canonical sessions CSV of three sessions, with delimiter `d`.
pub(super) fn canonical(d: &str) -> String {
    let rows = [
        "session_id,athlete_id,start,duration_min,modality,sport,rpe,to_failure,notes",
        "s1,Anna,2026-03-02T08:00,60,strength,,7,no,legs",
        "s2,Anna,2026-03-02T18:00:00+01:00,45,,running,5,,easy",
        "s3,Bj\u{f6}rn,2026-03-03,30,,Weight Training,,yes,",
    ];
    rows.map(|r| r.replace(',', d) + "\n").concat()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

const FITCSV_LONG: &str = "Type,Local Number,Message,Field 1,Value 1,Units 1,Field 2,Value 2,Units 2,Field 3,Value 3,Units 3,Field 4,Value 4,Units 4,Field 5,Value 5,Units 5,\r\n\
Definition,0,file_id,type,1,,time_created,1,,\r\n\
Data,0,file_id,type,4,,time_created,702000000,,\r\n\
Data,4,session,timestamp,702001300,s,start_time,702000000,,total_elapsed_time,1234.5,s,sport,1,,sub_sport,0,,\r\n\
Data,5,activity,timestamp,702001300,,local_timestamp,701986900,,num_sessions,1,,,,,,,,,,,,\r\n";

const FITCSV_WIDE: &str = "activity.timestamp[s],activity.local_timestamp,session.start_time,session.total_elapsed_time[s],session.sport,record.heart_rate[bpm]\n\
702001300,701986900,702000000,1234.5,1,120\n\
702001300,701986900,702000000,1234.5,1,121\n";

const STRAVA: &str =
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename\n\
1,\"Mar 2, 2026, 7:00:00 AM\",Morning,Run,3600,\n\
2,\"Mar 3, 2026, 6:30:00 PM\",Gym,Weight Training,2700,\n";

const GARMIN: &str = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Moving Time,Elapsed Time\n\
Strength Training,2025-02-02 14:48:43,false,\"Gym\",\"0.00\",\"1,234\",\"00:45:00\",\"--\",\"00:40:00\",\"00:47:30\"\n\
Running,2025-02-03 07:00:00,false,\"Run\",\"10.00\",\"600\",\"00:50:00\",\"150\",\"00:49:00\",\"00:50:10\"\n";

const TRAININGPEAKS: &str = "\"Title\",\"WorkoutType\",\"WorkoutDescription\",\"PlannedDuration\",\"WorkoutDay\",\"TimeTotalInHours\",\"Rpe\"\r\n\
\"Easy run\",\"Run\",\"Keep it easy\",\"1\",\"2026-01-05\",\"0.75\",\"3\"\r\n\
\"Legs\",\"Strength\",\"\",\"1\",\"2026-01-05\",\"\",\"\"\r\n\
\"Swim\",\"Swim\",\"\",\"0.5\",\"2026-01-07\",\"0.51\",\"\"\r\n";

const INTERVALS: &str =
    "id,start_date_local,name,type,moving_time,elapsed_time,icu_rpe,start_date\n\
i1,2026-03-02T08:00:00,\"Morning, easy\",Run,3500,3600,4,2026-03-02T07:00:00Z\n\
i2,2026-03-02T18:00:00,Gym,WeightTraining,2400,2700,7,2026-03-02T17:00:00Z\n";

/// Two date-only workouts, one with an exercise name holding a comma.
const FITNOTES_ANDROID: &str =
    "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n\
2026-03-02,Running (Treadmill),Cardio,,,1.3,km,0:09:30\n\
2026-03-02,Squat,Legs,100.0,5,,,\n\
2026-03-02,Press (Each Side, Dumbbells),Shoulders,8.0,5,,,\n\
2026-03-04,Deadlift,Back,140.0,3,,,\n";

/// One workout with a warm-up, a failed and a not-started set.
const FITNOTES_IOS: &str = "Name,StartTime,EndTime,BodyWeight,Exercise,Equipment,Reps,Weight,Time,Distance,Status,IsWarmup,RPE,RIR,Categories,Note\n\
Push,2026-03-02T10:13:53Z,2026-03-02T11:08:47Z,\"94,0\",Bench,Barbell,8,\"40,0\",,,Done,true,,,\"Pectorals,Triceps\",\n\
Push,2026-03-02T10:13:53Z,2026-03-02T11:08:47Z,\"94,0\",Bench,Barbell,5,\"72,5\",,,Failed,false,\"9,5\",0,Pectorals,\n\
Push,2026-03-02T10:13:53Z,2026-03-02T11:08:47Z,\"94,0\",Dips,None,12,,,,NotStarted,false,,,,\n";
/// A Hevy export: two workouts, one with a warm-up and a failure set.
const HEVY: &str = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n\
\"Legs\",\"2 Mar 2026, 07:00\",\"2 Mar 2026, 08:00\",\"\",\"Squat (Barbell)\",,\"\",0,\"warmup\",60,8,,,\n\
\"Legs\",\"2 Mar 2026, 07:00\",\"2 Mar 2026, 08:00\",\"\",\"Squat (Barbell)\",,\"\",1,\"failure\",100,5,,,9.5\n\
\"Run\",\"Mar 3, 2026, 6:30\u{202f}PM\",\"Mar 3, 2026, 7:10 PM\",\"\",\"Treadmill\",,\"\",0,\"normal\",,,6.2,2400,\n";

/// A Strong export in the semicolon format with units: two workouts.
const STRONG: &str = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
2026-03-02 07:00:00;\"Legs\";\"Squat (Barbell)\";W;60;kg;8;;;;0;\"\";\"\";1h 5m\n\
2026-03-02 07:00:00;\"Legs\";\"Plank\";1;;;;;;;60;;;1h 5m\n\
2026-03-03 18:30:00;\"Run\";\"Running\";1;;;;;3.1;mi.;1500;;;25m\n";

/// The roster fixture.
pub(super) const ROSTER: &str = "athlete_id,group,status,power_focus,timezone,name,sources\n\
Anna,sprint,elite,yes,Europe/Amsterdam,Anna,**/anna/**\n\
Bj\u{f6}rn,endurance,trained,no,,Bj\u{f6}rn,\n";

/// The rules fixture (every section).
pub(super) const RULES: &str = "[thresholds]\nsame_session_max_gap_min = 20\nmin_gap_h = 6\npreferred_gap_h = 24\npower_min_gap_h = 24\nwarmup_max_min = 15\n\n[scope]\nstatuses = [\"trained\", \"elite\", \"unknown\"]\n\n[modality]\n\"weight training\" = \"strength\"\ncardio_training = \"mixed\"\n";

/// A FIT activity with a strength and a running session and an activity message.
pub(super) fn fit() -> Vec<u8> {
    let t = fit_at("2026-03-02T07:00:00Z");
    FitFile::new()
        .file_id(4)
        .session(t, 1_800_000, 10, 20)
        .set(t + 60, t, true, 10, 800)
        .set(t + 120, t, false, 0, 0)
        .session(t + 2000, 2_400_000, 1, 0)
        .activity(t + 4400, t + 4400 + 3600)
        .bytes()
}

/// `data` gzip-compressed.
pub(super) fn gz(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("in memory");
    enc.finish().expect("in memory")
}

/// The canonical fixture's three sessions as a Parquet file (text columns).
pub(super) fn parquet() -> Vec<u8> {
    use polars::prelude::{DataFrame, IntoColumn, NamedFrom, ParquetWriter, Series};
    let text = canonical(",");
    let mut lines = text.lines().map(|l| l.split(',').collect::<Vec<_>>());
    let header = lines.next().expect("a header line");
    let rows: Vec<Vec<&str>> = lines.collect();
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let values: Vec<&str> = rows.iter().map(|r| r[i]).collect();
            Series::new((*name).into(), values).into_column()
        })
        .collect();
    let mut frame = DataFrame::new_infer_height(columns).expect("columns of one height");
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes)
        .finish(&mut frame)
        .expect("in memory");
    bytes
}

/// A zip of the named members.
pub(super) fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        for (name, data) in members {
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file(*name, opts).expect("in memory");
            w.write_all(data).expect("in memory");
        }
        w.finish().expect("in memory");
    }
    buf.into_inner()
}

/// Every fixture: each canonical dialect, each other format (Parquet too),
/// archives, roster, rules.
pub(super) fn all() -> Vec<Fixture> {
    let comma = canonical(",");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(canonical(";").as_bytes());
    let fit = fit();
    vec![
        log("canonical_comma.csv", comma.clone(), 3, true),
        log("canonical_semicolon.csv", canonical(";"), 3, true),
        log("canonical_tab.csv", canonical("\t"), 3, true),
        log("canonical_bom_semicolon.csv", bom, 3, true),
        log("canonical_crlf.csv", comma.replace('\n', "\r\n"), 3, true),
        log("canonical_1252.csv", windows_1252(&comma), 3, true),
        log("canonical_utf16.csv", utf16le_with_bom(&comma), 3, false),
        log("fitcsv_long.csv", FITCSV_LONG, 1, false),
        log("fitcsv_wide.csv", FITCSV_WIDE, 1, false),
        log("strava_activities.csv", STRAVA, 2, true),
        log("garmin_activities.csv", GARMIN, 2, true),
        log("trainingpeaks.csv", TRAININGPEAKS, 3, true),
        log("intervals_activities.csv", INTERVALS, 2, true),
        log("fitnotes_android.csv", FITNOTES_ANDROID, 2, true),
        log("fitnotes_ios.csv", FITNOTES_IOS, 1, true),
        log("hevy_workouts.csv", HEVY, 2, true),
        log("strong.csv", STRONG, 2, true),
        log("activity.fit", fit.clone(), 2, false),
        log("sessions.parquet", parquet(), 3, false),
        log("activity.fit.gz", gz(&fit), 2, false),
        log("sessions.csv.gz", gz(comma.as_bytes()), 3, false),
        log(
            "export.zip",
            zip(&[
                ("a.csv", comma.as_bytes()),
                ("b/run.fit", &fit),
                ("c.csv.gz", &gz(STRAVA.as_bytes())),
            ]),
            7,
            false,
        ),
        Fixture {
            name: "roster.csv".into(),
            kind: Kind::Roster,
            bytes: ROSTER.into(),
            sessions: 0,
            line_rows: false,
        },
        Fixture {
            name: "rules.toml".into(),
            kind: Kind::Rules,
            bytes: RULES.into(),
            sessions: 0,
            line_rows: false,
        },
    ]
}
