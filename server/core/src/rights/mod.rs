//! Members' data-protection rights (issue 17, deliverable 1): the My data download
//! (`my_data`), the requests with their deadlines (`deadlines`, `requests`), the erasure
//! of a person from a club as a list of per-table steps (`erasure`), and the restriction
//! of a record (`requests::lift_restriction`, the checks in `members`).

pub mod deadlines;
pub mod erasure;
pub mod my_data;
pub mod requests;

pub use deadlines::*;
pub use erasure::{
    account_of, erase_in_tx, ErasureStep, ERASURE_STEPS, PLACEHOLDER, STAMPED_TABLES,
};
pub use my_data::{my_data_zip, MY_DATA_SCHEMA_VERSION};
pub use requests::*;
