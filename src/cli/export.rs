//! `depdig export FILE.ron -o OUT.png|OUT.svg|OUT.html [--width PX | --scale N] [--fit slide|content]
//! [--theme light|dark|projector] [--transparent] [--no-legend] [--no-badges] [--edge-labels]
//! [--title TEXT] [--view NAME] [--scenario NAME [--show target|difference] | --phase NAME|all]`
//! and `depdig export FILE.ron --nodes OUT.nodes.csv --edges OUT.edges.csv`,
//! and `depdig export FILE.ron -o map.mmd|map.dot|workspace.dsl` (Mermaid, Graphviz DOT,
//! Structurizr DSL: see [`crate::io::export::text`]; the whole current map, like CSV).
//!
//! `--view NAME` draws a saved view (by id or name, case-insensitive): its filters hide or dim
//! what they leave out (as the view's mode says), its highlighted items get the theme's
//! highlight, and the title becomes "WORKSPACE — VIEW". `--scenario NAME` draws a scenario:
//! `--show difference` (the default) the current map plus what it adds, added items in the
//! theme's `added` colour and removed ones struck through in `removed`, with legend entries;
//! `--show target` the state after it. An unknown name lists the names there are and writes
//! nothing. Both apply to the picture only; CSV is always the whole current map.
//!
//! `-o map.html` writes the interactive map (see [`crate::io::export::export_html`]): its first
//! tab is the picture these options draw, then a tab per saved view and per scenario.
//! `--phase NAME` draws one roadmap phase: the state the phases before it leave plus what it
//! adds, its additions and removals marked as for a scenario, titled "WORKSPACE — Phase N:
//! NAME"; `--phase all` writes one picture per phase, `OUT-1-queue-first.png`, … (see
//! `export_phase`).

use std::collections::BTreeSet;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::export::{self, ExportOptions, Fit, ImageFormat, TextFormat};
use crate::io::load_file;
use crate::model::{FilterMode, Workspace};
use crate::theme::{Theme, ThemeName};

use super::select;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FitArg {
    /// A 16:9 slide.
    Slide,
    /// Tight around the map.
    Content,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
    /// High contrast, labels of at least 18 px, thick edges.
    Projector,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowArg {
    /// The map after the scenario.
    Target,
    /// The current map with what the scenario adds and removes marked.
    Difference,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The workspace to draw.
    pub file: PathBuf,
    /// The picture (.png, .svg), the interactive map (.html: one self-contained page), or the map
    /// as text (.mmd Mermaid, .dot/.gv Graphviz, .dsl Structurizr).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT.png|.svg|.html|.mmd|.dot|.dsl"
    )]
    pub output: Option<PathBuf>,
    /// Image width in pixels (at most 16384); overrides --scale.
    #[arg(long, value_name = "PX")]
    pub width: Option<u32>,
    /// N × a 1920×1080 slide.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=4))]
    pub scale: u32,
    #[arg(long, value_enum, default_value_t = FitArg::Slide)]
    pub fit: FitArg,
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// No background.
    #[arg(long)]
    pub transparent: bool,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave out the integration-debt badges (and their legend entry).
    #[arg(long)]
    pub no_badges: bool,
    /// Show `label · protocol` beside dependencies.
    #[arg(long)]
    pub edge_labels: bool,
    /// Draw the workspace's backdrop photo under the map (left out by default).
    #[arg(long)]
    pub backdrop: bool,
    /// A plain PNG: leave out the workspace a PNG otherwise carries (opening it gives the map back).
    #[arg(long)]
    pub no_embed: bool,
    /// Title shown on the picture (default: the workspace's title; "" for none).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Draw this saved view (id or name): its filters, highlights and name in the title.
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
    /// Draw this scenario (id or name).
    #[arg(long, value_name = "NAME", conflicts_with = "phase")]
    pub scenario: Option<String>,
    /// Draw this roadmap phase (id or name) on the state before it, its changes marked; `all`
    /// writes one picture per phase (OUT-1-name.png, OUT-2-name.png, …).
    #[arg(long, value_name = "NAME|all")]
    pub phase: Option<String>,
    /// With --scenario: the difference from the current map (default) or the target state.
    #[arg(
        long,
        value_enum,
        value_name = "target|difference",
        requires = "scenario"
    )]
    pub show: Option<ShowArg>,
    /// Write the systems as CSV in the import's columns.
    #[arg(long, value_name = "OUT.nodes.csv")]
    pub nodes: Option<PathBuf>,
    /// Write the dependencies as CSV in the import's columns.
    #[arg(long, value_name = "OUT.edges.csv")]
    pub edges: Option<PathBuf>,
}

impl ExportArgs {
    fn options(&self) -> ExportOptions {
        ExportOptions {
            width_px: self.width,
            scale: self.scale,
            fit: match self.fit {
                FitArg::Slide => Fit::Slide,
                FitArg::Content => Fit::Content,
            },
            theme: match self.theme {
                ThemeArg::Light => Theme::get(ThemeName::Light),
                ThemeArg::Dark => Theme::get(ThemeName::Dark),
                ThemeArg::Projector => Theme::get(ThemeName::Projector),
            },
            transparent: self.transparent,
            legend: !self.no_legend,
            edge_labels: self.edge_labels,
            badges: !self.no_badges,
            title: self.title.clone(),
            ..ExportOptions::default()
        }
    }
}

