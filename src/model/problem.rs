//! Errors of reading a JSON document, and the field walker that collects them.

use serde_json::{Map, Value};
use std::fmt;

/// One thing wrong with a document, at a field path such as `sections[3].title`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem is, e.g. `sections[3].subsections[0].title`; empty for the document itself.
    pub path: String,
    /// What is wrong, e.g. `missing` or `expected a string`.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The body is not JSON; `line` and `column` count from 1.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// Line of the first error.
        line: usize,
        /// Column of the first error.
        column: usize,
        /// What the JSON parser expected there.
        message: String,
    },
    /// The `format` field names a format this reader does not know.
    #[error("the format is \"{found}\", but this reader reads {expected}")]
    UnknownFormat {
        /// The `format` value found in the file.
        found: String,
        /// The format this reader expected.
        expected: &'static str,
    },
    /// The JSON is well-formed but breaks the format's rules.
    #[error("{} problem(s), first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Invalid(Vec<Problem>),
}

/// Parses `text` as JSON, turning syntax errors into [`ParseError::Syntax`].
pub(crate) fn parse_json(text: &str) -> Result<Value, ParseError> {
    serde_json::from_str(text).map_err(|err| {
        let full = err.to_string();
        // serde_json appends " at line L column C"; line and column are reported separately.
        let message = full
            .split(" at line ")
            .next()
            .unwrap_or(full.as_str())
            .to_string();
        ParseError::Syntax {
            line: err.line(),
            column: err.column(),
            message,
        }
    })
}

/// Checks the `format` field of a document before anything else is read.
pub(crate) fn check_format(root: &Value, expected: &'static str) -> Result<(), ParseError> {
    let Some(object) = root.as_object() else {
        return Err(ParseError::Invalid(vec![Problem::new(
            "",
            format!("expected a JSON object (a {expected} document)"),
        )]));
    };
    match object.get("format") {
        Some(Value::String(found)) if found == expected => Ok(()),
        Some(Value::String(found)) => Err(ParseError::UnknownFormat {
            found: found.clone(),
            expected,
        }),
        Some(other) => Err(ParseError::Invalid(vec![Problem::new(
            "format",
            format!(
                "expected the string \"{expected}\", found {}",
                kind_of(other)
            ),
        )])),
        None => Err(ParseError::Invalid(vec![Problem::new("format", "missing")])),
    }
}

