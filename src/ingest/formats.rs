//! The input formats as one table: [`FORMATS`] lists them in the order
//! they are tried. Adding a format is one new module (a unit struct
//! implementing `format::Format`) and one line here (README, "Adding an
//! input format").
//!
//! A file is first offered to every format as bytes (binary formats
//! recognise their signature), then decoded to text (UTF-8, Windows-1252,
//! UTF-16) and offered again as text, most specific format first.

use super::format::{Content, Format};
use super::{
    canonical, fit, fitcsv, fitnotes, garmin, hevy, intervals, parquet, strava, strong,
    trainingpeaks,
};

/// The formats, in the order they are tried: binary ones first, then the
/// text formats from the most specific header to the most general (the
/// canonical CSV's two required columns also appear in other exports).
pub(super) const FORMATS: [&dyn Format; 11] = [
    &fit::Fit,
    &parquet::Parquet,
    &canonical::FORMAT,
    &fitcsv::FORMAT,
    &fitnotes::FORMAT,
    &intervals::FORMAT,
    &strava::FORMAT,
    &trainingpeaks::FORMAT,
    &garmin::FORMAT,
    &hevy::FORMAT,
    &strong::FORMAT,
];

/// The format that recognises `content`, if any.
pub(super) fn detect(content: Content<'_>) -> Option<&'static dyn Format> {
    FORMATS.into_iter().find(|f| f.sniff(content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_name() {
        let mut names: Vec<&str> = FORMATS.iter().map(|f| f.kind().as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FORMATS.len());
    }

    #[test]
    fn text_formats_refuse_bytes_and_binary_formats_refuse_text() {
        let csv = "athlete_id,start,duration_min\na,2026-03-02,30\n";
        assert_eq!(
            detect(Content::Bytes(csv.as_bytes())).map(|f| f.kind()),
            None
        );
        assert_eq!(
            detect(Content::Text(csv)).map(|f| f.kind()),
            Some(canonical::KIND)
        );
        assert_eq!(detect(Content::Text("PAR1")).map(|f| f.kind()), None);
        assert_eq!(
            detect(Content::Bytes(b"PAR1....")).map(|f| f.kind()),
            Some(parquet::KIND)
        );
    }
}
