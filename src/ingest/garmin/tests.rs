use chrono::NaiveDateTime;

use super::*;
use crate::config::sports::SportTable;
use crate::model::{Modality, StartTime};

fn ctx() -> FileCtx<'static> {
    FileCtx {
        shown: "A1/Activities.csv",
        id_prefix: "A1/Activities.csv",
        source: 2,
    }
}

fn read_text(text: &str) -> Result<Batch, String> {
    crate::test_support::read_into(read, text, &ctx())
}

fn local(text: &str) -> StartTime {
    StartTime::Naive(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap())
}

const ENGLISH: &str =
    "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Moving Time,Elapsed Time\n";

#[test]
fn english_list_prefers_elapsed_time_and_keeps_the_sport_as_written() {
    let text = format!("{ENGLISH}Strength Training,2025-02-02 14:48:43,false,\"Gym\",\"0.00\",\"1,234\",\"00:45:00\",\"--\",\"00:40:00\",\"00:47:30\"\n");
    let b = read_text(&text).unwrap();
    let s = &b.sessions[0];
    assert_eq!(s.start, local("2025-02-02 14:48:43"));
    assert_eq!(s.duration_s, 2850.0);
    assert_eq!(s.sport, "Strength Training");
    assert_eq!(s.session_id, "A1/Activities.csv:1");
    assert_eq!(
        (s.athlete_id.as_str(), s.modality, s.line, s.source),
        ("", None, 2, 2)
    );
    assert!(b.notes.is_empty() && b.rejected.is_empty());
}

#[test]
fn missing_elapsed_time_falls_back_to_time_with_a_note() {
    let text = format!(
        "{ENGLISH}Running,2025-02-02 07:00:00,false,x,5,300,\"00:30:00\",--,\"00:29:00\",--\n"
    );
    let b = read_text(&text).unwrap();
    assert_eq!(b.sessions[0].duration_s, 1800.0);
    assert_eq!(b.notes[0].kind, "duration_fallback");
    assert_eq!(
        (b.notes[0].line, b.notes[0].session_id.as_str()),
        (2, "A1/Activities.csv:1")
    );
}

#[test]
fn rows_without_a_readable_date_or_duration_are_rejected_with_the_value() {
    let text = format!(
        "{ENGLISH}Running,2025-02-30 07:00:00,false,x,5,300,00:30:00,--,00:29:00,00:31:00\n\
         Running,2025-02-02 07:00:00,false,x,5,300,--,--,--,--\n\
         Running,2025-02-02 07:00:00,false,x,5,300,00:30:00,--,00:29:00,1:75:00\n\
         Running,2025-02-02 07:00:00,false,x,5\n"
    );
    let b = read_text(&text).unwrap();
    assert!(b.sessions.is_empty());
    let got: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "Date"),
            (3, "Elapsed Time"),
            (4, "Elapsed Time"),
            (5, "")
        ]
    );
    assert!(
        b.rejected[0].reason.contains("'2025-02-30 07:00:00'")
            && b.rejected[0].reason.contains("expected")
    );
    assert!(b.rejected[1].reason.contains("no duration"));
    assert!(b.rejected[2].reason.contains("'1:75:00'"));
}

#[test]
fn excel_resaved_us_dates_are_month_first() {
    let text = "Activity Type,Date,Favorite,Title,Distance,Calories,Time\n\
                Running,12/11/20 11:59,FALSE,x,3.01,352,0:30:48\n\
                Running,4/13/18 9:48,FALSE,x,3,281,0:34:14\n";
    let b = read_text(text).unwrap();
    assert_eq!(b.sessions[0].start, local("2020-12-11 11:59:00"));
    assert_eq!(b.sessions[1].start, local("2018-04-13 09:48:00"));
    assert_eq!(b.sessions[0].duration_s, 1848.0);
}

#[test]
fn slash_dates_turn_day_first_when_the_file_shows_it() {
    let text =
        "Activity Type,Date,Time\nRunning,31/10/20 08:00,0:30:00\nRunning,12/11/20 11:59,0:30:00\n";
    let b = read_text(text).unwrap();
    assert_eq!(b.sessions[1].start, local("2020-11-12 11:59:00"));
}

#[test]
fn german_2012_layout_is_found_under_its_title_line() {
    let text = "Aktivitäten von jemand\n \n Favorit,Aktivitätsname,Aktivitätstyp,Course,Start,Zeit,Distanz,\n \
                false,Lauf,Laufen,--,\"Fr, 25 Mai 2012 20:31\",1:05:11,\"10,20\",\n \
                false,Auslaufen,Laufen,--,\"Mi, 23 Mai 2012 19:25\",12:03,\"2,00\",\n ";
    assert!(sniff(text));
    let b = read_text(text).unwrap();
    let got: Vec<(u64, f64, &str)> = b
        .sessions
        .iter()
        .map(|s| (s.line, s.duration_s, s.session_id.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (4, 3911.0, "A1/Activities.csv:1"),
            (5, 723.0, "A1/Activities.csv:2")
        ]
    );
    assert_eq!(b.sessions[0].start, local("2012-05-25 20:31:00"));
    assert_eq!(b.sessions[0].sport, "Laufen");
    assert!(b.rejected.is_empty());
}

