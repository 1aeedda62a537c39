//! Id newtypes, so that ids of different kinds cannot be mixed.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse::<i64>().map($name)
            }
        }
    };
}

id_type!(
    /// A tenant: the operator, a federation or a club.
    TenantId
);
id_type!(
    /// One identity per person: login, password hash, second factors.
    IdentityId
);
id_type!(
    /// A member record, owned by one tenant.
    MemberId
);
id_type!(
    /// A membership of an identity in a tenant.
    MembershipId
);
id_type!(
    /// A role defined by a tenant.
    RoleId
);
