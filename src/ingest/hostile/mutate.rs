//! Damage done to a valid file: cuts, flipped bits, overwritten bytes,
//! splices with another file, inserted troublemakers, repeated and deleted
//! chunks, and plain random bytes. Each mutation describes itself, so a
//! failure names exactly what was done to which file.

use super::Rng;

/// Byte strings that trip parsers: quotes, line ends, NUL, byte-order marks,
/// delimiters, magic numbers, all-ones integers, and a run longer than the
/// CSV row limit.
fn token(rng: &mut Rng) -> (Vec<u8>, &'static str) {
    let tokens: [(&[u8], &str); 15] = [
        (b"\"", "quote"),
        (b"\r", "CR"),
        (b"\n", "LF"),
        (b"\0", "NUL"),
        (b"\xFF\xFE", "UTF-16 BOM"),
        (b"\xEF\xBB\xBF", "UTF-8 BOM"),
        (b";", "semicolon"),
        (b",", "comma"),
        (b"\t", "tab"),
        (b"\x1F\x8B\x08\0", "gzip magic"),
        (b"PK\x03\x04", "zip magic"),
        (b"PAR1", "Parquet magic"),
        (b"\x0E\x20\x00\x00\xFF\xFF\xFF\x7F.FIT", "FIT header"),
        (b"\xFF\xFF\xFF\xFF", "all ones"),
        (b"\xC3", "cut UTF-8"),
    ];
    if rng.below(20) == 0 {
        return (vec![b'x'; 70_000], "70000 x");
    }
    let (bytes, name) = tokens[rng.below(tokens.len())];
    (bytes.to_vec(), name)
}

/// Applies one random mutation to `bytes` (`other` is a second file to
/// splice with); returns the damaged bytes and what was done.
pub(super) fn mutate(rng: &mut Rng, bytes: &[u8], other: &[u8]) -> (Vec<u8>, String) {
    let len = bytes.len();
    let at = rng.below(len + 1);
    match rng.below(8) {
        0 => (bytes[..at].to_vec(), format!("cut at {at}")),
        1 => {
            let mut out = bytes.to_vec();
            let n = 1 + rng.below(8);
            for _ in 0..n {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] ^= 1 << rng.below(8);
                }
            }
            (out, format!("{n} bits flipped"))
        }
        2 => {
            let mut out = bytes.to_vec();
            let n = 1 + rng.below(16);
            for _ in 0..n {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] = rng.next_u64() as u8;
                }
            }
            (out, format!("{n} bytes overwritten"))
        }
        3 => {
            let from = rng.below(other.len() + 1);
            let mut out = bytes[..at].to_vec();
            out.extend_from_slice(&other[from..]);
            (out, format!("first {at} bytes + other file from {from}"))
        }
        4 => {
            let (token, name) = token(rng);
            let mut out = bytes[..at].to_vec();
            out.extend_from_slice(&token);
            out.extend_from_slice(&bytes[at..]);
            (out, format!("{name} inserted at {at}"))
        }
        5 => {
            let chunk = 1 + rng.below(64.min(len.max(1)));
            let end = (at + chunk).min(len);
            let times = 2 + rng.below(200);
            let mut out = bytes[..end].to_vec();
            for _ in 1..times {
                out.extend_from_slice(&bytes[at..end]);
            }
            out.extend_from_slice(&bytes[end..]);
            (out, format!("bytes {at}..{end} repeated {times} times"))
        }
        6 => {
            let end = (at + 1 + rng.below(64)).min(len);
            let mut out = bytes[..at].to_vec();
            out.extend_from_slice(&bytes[end..]);
            (out, format!("bytes {at}..{end} deleted"))
        }
        _ => {
            let n = rng.below(4096);
            let mut out = bytes[..at.min(16)].to_vec();
            out.extend(rng.bytes(n));
            (
                out,
                format!("first {} bytes + {n} random bytes", at.min(16)),
            )
        }
    }
}

/// One to three mutations in a row.
pub(super) fn mutate_some(rng: &mut Rng, bytes: &[u8], other: &[u8]) -> (Vec<u8>, String) {
    let (mut out, mut what) = mutate(rng, bytes, other);
    for _ in 0..rng.below(3) {
        let (next, step) = mutate(rng, &out, other);
        out = next;
        what = format!("{what}, then {step}");
    }
    (out, what)
}

/// A line of printable garbage without quotes or line ends (it may hold
/// delimiters): a bad row that must cost no other row.
pub(super) fn garbage_line(rng: &mut Rng) -> String {
    let alphabet = b"abcXYZ019 ,;\t:-+./\\{}[]<>#*@!%&$=_|~'";
    let n = 1 + rng.below(120);
    (0..n)
        .map(|_| alphabet[rng.below(alphabet.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_are_repeatable_from_the_seed() {
        let run = || {
            let mut rng = Rng::new(7);
            (0..50)
                .map(|_| mutate_some(&mut rng, b"athlete_id,start\nA,2026", b"other"))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn mutations_of_empty_input_do_not_fail() {
        let mut rng = Rng::new(1);
        for _ in 0..200 {
            mutate_some(&mut rng, b"", b"");
        }
    }
}
