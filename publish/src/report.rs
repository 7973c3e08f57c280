//! Problems found in the publisher's files, for people (`file:line:column: path: message`)
//! and for CI (`--format json`).

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    /// The file.
    pub file: PathBuf,
    /// The field path (`sections[3].title`); empty for the file as a whole.
    pub path: String,
    /// Line of broken JSON, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column of broken JSON, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl FileProblem {
    /// A problem at a field path of a file.
    pub fn at(file: &Path, path: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            path: path.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A file that could not be read or written.
    pub fn io(file: &Path, err: &std::io::Error) -> Self {
        Self::at(file, "", err.to_string())
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        if self.path.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.path, self.message)
        }
    }
}

/// How the report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per problem and a summary, for people.
    Human,
    /// One JSON document, for CI.
    Json,
}

/// The outcome of a check or a publish, printed at the end.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Whether everything was valid (and, for publish, written).
    pub ok: bool,
    /// Digest files read.
    pub files: usize,
    /// Digests that passed every check.
    pub valid: usize,
    /// Every problem of every file.
    pub problems: Vec<FileProblem>,
    /// Ids of invalid digests left out with `--skip-invalid`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<String>,
    /// Ids whose last published version was kept because the new file is invalid.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept_published: Vec<String>,
    /// Notes for the publisher (e.g. what was not written without `base_url`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What publishing wrote, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<crate::output::Stats>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl Report {
    /// The report as one JSON document.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// For people: the problems and notes, one per line.
    pub fn details(&self) -> String {
        let mut text = String::new();
        for problem in &self.problems {
            text.push_str(&format!("error: {problem}\n"));
        }
        for note in &self.notes {
            text.push_str(&format!("note: {note}\n"));
        }
        if !self.left_out.is_empty() {
            text.push_str(&format!(
                "note: left out (invalid): {}\n",
                self.left_out.join(", ")
            ));
        }
        if !self.kept_published.is_empty() {
            text.push_str(&format!(
                "note: kept the published version of: {}\n",
                self.kept_published.join(", ")
            ));
        }
        text
    }

    /// For people: one line that says what happened.
    pub fn summary(&self, action: &str, out: Option<&Path>) -> String {
        let invalid = self.files.saturating_sub(self.valid);
        let summary = match (&self.written, out) {
            (Some(stats), Some(out)) => format!(
                "{action}: {} of {} digests to {} in {:.1} s: {} files written, {} unchanged, {} removed{}",
                self.valid,
                self.files,
                out.display(),
                self.seconds,
                stats.written,
                stats.unchanged,
                stats.removed,
                problems_suffix(self.problems.len(), invalid),
            ),
            _ if self.ok => format!(
                "{action}: {} digests valid in {:.1} s",
                self.valid, self.seconds
            ),
            _ if action == "check" => format!(
                "{action}: {invalid} of {} digests invalid ({} problems)",
                self.files,
                self.problems.len()
            ),
            _ => format!(
                "{action}: {invalid} of {} digests invalid ({} problems); nothing was written",
                self.files,
                self.problems.len()
            ),
        };
        summary + "\n"
    }
}

fn problems_suffix(problems: usize, invalid: usize) -> String {
    if problems == 0 {
        String::new()
    } else {
        format!("; {invalid} invalid digests left out ({problems} problems)")
    }
}
