//! Synthetic training seasons for `concur generate`: owns each athlete group's
//! deterministic week plan and streams `roster.csv` plus one canonical sessions
//! CSV per group into a [`GenSink`].

mod athlete;
mod exported;
mod hevy;
mod rng;
mod row;
mod schedule;
mod spec;
#[cfg(test)]
mod tests;

use std::io::{self, BufWriter, Write};

use chrono::NaiveDate;

use athlete::{id_width, slot_sizes, Athlete, Group, Slot};
use row::{push_row, season_days, Day};
use schedule::Week;
use spec::SESSIONS_HEADER;
pub(crate) use spec::{GenSink, GenSpec, GenStats, Shape};

const ROSTER_HEADER: &[u8] = b"athlete_id,name,group,status,power_focus,timezone,birth_year\n";
const BUF_BYTES: usize = 1 << 16;

fn write_roster(
    spec: &GenSpec,
    slots: &[Slot],
    sizes: &[usize],
    sink: &mut dyn GenSink,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUF_BYTES, sink.file("roster.csv")?);
    out.write_all(ROSTER_HEADER)?;
    for (&slot, &size) in slots.iter().zip(sizes) {
        let name = slot.name();
        for number in 1..=size {
            let a = Athlete::new(spec.seed, slot, number, id_width(size));
            let (id, status, tz) = (&a.id, a.status, a.zone.0);
            let power_focus = slot.kind == Group::Sprinters;
            let born = a
                .birth_year(spec.seed)
                .map_or(String::new(), |y| y.to_string());
            writeln!(
                out,
                "{id},Athlete {id},{name},{status},{power_focus},{tz},{born}"
            )?;
        }
    }
    out.flush()
}

/// A gym-app log: its path in the season and its bytes.
type GymLog = (String, Vec<u8>);

/// Streams one group's sessions file and returns its row count (gym
/// workouts included) and the gym-app logs of its athletes; the file is
/// made at its first row, so a group without sessions (no athletes, no
/// weeks) writes none, never a header-only file the audit would reject.
fn write_group<'s>(
    spec: &GenSpec,
    slot: Slot,
    size: usize,
    days: &[Day],
    sink: &'s mut dyn GenSink,
) -> io::Result<(u64, Vec<GymLog>)> {
    let group = slot.kind;
    // The sink is taken once, when the first row opens the file.
    let mut sink = Some(sink);
    let mut out: Option<BufWriter<Box<dyn Write + 's>>> = None;
    let (mut line, mut rows) = (Vec::with_capacity(256), 0);
    let mut gym_logs: Vec<GymLog> = Vec::new();
    for number in 1..=size {
        let a = Athlete::new(spec.seed, slot, number, id_width(size));
        let (rng, plan) = (a.session_rng(spec.seed), Vec::with_capacity(32));
        let (mut w, mut seq_no) = (Week { rng, plan }, 0);
        // Athletes who log lifting in a gym app: their lifting goes there.
        let mut gym: Option<Vec<u8>> = hevy::logs_lifting(&a).then(|| hevy::HEADER.to_vec());
        for (week, week_days) in days.chunks(7).enumerate() {
            w.plan.clear();
            group.plan_week(&mut w);
            if a.is_rest_week(week) {
                w.plan.retain(|_| w.rng.chance(40));
            }
            // Stable, so equal starts (date-only diaries) keep their planned order; a
            // week's handful of sessions is insertion-sorted without allocating.
            w.plan.sort_by_key(|p| (p.day, p.start_min_of_day));
            for s in w.plan.iter().filter(|p| p.day < week_days.len()) {
                seq_no += 1;
                if gym.is_some() && hevy::is_lifting(s) {
                    let date = NaiveDate::parse_from_str(&week_days[s.day].date_text, "%Y-%m-%d")
                        .unwrap_or(spec.start);
                    if let Some(log) = &mut gym {
                        hevy::push_workout(log, date, s, &mut w.rng);
                    }
                    continue;
                }
                line.clear();
                push_row(&mut line, &a, seq_no, &week_days[s.day], s, &mut w.rng);
                let file = match &mut out {
                    Some(file) => file,
                    None => {
                        let sink = sink.take().expect("the file is opened once");
                        let file = sink.file(&format!("{}.csv", slot.name()))?;
                        let file = out.insert(BufWriter::with_capacity(BUF_BYTES, file));
                        file.write_all(SESSIONS_HEADER)?;
                        file
                    }
                };
                file.write_all(&line)?;
            }
        }
        rows += seq_no;
        if let Some(log) = gym.filter(|log| log.len() > hevy::HEADER.len()) {
            gym_logs.push((format!("{}/hevy_workouts.csv", a.id), log));
        }
    }
    if let Some(mut file) = out {
        file.flush()?;
    }
    Ok((rows, gym_logs))
}

/// Writes `roster.csv` and the sessions into `sink`, in the spec's shape.
pub(crate) fn generate(spec: &GenSpec, sink: &mut dyn GenSink) -> io::Result<GenStats> {
    match spec.shape {
        Shape::Tidy => generate_tidy(spec, sink),
        Shape::Exported => {
            let mut collected = exported::Collected::default();
            let stats = generate_tidy(spec, &mut collected)?;
            exported::write(spec, collected, stats, sink)
        }
    }
}

/// Writes `roster.csv` and one sessions CSV per group that has sessions into `sink`.
fn generate_tidy(spec: &GenSpec, sink: &mut dyn GenSink) -> io::Result<GenStats> {
    let slots = Slot::all(spec.groups);
    let sizes = slot_sizes(spec.athletes, &slots);
    write_roster(spec, &slots, &sizes, sink)?;
    // Without athletes the calendar is never read, however many weeks were asked for.
    let weeks = if spec.athletes == 0 { 0 } else { spec.weeks };
    let days = season_days(spec.start, weeks);
    let (mut sessions, mut files) = (0, 1);
    for (&slot, &size) in slots.iter().zip(&sizes) {
        let (rows, gym_logs) = write_group(spec, slot, size, &days, sink)?;
        sessions += rows;
        files += usize::from(rows > gym_logs.len() as u64);
        for (path, log) in gym_logs {
            let mut file = sink.file(&path)?;
            file.write_all(&log)?;
            file.flush()?;
            files += 1;
        }
    }
    let athletes = spec.athletes;
    Ok(GenStats {
        athletes,
        sessions,
        files,
    })
}
