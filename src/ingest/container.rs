//! `.zip` archives and `.gz` files, opened in memory (never unpacked to disk):
//! each member becomes a file of its own, shown as `archive.zip!member`.

use std::io::Read;

/// Largest member concur unpacks, against archive bombs.
const MAX_MEMBER_BYTES: u64 = 1 << 30;

/// One file to read: its bytes and how it is named.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Name as shown to the user.
    pub shown: String,
    /// Prefix for derived session ids.
    pub id_prefix: String,
    /// The (uncompressed) content.
    pub bytes: Vec<u8>,
}

/// A member that could not be opened, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    /// Name as shown to the user.
    pub shown: String,
    /// What went wrong.
    pub reason: String,
}

/// Whether bytes are a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether bytes are gzip-compressed.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Expands archives and compressed files (nested too) into plain members.
pub fn expand(member: Member, out: &mut Vec<Member>, broken: &mut Vec<Broken>) {
    expand_depth(member, out, broken, 0);
}

fn expand_depth(member: Member, out: &mut Vec<Member>, broken: &mut Vec<Broken>, depth: u8) {
    if depth > 3 {
        broken.push(Broken {
            shown: member.shown,
            reason: "archives nested more than 3 deep".into(),
        });
    } else if is_gzip(&member.bytes) {
        match gunzip(&member.bytes) {
            Ok(bytes) => {
                let strip = |s: &str| s.strip_suffix(".gz").unwrap_or(s).to_string();
                let inner = Member {
                    shown: member.shown.clone(),
                    id_prefix: strip(&member.id_prefix),
                    bytes,
                };
                expand_depth(inner, out, broken, depth + 1);
            }
            Err(reason) => broken.push(Broken {
                shown: member.shown,
                reason,
            }),
        }
    } else if is_zip(&member.bytes) {
        unzip(&member, out, broken, depth);
    } else {
        out.push(member);
    }
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_MEMBER_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("broken gzip data: {e}"))?;
    if out.len() as u64 > MAX_MEMBER_BYTES {
        return Err("unpacks to more than 1 GiB; not read".into());
    }
    Ok(out)
}

fn unzip(member: &Member, out: &mut Vec<Member>, broken: &mut Vec<Broken>, depth: u8) {
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(&member.bytes)) {
        Ok(a) => a,
        Err(e) => {
            return broken.push(Broken {
                shown: member.shown.clone(),
                reason: format!("broken zip archive: {e}"),
            })
        }
    };
    let mut names: Vec<(String, usize)> = (0..archive.len())
        .filter_map(|i| {
            let entry = archive.by_index_raw(i).ok()?;
            let name = entry.name().ok()?.into_owned();
            let hidden = name
                .split('/')
                .any(|p| p.starts_with('.') || p == "__MACOSX");
            (entry.is_file() && !hidden).then_some((name, i))
        })
        .collect();
    names.sort();
    for (name, i) in names {
        let shown = format!("{}!{name}", member.shown);
        let id_prefix = format!("{}!{name}", member.id_prefix);
        let mut bytes = Vec::new();
        let read = archive
            .by_index(i)
            .map_err(|e| e.to_string())
            .and_then(|entry| {
                entry
                    .take(MAX_MEMBER_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| e.to_string())
            });
        match read {
            Ok(n) if n as u64 > MAX_MEMBER_BYTES => broken.push(Broken {
                shown,
                reason: "unpacks to more than 1 GiB; not read".into(),
            }),
            Ok(_) => expand_depth(
                Member {
                    shown,
                    id_prefix,
                    bytes,
                },
                out,
                broken,
                depth + 1,
            ),
            Err(e) => broken.push(Broken {
                shown,
                reason: format!("cannot unpack from the archive: {e}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn member(name: &str, bytes: Vec<u8>) -> Member {
        Member {
            shown: name.into(),
            id_prefix: name.into(),
            bytes,
        }
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gzip_file_is_unpacked_and_keeps_its_name_without_gz() {
        let (mut out, mut broken) = (Vec::new(), Vec::new());
        expand(member("a.csv.gz", gz(b"x,y\n")), &mut out, &mut broken);
        assert_eq!(
            out,
            vec![Member {
                shown: "a.csv.gz".into(),
                id_prefix: "a.csv".into(),
                bytes: b"x,y\n".to_vec()
            }]
        );
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
        let (mut out, mut broken) = (Vec::new(), Vec::new());
        expand(member("x.zip", buf.into_inner()), &mut out, &mut broken);
        let names: Vec<&str> = out.iter().map(|m| m.shown.as_str()).collect();
        assert_eq!(names, vec!["x.zip!a.csv", "x.zip!b/2.csv.gz"]);
        assert_eq!(out[1].bytes, b"two");
        assert!(broken.is_empty());
    }

    #[test]
    fn truncated_gzip_is_broken_not_a_panic() {
        let mut data = gz(b"hello world, hello world");
        data.truncate(12);
        let (mut out, mut broken) = (Vec::new(), Vec::new());
        expand(member("t.gz", data), &mut out, &mut broken);
        assert!(out.is_empty());
        assert!(broken[0].reason.contains("gzip"));
    }
}
