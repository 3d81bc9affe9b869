//! Tests of archives, compressed files and Office documents.

use super::*;
use crate::config::{InputLimit, LimitSource};
use crate::ingest::limits::Budget;
use std::io::Write;

fn budget(bytes: u64) -> Budget {
    Budget::new(InputLimit {
        bytes,
        origin: LimitSource::Setting,
    })
}

fn expand_all(m: Member, limit: u64) -> (Vec<Member>, Vec<Broken>) {
    let (mut out, mut broken) = (Vec::new(), Vec::new());
    let budget = budget(limit);
    expand(
        m,
        &mut Allowance::new(&budget, limit),
        &mut out,
        &mut broken,
    );
    (out, broken)
}

fn member(name: &str, bytes: Vec<u8>) -> Member {
    Member {
        shown: name.into(),
        id_prefix: name.into(),
        bytes: bytes.into(),
    }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzip_file_is_unpacked_and_keeps_its_name_without_gz() {
    let (out, _) = expand_all(member("a.csv.gz", gz(b"x,y\n")), 1000);
    assert_eq!(
        out,
        vec![Member {
            shown: "a.csv.gz".into(),
            id_prefix: "a.csv".into(),
            bytes: b"x,y\n".to_vec().into()
        }]
    );
}

#[test]
fn an_excel_workbook_is_rejected_whole_with_what_to_give_instead() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for part in [
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
        ] {
            w.start_file(part, opts).unwrap();
            w.write_all(b"<?xml version=\"1.0\"?>").unwrap();
        }
        w.finish().unwrap();
    }
    let (out, broken) = expand_all(member("log.xlsx", buf.into_inner()), 10_000);
    assert!(out.is_empty());
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].shown, "log.xlsx");
    assert!(
        broken[0].reason.starts_with("an Excel workbook"),
        "{}",
        broken[0].reason
    );
    assert!(broken[0].reason.contains("save the sheet as CSV"));
}

/// An OpenDocument package of `kind`, its `mimetype` first and stored,
/// with an extra field in its header when `extra`.
fn open_document_package(kind: &str, extra: bool) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let mut stored = zip::write::FullFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        if extra {
            // An extended time stamp, as `zip -r` without `-X` adds.
            stored
                .add_extra_field(0x5455, [1, 0, 0, 0, 0], false)
                .unwrap();
        }
        w.start_file("mimetype", stored).unwrap();
        w.write_all(format!("application/vnd.oasis.opendocument.{kind}").as_bytes())
            .unwrap();
        let opts = zip::write::SimpleFileOptions::default();
        for part in ["META-INF/manifest.xml", "content.xml"] {
            w.start_file(part, opts).unwrap();
            w.write_all(b"<?xml version=\"1.0\"?>").unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn an_opendocument_sheet_is_rejected_with_what_to_give_instead() {
    let (_, broken) = expand_all(
        member("log.ods", open_document_package("spreadsheet", false)),
        10_000,
    );
    assert_eq!(broken.len(), 1);
    assert!(
        broken[0].reason.starts_with("an OpenDocument spreadsheet"),
        "{}",
        broken[0].reason
    );
    assert!(broken[0].reason.contains("save the sheet as CSV"));
}

#[test]
fn an_opendocument_text_is_rejected_as_no_training_log() {
    let (_, broken) = expand_all(
        member("notes.odt", open_document_package("text", false)),
        10_000,
    );
    assert_eq!(broken.len(), 1);
    assert!(
        broken[0].reason.contains("not a training log"),
        "{}",
        broken[0].reason
    );
    assert!(!broken[0].reason.contains("sheet"));
}

#[test]
fn an_opendocument_kind_is_read_past_an_extra_field() {
    let package = open_document_package("presentation", true);
    let (_, broken) = expand_all(member("talk.odp", package), 10_000);
    assert_eq!(broken[0].reason, OFFICE_DOCUMENT);
}

#[test]
fn an_opendocument_without_its_kind_may_be_a_sheet() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        w.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.finish().unwrap();
    }
    let (_, broken) = expand_all(member("log.ods", buf.into_inner()), 10_000);
    let reason = &broken[0].reason;
    assert!(reason.starts_with("an OpenDocument file"), "{reason}");
    assert!(reason.contains("if it is a sheet, save it as CSV"));
}

