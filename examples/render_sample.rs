//! Renders every chart of a season into a folder, for looking at them:
//! `cargo run --example render_sample -- data/sample /tmp/plots`.
//! Prints how long rendering took (the pipeline before it is not timed).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let input = PathBuf::from(args.next().unwrap_or_else(|| "data/sample".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/plots".into()));
    let rules = concur::load_rules(None)?;
    let season = concur::Season {
        inputs: &[input],
        roster: None,
        out_dir: &out,
        options: concur::Options::in_process(),
        rules: &rules,
        default_tz: chrono_tz::UTC,
    };
    let frame = season.frame()?;
    let audit = concur::evaluate(&frame, &rules.thresholds);
    let agg = concur::aggregate(&frame, &audit);
    let load = concur::measure_load(&frame, &audit, &agg);

    let started = Instant::now();
    let mut charts = vec![concur::overview_chart(&agg, true)?];
    for (group, _) in &agg.groups {
        charts.extend(concur::group_charts(
            &frame,
            &audit,
            &agg,
            &load,
            group,
            &rules.thresholds,
            true,
        )?);
    }
    let elapsed = started.elapsed();

    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    for chart in &charts {
        let stem = match &chart.group {
            Some(g) => format!("{g}_{}", chart.name),
            None => chart.name.clone(),
        };
        std::fs::write(out.join(format!("{stem}.svg")), &chart.svg)?;
        std::fs::write(out.join(format!("{stem}.png")), &chart.png)?;
    }
    eprintln!(
        "rendered {} charts (SVG + PNG) in {:.2} s into {}",
        charts.len(),
        elapsed.as_secs_f64(),
        out.display()
    );
    Ok(())
}
