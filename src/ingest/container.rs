//! `.zip` archives and `.gz` files, opened in memory (never unpacked to disk):
//! each member becomes a file of its own, shown as `archive.zip!member`.
//! What they unpack to counts against the file's [`Allowance`] of the
//! input limit as it grows, so an archive bomb is refused at the limit,
//! never unpacked whole.

use std::io::Read;

use super::bytes::Bytes;
use super::limits::Allowance;
use crate::model::byte_size;

/// One file to read: its bytes and how it is named.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    /// Name as shown to the user.
    pub(crate) shown: String,
    /// Prefix for derived session ids.
    pub(crate) id_prefix: String,
    /// The (uncompressed) content.
    pub(crate) bytes: Bytes,
}

/// A member that could not be opened, with why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Broken {
    /// Name as shown to the user.
    pub(crate) shown: String,
    /// What went wrong.
    pub(crate) reason: String,
}

/// Whether bytes are a zip archive.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Why the archive `zip` holding these member names is no training log,
/// when it is an Office document (a spreadsheet of sessions is common).
fn office_document<'n>(
    zip: &[u8],
    mut names: impl Iterator<Item = &'n str>,
) -> Option<&'static str> {
    names.find_map(|name| match name {
        "xl/workbook.xml" => Some("an Excel workbook, not a CSV; expected a sessions CSV: save the sheet as CSV (UTF-8) and give that file"),
        "content.xml" => Some(open_document(zip)),
        "word/document.xml" | "ppt/presentation.xml" => Some(OFFICE_DOCUMENT),
        _ => None,
    })
}

const OFFICE_DOCUMENT: &str = "an Office document, not a training log; expected a sessions CSV or an export listed in the README";

/// Why an OpenDocument package is no training log. The package names its
/// kind in its first member, `mimetype`, stored uncompressed right after
/// that member's 30-byte header and its 8-byte name (ODF 1.2, part 3,
/// section 3.3); a package that does not is taken for a sheet, the
/// likelier kind among logs.
fn open_document(zip: &[u8]) -> &'static str {
    const KIND: &[u8] = b"application/vnd.oasis.opendocument.";
    let named = zip.get(30..38) == Some(b"mimetype".as_slice());
    match zip.get(38..).filter(|_| named) {
        Some(kind) if kind.starts_with(KIND) && !kind[KIND.len()..].starts_with(b"spreadsheet") => {
            OFFICE_DOCUMENT
        }
        _ => "an OpenDocument spreadsheet, not a CSV; expected a sessions CSV: save the sheet as CSV (UTF-8) and give that file",
    }
}

/// Whether bytes are gzip-compressed.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Expands archives and compressed files (nested too) into plain members;
/// unpacked bytes are taken from the file's `allowance`.
pub(crate) fn expand(
    member: Member,
    allowance: &mut Allowance<'_>,
    out: &mut Vec<Member>,
    broken: &mut Vec<Broken>,
) {
    Expander {
        allowance,
        out,
        broken,
    }
    .expand(member, 0);
}

/// Where members and failures go, and what unpacking may still use.
struct Expander<'a, 'b> {
    allowance: &'a mut Allowance<'b>,
    out: &'a mut Vec<Member>,
    broken: &'a mut Vec<Broken>,
}

impl Expander<'_, '_> {
    fn expand(&mut self, member: Member, depth: u8) {
        let (out, broken) = (&mut *self.out, &mut *self.broken);
        if depth > 3 {
            broken.push(Broken {
                shown: member.shown,
                reason: "archives nested more than 3 deep; expected at most 3 (an archive bomb?)"
                    .into(),
            });
        } else if is_gzip(&member.bytes) {
            let decoder = flate2::read::MultiGzDecoder::new(&member.bytes[..]);
            match self.unpack(decoder, "gzip data") {
                Ok(bytes) => {
                    let strip = |s: &str| s.strip_suffix(".gz").unwrap_or(s).to_string();
                    let inner = Member {
                        shown: member.shown.clone(),
                        id_prefix: strip(&member.id_prefix),
                        bytes: bytes.into(),
                    };
                    self.expand(inner, depth + 1);
                }
                Err(reason) => self.broken.push(Broken {
                    shown: member.shown,
                    reason,
                }),
            }
        } else if is_zip(&member.bytes) {
            self.unzip(&member, depth);
        } else {
            out.push(member);
        }
    }

