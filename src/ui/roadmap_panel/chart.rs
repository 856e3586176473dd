//! The Roadmap tab's charts (egui_plot): the risk trend — open findings by severity and the
//! top-risk score per step, x = step (Today, Phase 1, …) — and the integration cost by team
//! of the step shown. The series are built by plain functions (tested); the plots only draw them.

use egui::Color32;
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Points};

use crate::analysis::Severity;
use crate::analysis::plan::PhaseReport;

/// One line of the trend chart: a name, its colour and a y per step (x = step index).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: &'static str,
    pub color: Color32,
    pub points: Vec<[f64; 2]>,
}

/// The trend chart's data: the axis labels (one per step) and the lines.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    /// "Today", then each phase's name.
    pub labels: Vec<String>,
    /// Critical, high, medium and low open findings, then the top-risk score.
    pub lines: Vec<Series>,
}

/// The name of the top-risk line (drawn dashed, on the same axis: a score, not a count).
pub const TOP_RISK: &str = "top-risk score";

/// The risk trend of the roadmap: per step, open findings by severity and the top-risk score.
pub fn trend_series(reports: &[PhaseReport]) -> TrendSeries {
    let x = |r: &PhaseReport| r.index as f64;
    let line = |name, sev, count: fn(&PhaseReport) -> usize| Series {
        name,
        color: crate::ui::findings_panel::severity_color(sev),
        points: reports.iter().map(|r| [x(r), count(r) as f64]).collect(),
    };
    TrendSeries {
        labels: reports.iter().map(|r| r.name.clone()).collect(),
        lines: vec![
            line("critical", Severity::Critical, |r| r.counts.critical),
            line("high", Severity::High, |r| r.counts.high),
            line("medium", Severity::Medium, |r| r.counts.medium),
            line("low", Severity::Low, |r| r.counts.low),
            Series {
                name: TOP_RISK,
                color: Color32::from_rgb(0xCC, 0x79, 0xA7),
                points: reports.iter().map(|r| [x(r), r.top_risk]).collect(),
            },
        ],
    }
}

/// One team's bar: its share of the integration hours per month in a step.
#[derive(Debug, Clone, PartialEq)]
pub struct CostBar {
    pub team: String,
    pub hours: f64,
}

/// The cost of step `report` by team, largest first (ties by name).
pub fn cost_by_team(report: &PhaseReport) -> Vec<CostBar> {
    let mut bars: Vec<CostBar> = report
        .cost
        .by_team
        .iter()
        .map(|(team, hours)| CostBar {
            team: team.clone(),
            hours: *hours,
        })
        .collect();
    bars.sort_by(|a, b| b.hours.total_cmp(&a.hours).then(a.team.cmp(&b.team)));
    bars
}

/// The label of x value `x` on an axis with one label per whole number (nothing between).
fn axis_label(labels: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    labels.get(i as usize).cloned().unwrap_or_default()
}

/// `name` cut to `max` characters with "…" (at least 4 kept).
fn fit(name: &str, max: usize) -> String {
    if name.chars().count() <= max.max(4) {
        return name.to_owned();
    }
    let mut s: String = name.chars().take(max.max(4) - 1).collect();
    s.push('…');
    s
}

/// The cost bars' colour (Okabe–Ito bluish green).
const COST_COLOR: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);

/// Size of the step names on the x axis.
const AXIS_PX: f32 = 11.0;