/// Names the JSON type of a value for messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Joins a parent path and a field name.
pub(crate) fn field_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Reads the fields of one JSON object, recording every problem instead of stopping at the first.
pub(crate) struct Fields<'a> {
    object: &'a Map<String, Value>,
    path: String,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Fields<'a> {
    /// Starts reading `value` as an object at `path`; records a problem and returns `None` if it is not one.
    pub(crate) fn of(
        value: &'a Value,
        path: String,
        problems: &'a mut Vec<Problem>,
    ) -> Option<Fields<'a>> {
        match value.as_object() {
            Some(object) => Some(Fields {
                object,
                path,
                problems,
            }),
            None => {
                problems.push(Problem::new(
                    path,
                    format!("expected an object, found {}", kind_of(value)),
                ));
                None
            }
        }
    }

    /// The path of a field of this object.
    pub(crate) fn path_of(&self, key: &str) -> String {
        field_path(&self.path, key)
    }

    /// Records a problem at a field of this object.
    pub(crate) fn problem(&mut self, key: &str, message: impl Into<String>) {
        let path = self.path_of(key);
        self.problems.push(Problem::new(path, message));
    }

    /// The problem list, for nested readers.
    pub(crate) fn problems(&mut self) -> &mut Vec<Problem> {
        self.problems
    }

    /// A field's raw value; `null` counts as absent.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|value| !value.is_null())
    }

    /// A required field's raw value, recording `missing` when absent.
    pub(crate) fn required(&mut self, key: &str) -> Option<&'a Value> {
        let value = self.get(key);
        if value.is_none() {
            self.problem(key, "missing");
        }
        value
    }

    /// An optional string field.
    pub(crate) fn opt_str(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?;
        self.as_str(key, value)
    }

    /// A required string field (may be empty).
    pub(crate) fn str(&mut self, key: &str) -> Option<String> {
        let value = self.required(key)?;
        self.as_str(key, value)
    }

    /// A required string field that must contain more than whitespace.
    pub(crate) fn non_empty_str(&mut self, key: &str) -> Option<String> {
        let text = self.str(key)?;
        if text.trim().is_empty() {
            self.problem(key, "must not be empty");
            return None;
        }
        Some(text)
    }

    fn as_str(&mut self, key: &str, value: &Value) -> Option<String> {
        match value.as_str() {
            Some(text) => Some(text.to_string()),
            None => {
                self.problem(key, format!("expected a string, found {}", kind_of(value)));
                None
            }
        }
    }

    /// An optional boolean field, `false` when absent.
    pub(crate) fn flag(&mut self, key: &str) -> bool {
        match self.get(key) {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => {
                let found = kind_of(other);
                self.problem(key, format!("expected true or false, found {found}"));
                false
            }
        }
    }

    /// An optional offset or length in seconds: a finite number, zero or more.
    pub(crate) fn opt_seconds(&mut self, key: &str) -> Option<f64> {
        let value = self.get(key)?;
        match value.as_f64() {
            Some(seconds) if seconds.is_finite() && seconds >= 0.0 => Some(seconds),
            Some(_) => {
                self.problem(key, "must be a number of seconds, 0 or more");
                None
            }
            None => {
                let found = kind_of(value);
                self.problem(key, format!("expected a number, found {found}"));
                None
            }
        }
    }

    /// An optional whole number of seconds. JSON has one number type: `286.0` is as whole as `286`.
    pub(crate) fn opt_whole_seconds(&mut self, key: &str) -> Option<u64> {
        /// 2^64: every whole `f64` below it fits in a `u64`.
        const PAST_U64: f64 = 18_446_744_073_709_551_616.0;
        let value = self.get(key)?;
        let whole = value.as_u64().or_else(|| {
            value
                .as_f64()
                .filter(|n| *n >= 0.0 && *n < PAST_U64 && n.fract() == 0.0)
                // Exact: a whole number below 2^64.
                .map(|n| n as u64)
        });
        match whole {
            Some(seconds) => Some(seconds),
            None => {
                self.problem(key, "must be a whole number of seconds, 0 or more");
                None
            }
        }
    }

    /// A required array field, each element read by `item` with its indexed path.
    pub(crate) fn list<T>(
        &mut self,
        key: &str,
        item: impl FnMut(&'a Value, String, &mut Vec<Problem>) -> Option<T>,
    ) -> Vec<T> {
        match self.required(key) {
            Some(value) => self.items(key, value, item),
            None => Vec::new(),
        }
    }

    /// An optional array field, empty when absent.
    pub(crate) fn opt_list<T>(
        &mut self,
        key: &str,
        item: impl FnMut(&'a Value, String, &mut Vec<Problem>) -> Option<T>,
    ) -> Vec<T> {
        match self.get(key) {
            Some(value) => self.items(key, value, item),
            None => Vec::new(),
        }
    }

    fn items<T>(
        &mut self,
        key: &str,
        value: &'a Value,
        mut item: impl FnMut(&'a Value, String, &mut Vec<Problem>) -> Option<T>,
    ) -> Vec<T> {
        let Some(array) = value.as_array() else {
            self.problem(key, format!("expected an array, found {}", kind_of(value)));
            return Vec::new();
        };
        let base = self.path_of(key);
        array
            .iter()
            .enumerate()
            .filter_map(|(index, element)| item(element, format!("{base}[{index}]"), self.problems))
            .collect()
    }
}

/// Reads a plain string element of an array.
pub(crate) fn string_item(
    value: &Value,
    path: String,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match value.as_str() {
        Some(text) => Some(text.to_string()),
        None => {
            problems.push(Problem::new(
                path,
                format!("expected a string, found {}", kind_of(value)),
            ));
            None
        }
    }
}
