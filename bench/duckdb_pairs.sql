-- The concurrent pairs of RULES.md section 4 in DuckDB SQL: the peer that
-- bench/run.sh times against `concur audit`. bench/duckdb_pairs.py fills in
-- @SESSIONS@ (a list of the group CSVs) and @ROSTER@ (roster.csv) and prints
-- the result of the last query: pairs per category, in scope and exempt.
--
-- Scope of the peer: it reads what `concur generate` writes (canonical CSVs
-- with one athlete per file set, unique session ids, a duration_min column)
-- and computes only the pair counts, nothing of the reports. Things concur
-- does that the generator never exercises are left out on purpose:
-- rejected rows, duplicate session ids, the same activity from two sources
-- (needs two files per athlete), end/duration_s columns, planned workouts.
--
-- Fairness: every join is a hash join on (athlete, bucket), never an
-- all-pairs join per athlete. A timed session A can only pair with a B that
-- starts in [A.start, A.end + 24 h), so A is joined with the sessions in the
-- day buckets that interval touches (usually two); date-only pairs join on
-- (athlete, local date).

SET VARIABLE day_us = 86400 * 1000000::BIGINT;
SET VARIABLE preferred_us = 24 * 3600 * 1000000::BIGINT;  -- preferred_gap_h
SET VARIABLE min_us = 6 * 3600 * 1000000::BIGINT;         -- min_gap_h
SET VARIABLE power_min_us = 24 * 3600 * 1000000::BIGINT;  -- power_min_gap_h
SET VARIABLE same_session_us = 20 * 60 * 1000000::BIGINT; -- same_session_max_gap_min
SET VARIABLE warmup_max_us = 15 * 60 * 1000000::BIGINT;   -- warmup_max_min

-- RULES.md section 7 for the names the generator writes (and a few common
-- spellings); keys are normalised like concur's normalize_sport: lower case
-- without spaces, hyphens and underscores. Names not listed count as unknown,
-- so the other sport name, else `other`, decides.
CREATE TEMP TABLE sport_map AS
SELECT * FROM (VALUES
    ('strengthtraining', 'strength'), ('weighttraining', 'strength'), ('strength', 'strength'),
    ('running', 'endurance'), ('cycling', 'endurance'), ('swimming', 'endurance'),
    ('rowing', 'endurance'), ('indoorrowing', 'endurance'), ('indoorcycling', 'endurance'),
    ('lapswimming', 'endurance'), ('road', 'endurance'), ('trail', 'endurance'),
    ('run', 'endurance'), ('bike', 'endurance'), ('swim', 'endurance'), ('ride', 'endurance'),
    ('hiit', 'mixed'), ('cardiotraining', 'mixed'), ('crossfit', 'mixed'),
    ('training', 'other'), ('walking', 'other'), ('yoga', 'other'),
    ('fitnessequipment', 'other'), ('workout', 'other')
) AS t(name, modality);

CREATE TEMP TABLE roster AS
SELECT athlete_id,
       lower(trim(status)) AS status,
       coalesce(lower(trim(power_focus)) IN ('true', 'yes', 'y', 't', '1'), false) AS power_focus,
       nullif(trim(timezone), '') AS tz
FROM read_csv(@ROSTER@, header = true, all_varchar = true);

-- One row per strength or endurance session (mixed/other never pair, so
-- they are dropped here), with start and end in UTC microseconds.
CREATE TEMP TABLE se AS
WITH raw AS (
    SELECT session_id AS sid, athlete_id, "start" AS start_text,
           -- concur: seconds = minutes * 60.0, then microseconds rounded half away from 0
           CAST(round(duration_min * 60.0 * 1e6) AS BIGINT) AS duration_us,
           lower(trim(modality)) AS modality_text,
           replace(replace(replace(lower(sport), ' ', ''), '-', ''), '_', '') AS sport_key,
           replace(replace(replace(lower(sub_sport), ' ', ''), '-', ''), '_', '') AS sub_key
    FROM read_csv(@SESSIONS@, header = true, quote = '"', escape = '"',
                  columns = {'session_id': 'VARCHAR', 'athlete_id': 'VARCHAR',
                             'start': 'VARCHAR', 'duration_min': 'DOUBLE',
                             'modality': 'VARCHAR', 'sport': 'VARCHAR',
                             'sub_sport': 'VARCHAR', 'rpe': 'VARCHAR',
                             'to_failure': 'VARCHAR', 'notes': 'VARCHAR'})
),
typed AS (
    SELECT r.sid, r.athlete_id, r.start_text, r.duration_us,
           CASE
               WHEN r.modality_text IN ('strength', 'endurance', 'mixed', 'other') THEN r.modality_text
               WHEN r.modality_text = 'warmup' THEN 'endurance'
               -- the sub_sport decides when the table knows it, else the sport
               ELSE coalesce(sub.modality, sp.modality, 'other')
           END AS modality,
           -- an athlete not in the roster: status unknown (in scope), default zone UTC
           -- (an empty or unrecognised status reads as unknown, also in scope)
           coalesce(ro.status NOT IN ('untrained', 'recreational'), true) AS in_scope,
           coalesce(ro.power_focus, false) AS power_focus,
           coalesce(ro.tz, 'UTC') AS tz
    FROM raw r
    LEFT JOIN sport_map sub ON sub.name = r.sub_key
    LEFT JOIN sport_map sp ON sp.name = r.sport_key
    LEFT JOIN roster ro ON ro.athlete_id = r.athlete_id
)
SELECT sid, athlete_id, modality, in_scope, power_focus,
       length(start_text) = 10 AS date_only,
       -- the local date: a timed start's own wall-clock date, a bare date itself
       CAST(substr(start_text, 1, 10) AS DATE) AS local_date,
       start_us, start_us + duration_us AS end_us
