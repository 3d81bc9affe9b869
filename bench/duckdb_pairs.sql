-- The concurrent pairs of RULES.md section 4 in DuckDB SQL: the peer that
-- bench/run.sh times against `concur audit`. bench/duckdb_pairs.py fills in
-- @SESSIONS@ (the group CSVs, or the exported shape's sessions.csv), @GYM@
-- (the athletes' Hevy logs) and @ROSTER@ (roster.csv) and prints
-- the result of the last query: pairs per category, in scope and exempt.
--
-- Scope of the peer: it reads what `concur generate` writes (canonical CSVs,
-- tidy or in the exported shape: unique session ids, a duration_min column,
-- rows in any order, rows with no athlete, an impossible date or a duration
-- that is no number, which it drops as concur rejects them) and computes
-- only the pair counts, nothing of the reports. Things concur does that the
-- generator never exercises are left out on purpose: duplicate session ids,
-- the same activity from two sources (needs two files per athlete),
-- end/duration_s columns, planned workouts.
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

SET VARIABLE exempt_from_age = 65;                        -- [scope] exempt_from_age

CREATE TEMP TABLE roster AS
SELECT athlete_id,
       lower(trim(status)) AS status,
       coalesce(lower(trim(power_focus)) IN ('true', 'yes', 'y', 't', '1'), false) AS power_focus,
       nullif(trim(timezone), '') AS tz,
       -- section 3: a birth year is read as 1 July of that year
       make_date(TRY_CAST(birth_year AS INTEGER), 7, 1) AS born
FROM read_csv(@ROSTER@, header = true, all_varchar = true);

-- Gym-app logs (RULES.md section 10) as the generator writes them: Hevy
-- workouts of lifts, some with a treadmill block first. The treadmill is an
-- endurance segment as long as its own duration, from the workout's start;
-- the lifts are a strength segment from there to the workout's end. The
-- athlete is the log's folder; times are naive, in the roster's zone.
CREATE TEMP TABLE gym AS
WITH rows AS (
    SELECT filename, start_time, end_time, exercise_title,
           TRY_CAST(duration_seconds AS DOUBLE) AS set_s
    FROM read_csv(@GYM@, header = true, all_varchar = true, filename = true)
),
workouts AS (
    SELECT regexp_extract(filename, '([^/]+)/[^/]+$', 1) AS athlete_id,
           start_time AS start_text,
           strptime(start_time, '%d %b %Y, %H:%M') AS start_local,
           strptime(end_time, '%d %b %Y, %H:%M') AS end_local,
           coalesce(sum(set_s) FILTER (WHERE exercise_title = 'Treadmill'), 0) AS treadmill_s,
           count(*) FILTER (WHERE exercise_title <> 'Treadmill') AS lifts
    FROM rows
    GROUP BY ALL
)
SELECT athlete_id, start_text || '#1' AS sid, start_local AS from_local,
       start_local + to_microseconds(CAST(treadmill_s * 1e6 AS BIGINT)) AS to_local,
       'endurance' AS modality
FROM workouts WHERE treadmill_s > 0
UNION ALL
SELECT athlete_id, start_text || CASE WHEN treadmill_s > 0 THEN '#2' ELSE '' END,
       start_local + to_microseconds(CAST(treadmill_s * 1e6 AS BIGINT)), end_local, 'strength'
FROM workouts WHERE lifts > 0;

-- One row per strength or endurance session (mixed/other never pair, so
-- they are dropped here), with start and end in UTC microseconds.
CREATE TEMP TABLE se AS
WITH cells AS (
    SELECT session_id AS sid, athlete_id, "start" AS start_text,
           TRY_CAST(duration_min AS DOUBLE) AS duration_min,
           modality, sport, sub_sport
    FROM read_csv(@SESSIONS@, header = true, quote = '"', escape = '"',
                  columns = {'session_id': 'VARCHAR', 'athlete_id': 'VARCHAR',
                             'start': 'VARCHAR', 'duration_min': 'VARCHAR',
                             'modality': 'VARCHAR', 'sport': 'VARCHAR',
                             'sub_sport': 'VARCHAR', 'rpe': 'VARCHAR',
                             'to_failure': 'VARCHAR', 'notes': 'VARCHAR'})
),
raw AS (
    SELECT sid, athlete_id, start_text,
           -- concur: seconds = minutes * 60.0, then microseconds rounded half away from 0
           CAST(round(duration_min * 60.0 * 1e6) AS BIGINT) AS duration_us,
           lower(trim(modality)) AS modality_text,
           replace(replace(replace(lower(sport), ' ', ''), '-', ''), '_', '') AS sport_key,
           replace(replace(replace(lower(sub_sport), ' ', ''), '-', ''), '_', '') AS sub_key
    FROM cells
    -- the rows concur rejects: no athlete, a start that is no date or
    -- date-time (the exported shape writes 2026-02-30), a duration that is
    -- no number or negative
    WHERE coalesce(athlete_id, '') <> ''
      AND duration_min >= 0
      AND TRY_CAST(substr(start_text, 1, 10) AS DATE) IS NOT NULL
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
           coalesce(ro.status NOT IN ('untrained', 'recreational'), true) AS status_in_scope,
           ro.born,
           coalesce(ro.power_focus, false) AS power_focus,
           coalesce(ro.tz, 'UTC') AS tz
    FROM raw r
    LEFT JOIN sport_map sub ON sub.name = r.sub_key
    LEFT JOIN sport_map sp ON sp.name = r.sport_key
    LEFT JOIN roster ro ON ro.athlete_id = r.athlete_id
)
SELECT sid, athlete_id, modality, in_scope, power_focus, date_only, local_date,
       start_us, end_us
FROM (
    SELECT *,
           -- section 3: age in completed years on the athlete's first date
           -- (an exempt_from_age of 0 turns the age rule off)
           status_in_scope AND NOT coalesce(
               getvariable('exempt_from_age') > 0 AND date_diff('year', born, min(local_date) OVER (PARTITION BY athlete_id))
                   - CASE WHEN strftime(min(local_date) OVER (PARTITION BY athlete_id), '%m-%d')
                              < strftime(born, '%m-%d') THEN 1 ELSE 0 END
                   >= getvariable('exempt_from_age'),
               false) AS in_scope
    FROM (
        SELECT sid, athlete_id, modality, status_in_scope, born, power_focus,
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
        )
        UNION ALL BY NAME
        SELECT g.sid, g.athlete_id, g.modality,
               coalesce(ro.status NOT IN ('untrained', 'recreational'), true) AS status_in_scope,
               ro.born, coalesce(ro.power_focus, false) AS power_focus,
               false AS date_only, CAST(g.from_local AS DATE) AS local_date,
               epoch_us(timezone(coalesce(ro.tz, 'UTC'), g.from_local)) AS start_us,
               epoch_us(timezone(coalesce(ro.tz, 'UTC'), g.to_local)) AS end_us
        FROM gym g LEFT JOIN roster ro USING (athlete_id)
    )
)
WHERE modality IN ('strength', 'endurance');

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
SELECT DISTINCT w.athlete_id, w.sid
FROM w JOIN s ON s.athlete_id = w.athlete_id AND s.bucket = w.bucket
WHERE s.start_us >= w.start_us
  AND s.start_us - w.end_us <= getvariable('same_session_us');

-- The sessions that pair: strength and endurance minus the warm-ups.
CREATE TEMP TABLE p AS
-- (gym segments' ids are unique per athlete only: the workout's start)
SELECT se.* FROM se ANTI JOIN warmup USING (athlete_id, sid);

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
