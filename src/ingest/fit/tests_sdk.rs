//! The FIT reader against the official Garmin FIT SDK (Python `garmin-fit-sdk`
//! 21.218): the expected values below were decoded by the SDK from the corpus
//! files and compared with this reader's output on every corpus file.

use super::tests_corpus::{corpus, read_file, start_parts};

/// A session as the Garmin FIT SDK (Python, 21.218) decodes it: start UTC,
/// believable local offset, total_elapsed_time, sport, sub_sport.
type SdkSession = (&'static str, Option<i32>, f64, &'static str, &'static str);

const SDK: [(&str, &[SdkSession]); 11] = [
    (
        "muktihari_fit__Activity.fit",
        &[(
            "2021-07-20T21:11:20Z",
            Some(-25200),
            3601.0,
            "stand_up_paddleboarding",
            "generic",
        )],
    ),
    (
        "muktihari_fit__activity_multisport.fit",
        &[
            (
                "2020-04-20T19:56:20Z",
                Some(-21600),
                55.353,
                "cycling",
                "mountain",
            ),
            (
                "2020-04-20T19:57:15Z",
                Some(-21600),
                21.519,
                "running",
                "trail",
            ),
        ],
    ),
    (
        "muktihari_fit__chained_Activity_activity_poolswim.fit",
        &[
            (
                "2021-07-20T21:11:20Z",
                Some(-25200),
                3601.0,
                "stand_up_paddleboarding",
                "generic",
            ),
            (
                "2021-07-20T21:11:20Z",
                Some(-25200),
                840.0,
                "swimming",
                "lap_swimming",
            ),
        ],
    ),
    (
        "jarkko_fit-analyzer__20555050352_ACTIVITY.fit",
        &[
            (
                "2025-10-01T09:10:26Z",
                Some(10800),
                586.131,
                "training",
                "strength_training",
            ),
            (
                "2025-10-01T09:21:51Z",
                Some(10800),
                1282.457,
                "running",
                "generic",
            ),
            (
                "2025-10-01T09:41:37Z",
                Some(10800),
                1183.76,
                "training",
                "strength_training",
            ),
        ],
    ),
    (
        "jarkko_fit-analyzer__20744294788_ACTIVITY.fit",
        &[
            (
                "2025-10-20T10:09:48Z",
                Some(10800),
                623.77,
                "cycling",
                "indoor_cycling",
            ),
            (
                "2025-10-20T10:21:30Z",
                Some(10800),
                3946.006,
                "training",
                "strength_training",
            ),
        ],
    ),
    (
        "dtcooper_python-fitparse__20170518-191602-1740899583.fit",
        &[(
            "2017-05-18T16:37:30Z",
            Some(3600),
            1707.308,
            "fitness_equipment",
            "indoor_rowing",
        )],
    ),
    (
        "dtcooper_python-fitparse__garmin-edge-820-bike.fit",
        &[(
            "2017-06-12T16:10:15Z",
            Some(-25200),
            64.524,
            "cycling",
            "commuting",
        )],
    ),
    (
        "GoldenCheetah_GoldenCheetah__FR55-loaded-and-saved-via-GC.fit",
        &[("2025-01-28T13:36:46Z", None, 588.0, "generic", "generic")],
    ),
    (
        "tormoder_fit__0134902991.fit",
        &[(
            "2021-03-04T12:04:26Z",
            None,
            720.318,
            "cycling",
            "indoor_cycling",
        )],
    ),
    (
        "muktihari_fit__HrmPluginTestActivity.fit",
        &[(
            "2022-08-29T18:31:22Z",
            Some(-21600),
            308.545,
            "walking",
            "generic",
        )],
    ),
    (
        "GoldenCheetah_GoldenCheetah__Move_2020_01_15_19_27_16_Running.fit",
        &[("2020-01-15T18:27:16Z", Some(3600), 1480.259, "running", "")],
    ),
];

#[test]
fn sessions_match_the_garmin_fit_sdk() {
    let Some(dir) = corpus() else { return };
    for (name, expected) in SDK {
        let (result, batch) = read_file(&dir.join(name));
        assert_eq!(result, Ok(()), "{name}");
        let got: Vec<(String, Option<i32>, f64, &str, &str)> = batch
            .sessions
            .iter()
            .map(|s| {
                let (utc_s, offset_s) = start_parts(&s.start);
                let start = chrono::DateTime::from_timestamp(utc_s, 0)
                    .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_default();
                let (sport, sub_sport) = (s.sport.as_str(), s.sub_sport.as_str());
                (start, offset_s, s.duration_s, sport, sub_sport)
            })
            .collect();
        let want: Vec<(String, Option<i32>, f64, &str, &str)> = expected
            .iter()
            .map(|&(start, offset_s, duration_s, sport, sub_sport)| {
                (start.to_string(), offset_s, duration_s, sport, sub_sport)
            })
            .collect();
        assert_eq!(got, want, "{name}");
    }
}