/// The x axis of both trend plots: one mark per step, named (cut to the room a step has).
fn step_axis(plot: Plot<'_>, labels: Vec<String>) -> Plot<'_> {
    let last = labels.len().saturating_sub(1) as f64;
    plot.allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .include_x(-0.5)
        .include_x(last + 0.5)
        .x_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            #[allow(clippy::cast_possible_truncation)]
            (lo.ceil().max(0.0) as i64..=hi.floor() as i64)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .custom_x_axes(vec![
            egui_plot::AxisHints::new(egui_plot::Axis::X)
                .label_spacing(12.0..=24.0)
                .tick_label_font(egui::FontId::proportional(AXIS_PX))
                .formatter(move |mark, _| axis_label(&labels, mark.value)),
        ])
}

/// Draws the trend: open findings per step as bars stacked by severity (critical at the
/// bottom), and under them the top-risk score per step (a score, not a count: its own scale).
/// `shown` (the step on the map) is marked.
pub(super) fn trend_chart_ui(ui: &mut egui::Ui, series: &TrendSeries, shown: Option<usize>) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let room = (((ui.available_width() - 60.0)
        / series.labels.len().max(1) as f32
        / (AXIS_PX * 0.62)) as usize)
        .saturating_sub(1);
    let labels: Vec<String> = series.labels.iter().map(|l| fit(l, room)).collect();
    let counts: Vec<&Series> = series.lines.iter().filter(|s| s.name != TOP_RISK).collect();
    let most = (0..series.labels.len())
        .map(|x| {
            counts
                .iter()
                .map(|s| s.points.get(x).map_or(0.0, |p| p[1]))
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    let mut stacked: Vec<BarChart> = Vec::new();
    for s in &counts {
        let bars = s
            .points
            .iter()
            .map(|p| {
                Bar::new(p[0], p[1])
                    .width(0.6)
                    .fill(s.color)
                    .stroke(egui::Stroke::new(1.0, s.color))
                    .name(format!("{} {}", p[1], s.name))
            })
            .collect();
        let chart = BarChart::new(s.name, bars).color(s.color);
        let below: Vec<&BarChart> = stacked.iter().collect();
        let chart = chart.stack_on(&below);
        stacked.push(chart);
    }
    // The legend above the plot, in the stacking order (a legend inside would hide bars).
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Open findings:").small());
        for s in counts.iter().rev() {
            ui.label(
                egui::RichText::new(format!("■ {}", s.name))
                    .color(s.color)
                    .small(),
            );
        }
    });
    let plot = Plot::new("risk_trend_findings")
        .height(170.0)
        .include_y(most * 1.1 + 1.0)
        .y_axis_label("open findings");
    step_axis(plot, labels.clone()).show(ui, |p| {
        if let Some(k) = shown {
            p.vline(
                egui_plot::VLine::new("shown on the map", k as f64)
                    .color(ui_weak())
                    .width(1.0),
            );
        }
        for c in stacked {
            p.bar_chart(c);
        }
    });
    if let Some(top) = series.lines.iter().find(|s| s.name == TOP_RISK) {
        let plot = Plot::new("risk_trend_top")
            .height(110.0)
            .y_axis_label("top-risk score");
        step_axis(plot, labels).show(ui, |p| {
            if let Some(k) = shown {
                p.vline(
                    egui_plot::VLine::new("shown on the map", k as f64)
                        .color(ui_weak())
                        .width(1.0),
                );
            }
            p.line(
                Line::new(TOP_RISK, PlotPoints::new(top.points.clone()))
                    .color(top.color)
                    .width(2.0),
            );
            p.points(
                Points::new(TOP_RISK, PlotPoints::new(top.points.clone()))
                    .color(top.color)
                    .radius(3.5),
            );
        });
    }
}

fn ui_weak() -> Color32 {
    Color32::from_gray(140)
}

