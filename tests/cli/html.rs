//! report.html as a user gets it: written by default, self-contained, one
//! per group with `--group-reports` naming no other group, the same bytes
//! from the same input, names on request, a cap on drill-downs that says
//! what it left out; and (`browser`) the page in a real browser.

use super::*;

#[path = "browser.rs"]
mod browser;

/// Athlete ids of the tiny season by group.
const MEMBERS: [(&str, &str); 4] = [
    ("A1", "endurance"),
    ("A2", "sprint"),
    ("A3", "masters"),
    ("A4", "unassigned"),
];

#[test]
fn default_run_writes_a_self_contained_report_html() {
    let (_tmp, input, out) = season();
    audit(&input, &out).assert().success();
    let html = read(&out, "report.html");
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(
        html.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
    );
    // Nothing is fetched: no external script, style, image, font or frame
    // (an SVG's namespace is a name, not an address).
    let html_without_namespaces = html.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
    for fetch in [
        "src=", "<link", "url(", "@import", "http://", "https://", "<iframe",
    ] {
        assert!(
            !html_without_namespaces.contains(fetch),
            "report.html holds '{fetch}'"
        );
    }
    for group in ["endurance", "sprint", "masters", "unassigned"] {
        assert!(
            html.contains(&format!(r#"data-group="{group}""#)),
            "{group}"
        );
    }
    // Every athlete has a drill-down with its timeline.
    for (id, _) in MEMBERS {
        assert!(html.contains(&format!(r#"data-athlete="{id}""#)), "{id}");
        assert!(html.contains(&format!("Timeline of athlete {id},")), "{id}");
    }
    assert!(html.contains("it does not predict injury"));
    assert!(html.contains("Flags of A1"));
}

#[test]
fn html_alone_writes_no_other_file() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .args(["--format", "html", "--quiet"])
        .assert()
        .success();
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(names, ["report.html"]);
}

#[test]
fn group_html_reports_name_only_their_group() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .args(["--format", "html", "--group-reports"])
        .assert()
        .success();
    for (id, group) in MEMBERS {
        let html = read(&out, &format!("report-{group}.html"));
        assert!(html.contains(&format!(r#"data-athlete="{id}""#)), "{group}");
        for (other, other_group) in MEMBERS.iter().filter(|(o, _)| *o != id) {
            assert!(
                !html.contains(&format!(">{other}<")) && !html.contains(&format!("\"{other}\"")),
                "report-{group}.html names {other}"
            );
            assert!(
                !html.contains(&format!("data-group=\"{other_group}\"")),
                "report-{group}.html has a section of {other_group}"
            );
        }
        assert!(
            !html.contains("season"),
            "report-{group}.html shows an input path"
        );
    }
}

#[test]
fn a_group_report_counts_its_roster_athletes_without_sessions() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    write(
        &input,
        "roster.csv",
        "athlete_id,group,status\nA1,g1,trained\nA3,g1,trained\nB1,g2,trained\n",
    );
    write(&input, "log.csv", "athlete_id,start,duration_min,modality\nA1,2026-03-02T08:00,60,strength\nB1,2026-03-02T08:00,60,strength\n");
    let out = tmp.path().join("out");
    audit(&input, &out)
        .args(["--format", "html", "--group-reports"])
        .assert()
        .success();
    let observations = |html: &str| html.contains("<td>no_sessions</td>");
    assert!(observations(&read(&out, "report-g1.html")));
    assert!(!observations(&read(&out, "report-g2.html")));
    // Under pseudonyms too: the athletes without sessions get theirs.
    audit(&input, &out)
        .args(["--format", "html", "--group-reports", "--pseudonymize"])
        .env("CONCUR_PSEUDONYM_KEY", "0123456789abcdef0123456789abcdef")
        .assert()
        .success();
    assert!(observations(&read(&out, "report-g1.html")));
    assert!(!read(&out, "report-g1.html").contains("A3"));
}

#[test]
fn same_input_and_source_date_epoch_give_the_same_html() {
    let (tmp, input, out) = season();
    let second = tmp.path().join("second");
    for dir in [&out, &second] {
        audit(&input, dir)
            .args(["--format", "html"])
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .assert()
            .success();
    }
    let html = read(&out, "report.html");
    assert_eq!(html, read(&second, "report.html"));
    assert!(html.contains("2026-01-01 00:00 UTC"));
}

#[test]
fn names_show_beside_ids_only_when_asked() {
    let (tmp, input, out) = season();
    let roster = "athlete_id,group,status,name\nA1,endurance,trained,Anna Berg\n";
    write(&input, "roster.csv", roster);
    audit(&input, &out)
        .args(["--format", "html"])
        .assert()
        .success();
    assert!(!read(&out, "report.html").contains("Anna Berg"));
    let named = tmp.path().join("named");
    audit(&input, &named)
        .args(["--format", "html", "--names"])
        .assert()
        .success();
    assert!(read(&named, "report.html").contains("A1 (Anna Berg)"));
}

#[test]
fn drill_downs_past_the_cap_are_left_out_and_said_so() {
    let (_tmp, input, out) = season();
    write(
        &input,
        "more.csv",
        "athlete_id,start,duration_min,modality\nA5,2026-03-02T08:00,60,strength\n\
         A6,2026-03-02T08:00,60,strength\nA7,2026-03-02T08:00,60,strength\n",
    );
    audit(&input, &out)
        .args(["--format", "html", "--html-athletes", "1"])
        .assert()
        .success();
    let html = read(&out, "report.html");
    // unassigned: A4, A5, A6, A7; one drill-down, three left out.
    assert!(
        html.contains("the other 3 are in the table above"),
        "no word on the cap"
    );
    // Only HTML was asked for: the page says how to get the tables it names.
    assert!(
        html.contains(
            "in athletes.csv (written with --format csv) and flags.csv (written with --format csv)"
        ),
        "no pointer to the CSVs"
    );
    let drilled = ["A4", "A5", "A6", "A7"]
        .iter()
        .filter(|id| html.contains(&format!(r#"data-athlete="{id}""#)))
        .count();
    assert_eq!(drilled, 1);
}

#[test]
fn each_flag_shows_its_sessions_local_starts_and_modalities_as_flags_csv_has_them() {
    let (_tmp, out) = sample_report("csv,html");
    // flags.csv's `2026-01-05T08:00+01:00` is shown `Mon 2026-01-05 08:00`,
    // a bare date `Mon 2026-01-05 (no time)`; the weekday is left aside.
    let shown = |start: &str, modality: &str| -> String {
        if start.is_empty() {
            return "-".to_string();
        }
        let when = match start.split_once('T') {
            Some((date, time)) => format!("{date} {}", &time[..5]),
            None => format!("{start} (no time)"),
        };
        format!("{when} {modality}")
    };
    let mut expected: Vec<[String; 4]> = table(&out, "flags.csv")
        .into_iter()
        .map(|r| {
            [
                r["athlete_id"].clone(),
                r["rule"].clone(),
                shown(&r["first_start_local"], &r["first_modality"]),
                shown(&r["second_start_local"], &r["second_modality"]),
            ]
        })
        .collect();
    let without_weekday = |cell: &str| {
        cell.split_once(' ')
            .map_or("-", |(_, rest)| rest)
            .to_string()
    };
    let mut seen: Vec<[String; 4]> = flag_rows(&read(&out, "report.html"))
        .into_iter()
        .map(|(athlete, cells)| {
            [
                athlete,
                cells[0].clone(),
                without_weekday(&cells[2]),
                without_weekday(&cells[3]),
            ]
        })
        .collect();
    expected.sort();
    seen.sort();
    assert!(!seen.is_empty());
    assert_eq!(seen, expected);
}

/// The cells of each row of each flag list of a page: (athlete, cells).
fn flag_rows(html: &str) -> Vec<(String, Vec<String>)> {
    let strip = |cell: &str| {
        let mut text = String::new();
        let mut in_tag = false;
        for c in cell.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text
    };
    let mut rows = Vec::new();
    for drill in html.split("<details ").skip(1) {
        let athlete = drill.split("data-athlete=\"").nth(1).unwrap_or("");
        let athlete = athlete[..athlete.find('"').unwrap_or(0)].to_string();
        let Some(table) = drill.split("<tbody>").nth(1) else {
            continue;
        };
        let table = &table[..table.find("</tbody>").unwrap_or(table.len())];
        for row in table.split("<tr ").skip(1) {
            let cells = row
                .split("<td")
                .skip(1)
                .map(|c| strip(&format!("<td{c}")))
                .collect();
            rows.push((athlete.clone(), cells));
        }
    }
    rows
}

#[test]
fn each_flag_shows_its_weeks_load_and_acwr_as_load_weekly_csv_has_them() {
    let (_tmp, out) = sample_report("csv,html");
    let whole = |text: &str| -> String {
        text.parse::<f64>().map_or("-".to_string(), |v| {
            format!("{}", v.abs().round() * v.signum())
        })
    };
    let weeks: std::collections::HashMap<_, _> = table(&out, "load_weekly.csv")
        .into_iter()
        .map(|r| {
            let acwr = match r["acwr"].as_str() {
                "" => "-".to_string(),
                acwr => acwr.to_string(),
            };
            let key = (r["athlete_id"].clone(), r["week"].clone());
            (key, (whole(&r["load_au"]), acwr))
        })
        .collect();
    let rows = flag_rows(&read(&out, "report.html"));
    let flags = fs::read_to_string(out.join("flags.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    assert_eq!(rows.len(), flags, "every flag of flags.csv has its row");
    for (athlete, cells) in rows {
        // rule, severity, first, second, gap, week, week load, ACWR
        let key = (athlete, cells[5].clone());
        let (load, acwr) = weeks
            .get(&key)
            .unwrap_or_else(|| panic!("{key:?} has no week"));
        assert_eq!((&cells[6], &cells[7]), (load, acwr), "{key:?}");
    }
}