#[test]
fn zip_members_are_listed_in_name_order_with_archive_prefix() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        w.start_file("b/2.csv.gz", opts).unwrap();
        w.write_all(&gz(b"two")).unwrap();
        w.start_file("a.csv", opts).unwrap();
        w.write_all(b"one").unwrap();
        w.start_file("__MACOSX/a.csv", opts).unwrap();
        w.finish().unwrap();
    }
    let (out, broken) = expand_all(member("x.zip", buf.into_inner()), 1000);
    let names: Vec<&str> = out.iter().map(|m| m.shown.as_str()).collect();
    assert_eq!(names, vec!["x.zip!a.csv", "x.zip!b/2.csv.gz"]);
    assert_eq!(&*out[1].bytes, b"two");
    assert!(broken.is_empty());
}

#[test]
fn truncated_gzip_is_broken_not_a_panic() {
    let mut data = gz(b"hello world, hello world");
    data.truncate(12);
    let (out, broken) = expand_all(member("t.gz", data), 1000);
    assert!(out.is_empty());
    assert!(broken[0].reason.contains("gzip"));
}

/// 10 MB of zeros packs into ~10 KB; with 1 MB of budget left it is
/// refused at the limit, naming it, and the budget is not spent.
#[test]
fn gzip_bomb_is_refused_at_the_input_limit() {
    let bomb = gz(&vec![0u8; 10_000_000]);
    assert!(bomb.len() < 100_000);
    let limit = budget(1_000_000);
    let (mut out, mut broken) = (Vec::new(), Vec::new());
    let mut allowance = Allowance::new(&limit, 1_000_000);
    expand(
        member("bomb.csv.gz", bomb),
        &mut allowance,
        &mut out,
        &mut broken,
    );
    assert!(out.is_empty());
    assert_eq!(broken[0].shown, "bomb.csv.gz");
    let reason = &broken[0].reason;
    assert!(
        reason.starts_with("unpacks to more than 1.0 MB"),
        "{reason}"
    );
    assert!(
        reason.contains("input limit") && reason.contains("--max-input-gb"),
        "{reason}"
    );
    assert_eq!(limit.remaining(), 1_000_000);
    assert!(!limit.overflowed());
}

/// Members of a zip count together: the one that passes the limit is refused, the others read.
#[test]
fn zip_members_share_the_budget() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for name in ["a.csv", "b.csv", "c.csv"] {
            w.start_file(name, opts).unwrap();
            w.write_all(&[b'x'; 400]).unwrap();
        }
        w.finish().unwrap();
    }
    let (out, broken) = expand_all(member("x.zip", buf.into_inner()), 1000);
    let names: Vec<&str> = out.iter().map(|m| m.shown.as_str()).collect();
    assert_eq!(names, vec!["x.zip!a.csv", "x.zip!b.csv"]);
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].shown, "x.zip!c.csv");
    assert!(
        broken[0].reason.contains("unpacks to more than 200 bytes"),
        "{}",
        broken[0].reason
    );
}

#[test]
fn archives_nested_too_deep_are_refused() {
    let mut data = b"x".to_vec();
    for _ in 0..5 {
        data = gz(&data);
    }
    let (out, broken) = expand_all(member("deep.gz", data), 1000);
    assert!(out.is_empty());
    assert!(broken[0].reason.contains("nested more than 3 deep"));
}

/// Three files that each unpack 400 bytes, one bomb, 1000 bytes left:
/// what is refused and whether the run stops is the same on 1 and 2 threads.
#[test]
fn refusals_do_not_depend_on_threads() {
    use rayon::prelude::*;
    let run = |files: &[Member], threads: usize| {
        let limit = budget(1000);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let results: Vec<(Vec<String>, Vec<String>)> = pool.install(|| {
            files
                .par_iter()
                .map(|m| {
                    let (mut out, mut broken) = (Vec::new(), Vec::new());
                    expand(
                        m.clone(),
                        &mut Allowance::new(&limit, 1000),
                        &mut out,
                        &mut broken,
                    );
                    let out = out.into_iter().map(|m| m.shown).collect();
                    (out, broken.into_iter().map(|b| b.shown).collect())
                })
                .collect()
        });
        (results, limit.overflowed())
    };
    let bomb = member("bomb.gz", gz(&[0u8; 5000]));
    let file = |n: usize| member(&format!("{n}.gz"), gz(&[b'x'; 400]));
    let fitting = vec![file(1), bomb.clone(), file(2)];
    let (one, over) = run(&fitting, 1);
    assert!(!over);
    assert_eq!(one[1].1, ["bomb.gz"], "the bomb alone is refused");
    for _ in 0..20 {
        assert_eq!(run(&fitting, 2), (one.clone(), false));
    }
    let too_many = vec![file(1), bomb, file(2), file(3)];
    for threads in [1, 2, 1, 2] {
        assert!(
            run(&too_many, threads).1,
            "1200 bytes in all must stop the run"
        );
    }
}
