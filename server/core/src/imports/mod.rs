//! Imports: a member file (CSV or spreadsheet) read, mapped to the register's fields,
//! checked, and written in one transaction; the import jobs behind the upload.
//!
//! Layer: above accounts, tenants and members.

pub mod import;
pub mod member_imports;
