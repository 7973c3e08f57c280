//! `digest-site`: check a folder of digests, or publish it as a static site.

use clap::{Parser, Subcommand};
use digest_publish::progress::Progress;
use digest_publish::publish::{check, publish, Options};
use digest_publish::report::Format;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Publishes folders of episode digests as static sites for the digest reader.
#[derive(Parser)]
#[command(name = "digest-site", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validates every digest (and site.json, if given); writes nothing. Exit status 1 on any problem.
    Check {
        /// The folder of `<id>.json` digests (subfolders are read too).
        digests: PathBuf,
        /// Also check this site.json.
        #[arg(long)]
        site: Option<PathBuf>,
        /// `human` (one line per problem) or `json` (one document, for CI).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Validates, then writes the complete static site. Writes nothing if any digest is invalid,
    /// unless --skip-invalid.
    Publish {
        /// The folder of `<id>.json` digests (subfolders are read too).
        digests: PathBuf,
        /// The site's configuration (name, base_url, upgrade offer).
        #[arg(long)]
        site: PathBuf,
        /// Where to write the site; an earlier publish there is updated in place.
        #[arg(long)]
        out: PathBuf,
        /// The built app (`trunk build --release --offline` writes `dist/`).
        #[arg(long, default_value = "dist")]
        app: PathBuf,
        /// Publish the valid digests and list the others (an episode published before keeps its
        /// last good version).
        #[arg(long)]
        skip_invalid: bool,
        /// How many of the newest episodes the feeds carry.
        #[arg(long, default_value_t = digest_publish::feeds::FEED_SIZE)]
        feed_size: usize,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// `human` (one line per problem) or `json` (one document, for CI).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (report, format, action, out) = match cli.command {
        Command::Check {
            digests,
            site,
            format,
        } => {
            let progress = Progress::for_terminal(format == Format::Json);
            (
                check(&digests, site.as_deref(), &progress),
                format,
                "check",
                None,
            )
        }
        Command::Publish {
            digests,
            site,
            out,
            app,
            skip_invalid,
            feed_size,
            quiet,
            format,
        } => {
            let progress = Progress::for_terminal(quiet || format == Format::Json);
            let options = Options {
                digests,
                site,
                out: out.clone(),
                app,
                skip_invalid,
                feed_size,
            };
            (publish(&options, &progress), format, "publish", Some(out))
        }
    };
    // Problems go to standard error, where a publisher's CI looks for them; the summary goes
    // with them on failure. JSON is one document on standard output.
    let written = match format {
        Format::Json => std::io::stdout().write_all(report.json().as_bytes()),
        Format::Human => {
            let summary = report.summary(action, out.as_deref());
            let details = std::io::stderr().write_all(report.details().as_bytes());
            let last = if report.ok {
                std::io::stdout().write_all(summary.as_bytes())
            } else {
                std::io::stderr().write_all(summary.as_bytes())
            };
            details.and(last)
        }
    };
    if written.is_err() || !report.ok {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
