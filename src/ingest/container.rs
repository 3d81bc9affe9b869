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

/// Why an archive holding these member names is no training log, when it
/// is an Office document (a spreadsheet of sessions is common);
/// `mimetype` reads an OpenDocument package's member of that name.
fn office_document<'n>(
    mut names: impl Iterator<Item = &'n str>,
    mimetype: impl FnOnce() -> Option<Vec<u8>>,
) -> Option<&'static str> {
    let mut mimetype = Some(mimetype);
    names.find_map(|name| match name {
        "xl/workbook.xml" => Some("an Excel workbook, not a CSV; expected a sessions CSV: save the sheet as CSV (UTF-8) and give that file"),
        "content.xml" => Some(open_document(mimetype.take().and_then(|read| read()).as_deref())),
        "word/document.xml" | "ppt/presentation.xml" => Some(OFFICE_DOCUMENT),
        _ => None,
    })
}

const OFFICE_DOCUMENT: &str = "an Office document, not a training log; expected a sessions CSV or an export listed in the README";

/// Why an OpenDocument package is no training log, by the kind its
/// `mimetype` member names (ODF 1.2, part 3, section 3.3), if it has one.
fn open_document(mimetype: Option<&[u8]>) -> &'static str {
    const KIND: &[u8] = b"application/vnd.oasis.opendocument.";
    match mimetype.and_then(|kind| kind.strip_prefix(KIND)) {
        Some(kind) if kind.starts_with(b"spreadsheet") => "an OpenDocument spreadsheet, not a CSV; expected a sessions CSV: save the sheet as CSV (UTF-8) and give that file",
        Some(_) => OFFICE_DOCUMENT,
        None => "an OpenDocument file, not a CSV; expected a sessions CSV: if it is a sheet, save it as CSV (UTF-8) and give that file",
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
        // The kind's name is short: a few bytes read, whatever the member claims.
        let mimetype = || {
            let mut kind = Vec::new();
            let member = archive.by_name("mimetype").ok()?;
            member.take(128).read_to_end(&mut kind).ok()?;
            Some(kind)
        };
        if let Some(kind) = office_document(names_only, mimetype) {
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
mod tests;