pub fn run(args: &ExportArgs) -> ExitCode {
    if args.output.is_none() && args.nodes.is_none() && args.edges.is_none() {
        say!(
            "depdig export: give -o OUT.png|OUT.svg|OUT.html, or --nodes OUT.nodes.csv and/or --edges OUT.edges.csv"
        );
        return ExitCode::from(2);
    }
    // Refuse a bad output name before reading or laying anything out.
    if let Some(out) = &args.output
        && TextFormat::from_path(out).is_none()
        && let Err(e) = ImageFormat::from_path(out)
    {
        say!("{e}");
        return ExitCode::FAILURE;
    }
    let ws = match load_file(&args.file) {
        Ok((ws, _)) => ws,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(out) = &args.output
        && TextFormat::from_path(out).is_some()
    {
        match export::export_text_to_path(&ws, out) {
            Ok(_) => outln!(
                "{}: {}, {}",
                out.display(),
                crate::text::plural(ws.systems.len(), "system", "systems"),
                crate::text::plural(ws.dependencies.len(), "dependency", "dependencies")
            ),
            Err(e) => {
                say!("{}: {e}", args.file.display());
                return ExitCode::FAILURE;
            }
        }
    } else if let (Some(out), Some(phase)) = (&args.output, &args.phase) {
        let code = super::export_phase::run(&ws, args, out, phase);
        if code != ExitCode::SUCCESS {
            return code;
        }
    } else if let Some(out) = &args.output {
        let (drawn, mut opts) = match picture(&ws, args, None) {
            Ok(x) => x,
            Err(message) => {
                say!("{}: {message}; nothing was written", args.file.display());
                return ExitCode::FAILURE;
            }
        };
        // A PNG carries the whole workspace, whatever view or scenario it draws.
        if !args.no_embed {
            opts.embed = Some(std::sync::Arc::new(ws.clone()));
        }
        let written = if ImageFormat::from_path(out).is_ok_and(|f| f == ImageFormat::Html) {
            export::export_html_to_path(&ws, &drawn, out, &opts)
        } else {
            export::export_to_path(&drawn, out, &opts)
        };
        match written {
            Ok((w, h)) => outln!(
                "{}: {w}×{h} px, {}, {}",
                out.display(),
                crate::text::plural(
                    drawn
                        .systems
                        .len()
                        .saturating_sub(opts.hidden_systems.len()),
                    "system",
                    "systems"
                ),
                crate::text::plural(drawn.dependencies.len(), "dependency", "dependencies")
            ),
            Err(e) => {
                say!("{}: {e}", args.file.display());
                return ExitCode::FAILURE;
            }
        }
        if let Ok(export::ImageSize {
            note: Some(note), ..
        }) = export::image_size(&drawn, &opts)
        {
            outln!("note: {note}");
        }
    }
    if args.nodes.is_some() || args.edges.is_some() {
        if let Err(e) = export::export_csv(&ws, args.nodes.as_deref(), args.edges.as_deref()) {
            say!("{e}");
            return ExitCode::FAILURE;
        }
        for (path, what) in [(&args.nodes, "systems"), (&args.edges, "dependencies")] {
            if let Some(p) = path {
                let n = if what == "systems" {
                    ws.systems.len()
                } else {
                    ws.dependencies.len()
                };
                outln!("{}: {n} {what}", Path::new(p).display());
            }
        }
    }
    ExitCode::SUCCESS
}

/// The workspace to draw and the options to draw it with: the scenario's target or combined
/// map, then the view's filters and highlights.
pub(super) fn picture(
    ws: &Workspace,
    args: &ExportArgs,
    phase: Option<usize>,
) -> Result<(Workspace, ExportOptions), String> {
    let mut opts = args.options();
    if args.backdrop {
        match crate::io::backdrop::ExportBackdrop::of_workspace(ws, Some(&args.file)) {
            Ok(Some(b)) => opts.backdrop = Some(b),
            Ok(None) => say!("note: the workspace has no backdrop photo"),
            Err(e) => say!("warning: {e}; the picture is drawn without it"),
        }
    }
    // Look both names up before drawing anything.
    let view = args
        .view
        .as_deref()
        .map(|name| select::view(ws, name))
        .transpose()?;
    let scenario = args
        .scenario
        .as_deref()
        .map(|name| select::scenario(ws, name))
        .transpose()?;
    let mut phase_title = None;
    let drawn = match (scenario, phase) {
        (None, Some(k)) => {
            let (drawn, diff, title) = super::export_phase::phase_picture(ws, k)?;
            opts.scenario = Some(diff);
            phase_title = Some(title);
            drawn
        }
        (None, None) => ws.clone(),
        (Some(s), _) => match args.show.unwrap_or(ShowArg::Difference) {
            ShowArg::Target => s.target(ws),
            ShowArg::Difference => {
                opts.scenario = Some(s.diff(ws));
                s.combined(ws)
            }
        },
    };
    if let Some(view) = view {
        opts.apply_filters(&drawn, &view.filters);
        if view.filters.mode == FilterMode::Hide {
            opts.hidden_types = view.filters.hidden_types.iter().copied().collect();
        }
        opts.highlighted = view.highlighted.iter().cloned().collect::<BTreeSet<_>>();
    }
    if opts.title.is_none() && (view.is_some() || scenario.is_some() || phase_title.is_some()) {
        let scenario = scenario
            .map(|s| match args.show.unwrap_or(ShowArg::Difference) {
                ShowArg::Target => format!("{} (target)", s.name),
                ShowArg::Difference => format!("{} (difference)", s.name),
            })
            .or(phase_title);
        let parts: Vec<&str> = [Some(ws.title.trim()), view.map(|v| v.name.trim())]
            .into_iter()
            .flatten()
            .chain(scenario.as_deref())
            .filter(|p| !p.is_empty())
            .collect();
        opts.title = Some(parts.join(" — "));
    }
    Ok((drawn, opts))
}