/// (header, strength name, endurance name) per language, elapsed time last.
const LANGUAGES: [(&str, &str, &str); 7] = [
    (
        "Activity Type,Date,Favorite,Title,Time,Moving Time,Elapsed Time",
        "Strength Training",
        "Running",
    ),
    (
        "Activiteittype,Datum,Favoriet,Titel,Tijd,Tijd bewogen,Verstreken tijd",
        "Krachttraining",
        "Hardlopen",
    ),
    (
        "Aktivitätstyp,Datum,Favorit,Titel,Zeit,Zeit in Bewegung,Verstrichene Zeit",
        "Krafttraining",
        "Laufen",
    ),
    (
        "Aktivitetstype,Dato,Favorit,Titel,Tid,Tid i bevægelse,Tidsforbrug",
        "Styrketræning",
        "Løb",
    ),
    (
        "Aktivitetstyp,Datum,Favorit,Namn,Tid,Färdtid,Total tid",
        "Styrketräning",
        "Löpning",
    ),
    (
        "Type d'activité,Date,Favori,Titre,Durée,Temps de déplacement,Temps écoulé",
        "Musculation",
        "Course à pied",
    ),
    (
        "Tipo de actividad,Fecha,Favorito,Título,Tiempo,Tiempo en movimiento,Tiempo transcurrido",
        "Entrenamiento de fuerza",
        "Carrera",
    ),
];

#[test]
fn every_supported_language_is_sniffed_and_read_with_elapsed_time() {
    let table = SportTable::defaults();
    for (header, strength, endurance) in LANGUAGES {
        let text = format!(
            "{header}\n{strength},2024-03-02 07:15:00,false,x,\"00:50:00\",\"00:45:00\",\"00:55:00\"\n\
             {endurance},2024-03-02 18:00:00,false,x,\"00:30:00\",\"00:29:00\",\"00:31:00\"\n"
        );
        assert!(sniff(&text), "{header}");
        let b = read_text(&text).unwrap();
        let got: Vec<(f64, &str)> = b
            .sessions
            .iter()
            .map(|s| (s.duration_s, s.sport.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(3300.0, strength), (1860.0, endurance)],
            "{header}"
        );
        assert_eq!(table.get(strength), Some(Modality::Strength), "{strength}");
        assert_eq!(
            table.get(endurance),
            Some(Modality::Endurance),
            "{endurance}"
        );
    }
}

#[test]
fn two_part_only_time_column_is_read_as_hours_minutes_with_a_note() {
    let text = "Aktivitetstype,Dato,Tid\nLøb,2025-11-01 10:19:32,1:02\nStyrketræning,2025-11-02 10:00:00,0:45\n";
    let b = read_text(text).unwrap();
    let got: Vec<f64> = b.sessions.iter().map(|s| s.duration_s).collect();
    assert_eq!(got, vec![3720.0, 2700.0]);
    assert_eq!(b.notes[0].kind, "duration_guessed");
    assert!(
        b.notes[0].detail.contains("hours:minutes"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn activity_id_column_gives_the_session_id_and_missing_sport_is_empty() {
    let text = "Activity ID,Activity Type,Date,Time\n12345678901,--,2024-03-02 07:15:00,00:10:00\n--,Cycling,2024-03-03 07:15:00,00:10:00\n";
    let b = read_text(text).unwrap();
    assert_eq!(
        (
            b.sessions[0].session_id.as_str(),
            b.sessions[0].sport.as_str()
        ),
        ("12345678901", "")
    );
    assert_eq!(b.sessions[1].session_id, "A1/Activities.csv:2");
}

#[test]
fn semicolon_lists_with_dotted_dates_and_windows_line_ends_are_read() {
    let text =
        "Aktivitätstyp;Datum;Zeit\r\nLaufen;02.03.2024 07:15;\"0:45:00\"\r\nLaufen;x;0:45:00\r\n";
    let b = read_text(text).unwrap();
    assert_eq!(b.sessions[0].start, local("2024-03-02 07:15:00"));
    assert_eq!(b.sessions[0].duration_s, 2700.0);
    assert_eq!(
        (b.rejected[0].line, b.rejected[0].column.as_str()),
        (3, "Datum")
    );
}

#[test]
fn sniffer_claims_no_other_format() {
    for other in [
        "athlete_id,start,duration_min,sport\nA1,2026-03-02 08:00,60,running\n",
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n1,\"Oct 6, 2022, 1:00:00 PM\",a,Run,60\n",
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n",
        "Title,WorkoutType,WorkoutDay,TimeTotalInHours\n",
        "Type,Local Number,Message,Field 1,Value 1,Units 1\n",
        "a\nb\nc\nActivity Type,Date,Time\n",
        "",
    ] {
        assert!(!sniff(other), "{other}");
    }
}

#[test]
fn file_without_a_duration_column_is_rejected_whole() {
    let e = read_text("Activity Type,Date,Title\nRunning,2024-03-02 07:15:00,x\n").unwrap_err();
    assert!(e.contains("duration"), "{e}");
}

#[test]
fn garbage_is_refused_without_panicking() {
    for text in ["", "\r", "\u{0}é,<\n\"\n"] {
        assert!(read_text(text).is_err(), "{text:?}");
    }
    let text = "Activity Type,Date,Time\n,,\u{0}\nx,9/99/99 99:99,99:99:99:99\nx,1/1/20 1:00,99999999:00\nx,\"1/1/20";
    let b = read_text(text).unwrap();
    assert_eq!((b.sessions.len(), b.rejected.len()), (0, 4));
}

#[test]
fn every_cut_off_prefix_is_read_or_refused_without_panicking() {
    let text = format!(
        "Aktivitäten\n \n Favorit,Aktivitätstyp,Start,Zeit,\n false,Laufen,\"Fr, 25 Mai 2012 20:31\",1:05:11,\n{ENGLISH}"
    );
    for (cut, _) in text.char_indices() {
        if let Ok(b) = read_text(&text[..cut]) {
            assert!(b.sessions.len() <= 1, "cut at {cut}");
        }
    }
}
