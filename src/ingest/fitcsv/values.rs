//! Values as FitCSVTool writes them: raw numbers or `-e` enum names, raw FIT
//! times or `-iso8601` times, all read into one form.

use chrono::{DateTime, NaiveDateTime};

/// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
pub(super) const FIT_EPOCH_UNIX_S: f64 = 631_065_600.0;

/// A FIT profile enum name (`training`) from a raw number or an `-e` name
/// (`TRAINING`); a number the profile lacks stays as written.
pub(super) fn profile_name<T: From<u8> + std::fmt::Display>(text: &str) -> String {
    match text.parse::<u8>() {
        Ok(n) => {
            let name = T::from(n).to_string();
            if name.starts_with("unknown_variant") {
                text.to_string()
            } else {
                name
            }
        }
        Err(_) => text.to_ascii_lowercase(),
    }
}

/// A finite number.
pub(super) fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A whole count >= 0 (FitCSVTool may write `15` or `15.0`).
pub(super) fn count(text: &str) -> Option<u32> {
    number(text)
        .filter(|v| *v >= 0.0 && v.fract() == 0.0 && *v <= f64::from(u32::MAX))
        .map(|v| v as u32)
}

/// A UTC `date_time` in FIT seconds: a raw number or RFC 3339 (`-iso8601`).
pub(super) fn fit_seconds(text: &str) -> Option<f64> {
    number(text).or_else(|| {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.timestamp_micros() as f64 / 1e6 - FIT_EPOCH_UNIX_S)
    })
}

/// A `local_date_time` in FIT seconds of wall-clock time: a raw number (as
/// `-iso8601` leaves it) or an ISO 8601 wall-clock reading.
pub(super) fn local_fit_seconds(text: &str) -> Option<f64> {
    let wall_clock =
        |t: NaiveDateTime| t.and_utc().timestamp_micros() as f64 / 1e6 - FIT_EPOCH_UNIX_S;
    number(text)
        .or_else(|| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|t| wall_clock(t.naive_local()))
        })
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(wall_clock)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitparser::profile::field_types::{File, Sport, SubSport};

    #[test]
    fn raw_and_named_enums_give_profile_names() {
        assert_eq!(profile_name::<Sport>("10"), "training");
        assert_eq!(profile_name::<Sport>("TRAINING"), "training");
        assert_eq!(profile_name::<SubSport>("20"), "strength_training");
        assert_eq!(
            profile_name::<SubSport>("STRENGTH_TRAINING"),
            "strength_training"
        );
        assert_eq!(profile_name::<Sport>("37"), "stand_up_paddleboarding");
        assert_eq!(profile_name::<File>("2"), "settings");
    }

    #[test]
    fn common_sport_and_sub_sport_numbers_have_their_profile_names() {
        let sports = [
            (0, "generic"),
            (1, "running"),
            (2, "cycling"),
            (3, "transition"),
            (4, "fitness_equipment"),
            (5, "swimming"),
            (10, "training"),
            (11, "walking"),
            (15, "rowing"),
            (17, "hiking"),
            (18, "multisport"),
            (62, "hiit"),
        ];
        for (n, name) in sports {
            assert_eq!(profile_name::<Sport>(&n.to_string()), name);
        }
        let sub_sports = [
            (0, "generic"),
            (1, "treadmill"),
            (2, "street"),
            (3, "trail"),
            (4, "track"),
            (5, "spin"),
            (6, "indoor_cycling"),
            (7, "road"),
            (8, "mountain"),
            (14, "indoor_rowing"),
            (15, "elliptical"),
            (16, "stair_climbing"),
            (17, "lap_swimming"),
            (18, "open_water"),
            (20, "strength_training"),
            (26, "cardio_training"),
            (43, "yoga"),
            (45, "indoor_running"),
            (58, "virtual_activity"),
        ];
        for (n, name) in sub_sports {
            assert_eq!(profile_name::<SubSport>(&n.to_string()), name);
        }
    }

    #[test]
    fn numbers_the_profile_lacks_stay_as_written() {
        assert_eq!(profile_name::<Sport>("200"), "200");
        assert_eq!(profile_name::<Sport>("999"), "999");
    }

    #[test]
    fn raw_and_iso_times_are_the_same_fit_seconds() {
        assert_eq!(fit_seconds("1129916646"), Some(1_129_916_646.0));
        assert_eq!(fit_seconds("2025-10-20T17:44:06Z"), Some(1_129_916_646.0));
        assert_eq!(
            local_fit_seconds("2025-10-20T20:44:06"),
            Some(1_129_927_446.0)
        );
        assert_eq!(fit_seconds("yesterday"), None);
    }

    #[test]
    fn counts_must_be_whole_and_not_negative() {
        assert_eq!(count("15"), Some(15));
        assert_eq!(count("15.0"), Some(15));
        assert_eq!(count("1.5"), None);
        assert_eq!(count("-1"), None);
        assert_eq!(count("NaN"), None);
    }
}
