//! The scan: every row of the file checked against the mapping, the rules and the
//! duplicates, with the report of what would be added or skipped.

use super::duplicates::*;
use super::import::*;
use super::sheet::*;
use super::values::*;
use crate::db::Value;
use crate::error::Result;
use crate::members::{self};
use std::collections::HashMap;
use tessera_common::dto::{
    CustomField, ImportDuplicate, ImportPreview, ImportProblem, ImportSample,
};
use tessera_common::time::Date;
use tessera_common::{AppError, FieldError};
use tessera_common::{Msg, Problem};

// ---------------------------------------------------------------- the scan

/// One pass over the file: every row checked and compared with the known members.
/// A row to add: its columns, and its values of the club's own fields.
pub(super) type RowToAdd = (Vec<(&'static str, Value)>, Vec<(i64, Vec<String>)>);

pub(super) struct Scan {
    pub(super) preview: ImportPreview,
    /// The rows to add (kept only when asked).
    pub(super) to_add: Vec<RowToAdd>,
}

pub(super) fn scan(
    bytes: &[u8],
    mapping: &Mapping,
    custom: &[CustomField],
    today: Date,
    known: &mut Known,
    keep: bool,
) -> Result<Scan> {
    let mut sheet = open(bytes)?;
    let (plan, custom_plan) = check_mapping(&sheet.headers, mapping, custom)?;
    let header_of = |field: &str| {
        plan.iter()
            .find(|(_, f)| FIELDS[*f] == field)
            .and_then(|(c, _)| sheet.headers.get(*c))
            .cloned()
            .unwrap_or_default()
    };
    let header_of: HashMap<&str, String> = FIELDS.iter().map(|f| (*f, header_of(f))).collect();
    let width = sheet.headers.len();
    let mut p = ImportPreview {
        headers: sheet.headers.clone(),
        delimiter: char::from(sheet.delimiter),
        mapping: columns_of(&sheet.headers, &plan, &custom_plan),
        rows: 0,
        valid: 0,
        invalid: 0,
        duplicates_existing: 0,
        duplicates_in_file: 0,
        to_add: 0,
        problems: Vec::new(),
        problem_count: 0,
        duplicates: Vec::new(),
        sample: Vec::new(),
    };
    let mut to_add = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Some(row) = sheet.next_row(&mut record)? {
        p.rows += 1;
        if p.rows > MAX_ROWS {
            return Err(too_many_rows());
        }
        let extra_filled = record.iter().skip(width).any(|c| !c.trim().is_empty());
        if record.len() < width || extra_filled {
            p.invalid += 1;
            p.problem_count += 1;
            if p.problems.len() < REPORT_LIMIT {
                p.problems.push(ImportProblem {
                    row,
                    field: "columns".into(),
                    header: String::new(),
                    problem: Problem::new(Msg::ErrRowWidth)
                        .arg("n", record.len())
                        .arg("width", width),
                });
            }
            continue;
        }
        // The club's own fields, checked with their own rules (a multiple choice lists its
        // options separated by commas or |).
        let mut values = Vec::new();
        let mut custom_problems = Vec::new();
        for (col, f) in &custom_plan {
            let cell = record.get(*col).unwrap_or("");
            let raw: Vec<&str> = if f.kind == tessera_common::dto::FieldKind::Multi {
                cell.split([',', '|']).collect()
            } else {
                vec![cell]
            };
            match crate::members::custom_fields::check_values(f, &raw) {
                Ok(v) if !v.is_empty() => values.push((f.id, v)),
                Ok(_) => {}
                Err(problem) => {
                    custom_problems.push(FieldError::new(format!("cf{}", f.id), problem))
                }
            }
        }
        let checked = match members::validate_input(&form_of(&record, &plan), today) {
            Ok(cols) if custom_problems.is_empty() => Ok(cols),
            Ok(_) => Err(AppError::Invalid(Vec::new())),
            Err(e) => Err(e),
        };
        let cols = match checked {
            Ok(cols) => cols,
            Err(AppError::Invalid(mut fields)) => {
                fields.append(&mut custom_problems);
                p.invalid += 1;
                p.problem_count += fields.len();
                for f in fields {
                    if p.problems.len() < REPORT_LIMIT {
                        p.problems.push(ImportProblem {
                            row,
                            header: header_of
                                .get(f.field.as_str())
                                .cloned()
                                .or_else(|| {
                                    custom_plan
                                        .iter()
                                        .find(|(_, c)| format!("cf{}", c.id) == f.field)
                                        .and_then(|(col, _)| sheet.headers.get(*col).cloned())
                                })
                                .unwrap_or_default(),
                            // The file may write dates the Belgian way too.
                            problem: if f.problem.msg == Msg::ErrDateFormat {
                                Problem::new(Msg::ErrDateFormatImport)
                            } else {
                                f.problem
                            },
                            field: f.field,
                        });
                    }
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        p.valid += 1;
        let id = Identity {
            email: text_of(&cols, "email").map(str::to_lowercase),
            sort_name: text_of(&cols, "sort_name").unwrap_or_default().to_string(),
            birth_date: text_of(&cols, "birth_date").map(str::to_string),
            given_name: text_of(&cols, "given_name").unwrap_or_default().to_string(),
            family_name: text_of(&cols, "family_name")
                .unwrap_or_default()
                .to_string(),
        };
        if let Some((existing, reason)) = known.check(row, id) {
            if existing {
                p.duplicates_existing += 1;
            } else {
                p.duplicates_in_file += 1;
            }
            if p.duplicates.len() < REPORT_LIMIT {
                p.duplicates.push(ImportDuplicate { row, reason });
            }
            continue;
        }
        p.to_add += 1;
        if p.sample.len() < SAMPLE_ROWS {
            p.sample.push(ImportSample {
                row,
                member: form_of_columns(&cols),
            });
        }
        if keep {
            to_add.push((cols, values));
        }
    }
    Ok(Scan { preview: p, to_add })
}