FROM (
    SELECT *,
           CASE
               -- an explicit offset or Z: an instant
               WHEN regexp_matches(start_text, '(Z|[+-]\d\d:?\d\d)$')
                   THEN epoch_us(CAST(start_text AS TIMESTAMPTZ))
               -- naive local time, or a bare date at 00:00, in the athlete's zone
               ELSE epoch_us(timezone(tz, CAST(start_text AS TIMESTAMP)))
           END AS start_us
    FROM typed
    WHERE modality IN ('strength', 'endurance')
);

-- Warm-ups (section 4): a timed endurance bout of at most 15 min with a timed
-- strength session starting no earlier than it and at most 20 min after its end.
CREATE TEMP TABLE warmup AS
WITH w AS (
    SELECT sid, athlete_id, start_us, end_us,
           unnest(range(start_us // getvariable('day_us'),
                        (end_us + getvariable('same_session_us')) // getvariable('day_us') + 1)) AS bucket
    FROM se
    WHERE modality = 'endurance' AND NOT date_only
      AND end_us - start_us <= getvariable('warmup_max_us')
),
s AS (
    SELECT athlete_id, start_us, start_us // getvariable('day_us') AS bucket
    FROM se
    WHERE modality = 'strength' AND NOT date_only
)
SELECT DISTINCT w.sid
FROM w JOIN s ON s.athlete_id = w.athlete_id AND s.bucket = w.bucket
WHERE s.start_us >= w.start_us
  AND s.start_us - w.end_us <= getvariable('same_session_us');

-- The sessions that pair: strength and endurance minus the warm-ups.
CREATE TEMP TABLE p AS
SELECT se.* FROM se ANTI JOIN warmup USING (sid);

-- Timed pairs: A before B by (start, session_id), gap = max(0, B.start - A.end) < 24 h.
CREATE TEMP TABLE timed_pairs AS
WITH a AS (
    SELECT *, unnest(range(start_us // getvariable('day_us'),
                           (end_us + getvariable('preferred_us') - 1) // getvariable('day_us') + 1)) AS bucket
    FROM p WHERE NOT date_only
),
b AS (
    SELECT sid, athlete_id, modality, start_us, start_us // getvariable('day_us') AS bucket
    FROM p WHERE NOT date_only
)
SELECT x.in_scope,
       CASE
           WHEN gap_us <= getvariable('same_session_us') AND x.modality = 'endurance' THEN 'order'
           WHEN gap_us <= getvariable('same_session_us') THEN 'combined_session'
           WHEN gap_us < CASE WHEN x.power_focus THEN getvariable('power_min_us')
                              ELSE getvariable('min_us') END THEN 'spacing_min'
           ELSE 'spacing_preferred'
       END AS rule
FROM (
    SELECT a.in_scope, a.power_focus, a.modality, greatest(b.start_us - a.end_us, 0) AS gap_us
    FROM a JOIN b ON b.athlete_id = a.athlete_id AND b.bucket = a.bucket
    WHERE b.modality <> a.modality
      AND (b.start_us > a.start_us OR (b.start_us = a.start_us AND b.sid > a.sid))
      AND b.start_us - a.end_us < getvariable('preferred_us')
) x;

-- Pairs with a date-only session: same athlete and local date, other
-- modality, each unordered pair once. Only athlete-dates holding a date-only
-- session take part.
CREATE TEMP TABLE day_pairs AS
WITH d AS (
    SELECT p.* FROM p
    SEMI JOIN (SELECT DISTINCT athlete_id, local_date FROM p WHERE date_only) k
        USING (athlete_id, local_date)
)
SELECT a.in_scope, 'same_day_unknown_time' AS rule
FROM d a JOIN d b ON b.athlete_id = a.athlete_id AND b.local_date = a.local_date
WHERE b.modality <> a.modality
  AND (a.date_only OR b.date_only)
  AND (b.start_us > a.start_us OR (b.start_us = a.start_us AND b.sid > a.sid));

SELECT CASE WHEN in_scope THEN rule ELSE 'exempt' END AS category, count(*) AS pairs
FROM (SELECT * FROM timed_pairs UNION ALL SELECT * FROM day_pairs)
GROUP BY ALL
ORDER BY category;
