//! A progress bar on a terminal; nothing when the output goes to a file or CI.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;

/// The bar of the current phase, or none.
#[derive(Debug, Default)]
pub struct Progress {
    enabled: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Progress {
    /// A bar on standard error when it is a terminal and `quiet` is off.
    pub fn for_terminal(quiet: bool) -> Self {
        Self {
            enabled: !quiet && std::io::stderr().is_terminal(),
            bar: Mutex::new(None),
        }
    }

    /// No bar at all (tests, `--format json`).
    pub fn hidden() -> Self {
        Self::default()
    }

    /// Starts a phase of `len` steps.
    pub fn phase(&self, name: &str, len: u64) {
        if !self.enabled {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{msg:>9} [{bar:30}] {human_pos}/{human_len} {per_sec} eta {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(name.to_string());
        if let Ok(mut current) = self.bar.lock() {
            *current = Some(bar);
        }
    }

    /// Counts `n` steps done.
    pub fn inc(&self, n: u64) {
        if let Ok(current) = self.bar.lock() {
            if let Some(bar) = current.as_ref() {
                bar.inc(n);
            }
        }
    }

    /// Ends the phase and clears its bar.
    pub fn done(&self) {
        if let Ok(mut current) = self.bar.lock() {
            if let Some(bar) = current.take() {
                bar.finish_and_clear();
            }
        }
    }
}
