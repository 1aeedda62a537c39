//! Usage and licensing counts (issue 18, deliverable 7).