/// Draws the cost bars, one per team: horizontal, the largest on top, each team's name and
/// hours over its bar (names are long: "Middleware Platform (Kenji Watanabe)").
pub(super) fn cost_chart_ui(ui: &mut egui::Ui, bars: &[CostBar]) {
    if bars.is_empty() {
        ui.label(
            egui::RichText::new(
                "No cost estimates yet: give dependencies hours per month in the inspector.",
            )
            .weak(),
        );
        return;
    }
    let n = bars.len();
    let max = bars.iter().map(|b| b.hours).fold(0.0, f64::max).max(1.0);
    // Row i (from the top) at y = n − i: the bar at the row, its name just above it.
    let y = |i: usize| (n - i) as f64;
    let chart = BarChart::new(
        "hours per month",
        bars.iter()
            .enumerate()
            .map(|(i, b)| {
                Bar::new(y(i) - 0.15, b.hours)
                    .name(format!("{}: {:.1} h", b.team, b.hours))
                    .width(0.35)
                    .fill(COST_COLOR)
            })
            .collect(),
    )
    .horizontal()
    .color(COST_COLOR);
    let text_color = ui.visuals().text_color();
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let height = 40.0 + 34.0 * n as f32;
    Plot::new("cost_by_team")
        .height(height)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_axes([true, false])
        .show_grid([true, false])
        .include_x(0.0)
        .include_x(max * 1.05)
        .include_y(0.5)
        .include_y(n as f64 + 0.6)
        .x_axis_label("h / month")
        .show(ui, |p| {
            p.bar_chart(chart);
            for (i, b) in bars.iter().enumerate() {
                p.text(
                    egui_plot::Text::new(
                        b.team.clone(),
                        egui_plot::PlotPoint::new(0.0, y(i) + 0.22),
                        egui::RichText::new(format!("{}  {:.1} h", b.team, b.hours)).small(),
                    )
                    .color(text_color)
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cost, Phase, Workspace};

    /// The trading sample with its queue scenario as the one phase, and cost estimates on two
    /// of today's dependencies only.
    fn trading_with_roadmap() -> Workspace {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/trading-before.ron");
        let (mut ws, _) = crate::io::load_file(&path).unwrap();
        ws.roadmap = vec![Phase::new("queue-first", "Queue first", "queue-decoupling")];
        // Only the estimates set here (the sample has its own).
        for d in ws.dependencies.values_mut() {
            d.cost = None;
        }
        let ids: Vec<String> = ws.dependencies.keys().take(2).cloned().collect();
        for (id, hours) in ids.iter().zip([4.0, 10.0]) {
            ws.dependencies.get_mut(id).unwrap().cost = Some(Cost {
                hours_per_month: hours,
                teams: None,
            });
        }
        ws
    }

    #[test]
    fn the_trend_has_one_point_per_step_from_each_states_findings() {
        let ws = trading_with_roadmap();
        let reports = crate::analysis::plan::roadmap(&ws);
        let t = trend_series(&reports);
        assert_eq!(t.labels, vec!["Today".to_owned(), "Queue first".to_owned()]);
        let names: Vec<&str> = t.lines.iter().map(|l| l.name).collect();
        assert_eq!(names, ["critical", "high", "medium", "low", TOP_RISK]);
        // Counted here from the states themselves: today's map, then the phase's target.
        let states = [ws.clone(), ws.roadmap_steps()[0].state.clone()];
        for (x, state) in states.iter().enumerate() {
            let a = crate::analysis::analyze(state);
            let open = |sev: Severity| {
                a.findings
                    .iter()
                    .filter(|f| f.accepted.is_none() && f.severity == sev)
                    .count() as f64
            };
            let sevs = [
                Severity::Critical,
                Severity::High,
                Severity::Medium,
                Severity::Low,
            ];
            for (line, sev) in t.lines.iter().zip(sevs) {
                assert_eq!(
                    line.points[x],
                    [x as f64, open(sev)],
                    "{} at {x}",
                    line.name
                );
            }
        }
        // The queue takes trading off the synchronous risk call: fewer critical+high findings.
        let severe = |x: usize| t.lines[0].points[x][1] + t.lines[1].points[x][1];
        assert!(severe(1) < severe(0), "{} → {}", severe(0), severe(1));
        assert!(t.lines[4].points.iter().all(|p| p[1] >= 0.0));
        assert_eq!(t.lines[4].points[0][1], reports[0].top_risk);
    }

    #[test]
    fn cost_bars_are_the_teams_shares_largest_first() {
        let ws = trading_with_roadmap();
        let reports = crate::analysis::plan::roadmap(&ws);
        let bars = cost_by_team(&reports[0]);
        assert!(!bars.is_empty());
        let sum: f64 = bars.iter().map(|b| b.hours).sum();
        assert!(
            (sum - 14.0).abs() < 1e-9,
            "the teams' shares add up to the total: {sum}"
        );
        assert!(bars.windows(2).all(|w| w[0].hours >= w[1].hours));
    }

    #[test]
    fn long_step_names_are_cut_to_their_room() {
        assert_eq!(fit("Queue first", 20), "Queue first");
        assert_eq!(fit("Reporting on a read replica", 10), "Reporting…");
        assert_eq!(fit("Reporting", 1), "Rep…");
    }

    #[test]
    fn axis_labels_only_on_whole_steps() {
        let labels = vec!["Today".to_owned(), "Queue first".to_owned()];
        assert_eq!(axis_label(&labels, 0.0), "Today");
        assert_eq!(axis_label(&labels, 1.0), "Queue first");
        assert_eq!(axis_label(&labels, 0.5), "");
        assert_eq!(axis_label(&labels, 2.0), "");
        assert_eq!(axis_label(&labels, -1.0), "");
    }
}
