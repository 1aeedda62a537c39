//! Tenants: the rules. A new tenant's slug, name and city, and colours readable at the
//! WCAG AA ratio.

use super::model::*;
use crate::error::Result;
use crate::tenancy::is_valid_slug;
use tessera_common::color::{self, MIN_TEXT_CONTRAST, TEXT_ON_ACCENT, TEXT_ON_PRIMARY};
use tessera_common::AppError;
use tessera_common::{Msg, Problem};

/// Checks the club's colours: each a `#rrggbb` colour, the primary readable under white
/// text (the header, buttons), the accent under dark text (highlights), both at the WCAG AA
/// ratio for text.
pub fn check_colors(primary: &str, accent: &str) -> Result<()> {
    let mut problems = Vec::new();
    for (field, c, text, on) in [
        ("primary_color", primary, TEXT_ON_PRIMARY, Msg::ErrWhiteText),
        ("accent_color", accent, TEXT_ON_ACCENT, Msg::ErrDarkText),
    ] {
        match color::contrast_ratio(c, text) {
            None => problems.push(tessera_common::FieldError::new(field, Msg::ErrColorFormat)),
            Some(r) if r < MIN_TEXT_CONTRAST => problems.push(tessera_common::FieldError::new(
                field,
                Problem::new(Msg::ErrColorContrast)
                    .arg_msg("on", on)
                    .arg("ratio", format!("{r:.1}"))
                    .arg("min", MIN_TEXT_CONTRAST),
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

impl NewTenant {
    pub(super) fn validate(&self) -> Result<()> {
        if !is_valid_slug(&self.slug) {
            return Err(AppError::field("slug", Msg::ErrTenantSlug));
        }
        crate::accounts::identities::check_name("name", &self.name)?;
        if self.city.as_ref().is_some_and(|c| c.chars().count() > 120) {
            return Err(AppError::field("city", Msg::ErrCityLength));
        }
        check_colors(&self.primary_color, &self.accent_color)
    }
}