    /// Unpacks a stream while the allowance lasts: reading stops one byte
    /// past what is left, so a bomb never grows beyond the limit in memory.
    fn unpack(&mut self, reader: impl Read, what: &str) -> Result<Vec<u8>, String> {
        let left = self.allowance.left();
        let mut bytes = Vec::new();
        reader
            .take(left.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| format!("broken {what}: {e}"))?;
        if bytes.len() as u64 > left {
            return Err(format!(
                "unpacks to more than {}, what is left of {}; not read (an archive bomb?)",
                byte_size(left),
                self.allowance.limit().describe()
            ));
        }
        self.allowance.take(bytes.len() as u64, "unpacking")?;
        Ok(bytes)
    }

    fn unzip(&mut self, member: &Member, depth: u8) {
        let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(&member.bytes[..])) {
            Ok(a) => a,
            Err(e) => {
                return self.broken.push(Broken {
                    shown: member.shown.clone(),
                    reason: format!("broken zip archive: {e}; expected a readable .zip"),
                })
            }
        };
        let mut names: Vec<(String, usize)> = Vec::new();
        for i in 0..archive.len() {
            let entry = match archive.by_index_raw(i) {
                Ok(entry) => entry,
                Err(e) => {
                    self.broken.push(Broken {
                        shown: format!("{}!#{}", member.shown, i + 1),
                        reason: format!("archive entry {} is unreadable: {e}", i + 1),
                    });
                    continue;
                }
            };
            let name = match entry.name() {
                Ok(name) => name.into_owned(),
                Err(e) => {
                    self.broken.push(Broken {
                        shown: format!("{}!#{}", member.shown, i + 1),
                        reason: format!("archive entry {} has an unreadable name: {e}", i + 1),
                    });
                    continue;
                }
            };
            let hidden = name
                .split('/')
                .any(|p| p.starts_with('.') || p == "__MACOSX");
            if entry.is_file() && !hidden {
                names.push((name, i));
            }
        }
        names.sort();
        // An Office document is a zip too: one reason for the file, not one
        // per XML part.
        let names_only = names.iter().map(|(name, _)| name.as_str());
        if let Some(kind) = office_document(&member.bytes, names_only) {
            return self.broken.push(Broken {
                shown: member.shown.clone(),
                reason: kind.into(),
            });
        }
        for (name, i) in names {
            let shown = format!("{}!{name}", member.shown);
            let id_prefix = format!("{}!{name}", member.id_prefix);
            let read = match archive.by_index(i) {
                Ok(entry) => self.unpack(entry, "zip member"),
                Err(e) => Err(format!(
                    "cannot unpack from the archive: {e}; expected a readable zip member"
                )),
            };
            match read {
                Ok(bytes) => self.expand(
                    Member {
                        shown,
                        id_prefix,
                        bytes: bytes.into(),
                    },
                    depth + 1,
                ),
                Err(reason) => self.broken.push(Broken { shown, reason }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
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

    /// An OpenDocument package of `kind`, its `mimetype` first and stored.
    fn open_document_package(kind: &str) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
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
            member("log.ods", open_document_package("spreadsheet")),
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
        let (_, broken) = expand_all(member("notes.odt", open_document_package("text")), 10_000);
        assert_eq!(broken.len(), 1);
        assert!(
            broken[0].reason.contains("not a training log"),
            "{}",
            broken[0].reason
        );
        assert!(!broken[0].reason.contains("sheet"));
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
}
