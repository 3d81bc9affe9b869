//! The sample's report.html and one group's report in headless Chromium
//! (`tests/browser/check.mjs`, driven by playwright-core, with axe-core):
//! console errors, requests, links, sideways scroll on a 375 px phone,
//! every group and flagged athlete with its section and timeline,
//! accessibility, sorting. Needs Node.js, `npm ci` in tests/browser and
//! Chromium (`/usr/bin/chromium` or `CHROMIUM`); without them the test
//! skips with a message, unless `CONCUR_REQUIRE_BROWSER` is set (as
//! `.ci/run` sets it), when it fails. `CONCUR_BROWSER_SHOTS=<dir>` keeps
//! screenshots to look at.

use super::*;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Why the browser check cannot run here, if it cannot.
fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        return Some(format!("no Chromium at {chromium} (apt install chromium)"));
    }
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("no Node.js (node) on the PATH".into());
    }
    for package in ["playwright-core", "axe-core"] {
        if !browser_dir().join("node_modules").join(package).is_dir() {
            return Some(format!("no {package}: run `npm ci` in tests/browser"));
        }
    }
    None
}

/// Groups of summary.csv and (group, athlete) of flags.csv, as check.mjs reads them.
fn expectations(out: &Path, group: Option<&str>) -> String {
    let mut groups: Vec<String> = csv::Reader::from_path(out.join("summary.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .filter(|g| g != "ALL" && group.is_none_or(|only| g == only))
        .collect();
    groups.sort();
    let mut flags = csv::Reader::from_path(out.join("flags.csv")).unwrap();
    let headers = flags.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (g, a) = (column("group"), column("athlete_id"));
    let mut flagged: Vec<(String, String)> = flags
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[g].to_string(), r[a].to_string())
        })
        .filter(|(g, _)| group.is_none_or(|only| g == only))
        .collect();
    flagged.sort();
    flagged.dedup();
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    format!(
        "{{\"groups\":[{}],\"flagged\":[{}]}}",
        groups
            .iter()
            .map(|g| quote(g))
            .collect::<Vec<_>>()
            .join(","),
        flagged
            .iter()
            .map(|(g, a)| format!("[{},{}]", quote(g), quote(a)))
            .collect::<Vec<_>>()
            .join(",")
    )
}

fn check(report: &Path, expect: &str, dir: &Path) {
    let expect_path = dir.join(format!(
        "{}.expect.json",
        report.file_stem().unwrap().to_string_lossy()
    ));
    fs::write(&expect_path, expect).unwrap();
    let mut node = std::process::Command::new("node");
    node.current_dir(browser_dir())
        .arg("check.mjs")
        .arg(report)
        .arg(&expect_path);
    if let Ok(shots) = std::env::var("CONCUR_BROWSER_SHOTS") {
        fs::create_dir_all(&shots).unwrap();
        node.arg(shots);
    }
    let run = node.output().unwrap();
    let said =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "{} failed in Chromium:\n{said}",
        report.display()
    );
    eprintln!("{said}");
}

#[test]
fn sample_report_html_works_in_chromium_on_desktop_and_phone() {
    if let Some(why) = missing() {
        assert!(
            std::env::var_os("CONCUR_REQUIRE_BROWSER").is_none(),
            "the browser test cannot run: {why}"
        );
        eprintln!("skipping the browser test of report.html: {why}");
        return;
    }
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("sample");
    audit(sample_dir(), &out)
        .args(["--format", "csv,html", "--group-reports", "--quiet"])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .assert()
        .success();
    check(
        &out.join("report.html"),
        &expectations(&out, None),
        tmp.path(),
    );
    check(
        &out.join("report-sprinters.html"),
        &expectations(&out, Some("sprinters")),
        tmp.path(),
    );
}
