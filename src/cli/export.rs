//! `depdig export FILE.ron -o OUT.png|OUT.svg [--width PX | --scale N] [--fit slide|content]
//! [--theme light|dark|projector] [--transparent] [--no-legend] [--no-badges] [--edge-labels]
//! [--title TEXT]`
//! and `depdig export FILE.ron --nodes OUT.nodes.csv --edges OUT.edges.csv`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::export::{self, ExportOptions, Fit, ImageFormat};
use crate::io::load_file;
use crate::theme::{Theme, ThemeName};

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

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The workspace to draw.
    pub file: PathBuf,
    /// The picture: .png or .svg.
    #[arg(short = 'o', long = "output", value_name = "OUT.png|OUT.svg")]
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
    /// Title shown on the picture (default: the workspace's title; "" for none).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
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
                ThemeArg::Projector => Theme::projector(),
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
        eprintln!(
            "depdig export: give -o OUT.png|OUT.svg, or --nodes OUT.nodes.csv and/or --edges OUT.edges.csv"
        );
        return ExitCode::from(2);
    }
    // Refuse a bad output name before reading or laying anything out.
    if let Some(out) = &args.output
        && let Err(e) = ImageFormat::from_path(out)
    {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let ws = match load_file(&args.file) {
        Ok((ws, _)) => ws,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(out) = &args.output {
        match export::export_to_path(&ws, out, &args.options()) {
            Ok((w, h)) => println!(
                "{}: {w}×{h} px, {} systems, {} dependencies",
                out.display(),
                ws.systems.len(),
                ws.dependencies.len()
            ),
            Err(e) => {
                eprintln!("{}: {e}", args.file.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if args.nodes.is_some() || args.edges.is_some() {
        if let Err(e) = export::export_csv(&ws, args.nodes.as_deref(), args.edges.as_deref()) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
        for (path, what) in [(&args.nodes, "systems"), (&args.edges, "dependencies")] {
            if let Some(p) = path {
                let n = if what == "systems" {
                    ws.systems.len()
                } else {
                    ws.dependencies.len()
                };
                println!("{}: {n} {what}", Path::new(p).display());
            }
        }
    }
    ExitCode::SUCCESS
}
