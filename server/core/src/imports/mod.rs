//! Imports: a member file (CSV or spreadsheet) read, mapped to the register's fields,
//! checked, and written in one transaction (`import`, over `sheet`, `mapping`, `values`,
//! `duplicates` and `scan`); the import jobs behind the upload (`member_imports`).
//!
//! Layer: above accounts, tenants and members.

mod duplicates;
pub mod import;
mod mapping;
pub mod member_imports;
mod scan;
mod sheet;
mod values;
