use serde::{Deserialize, Serialize};

/// Who an account belongs to. Stored as the English `as_str` name; shown in pt-BR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Egresso,
    Caseworker,
    Coordinator,
    Company,
    Partner,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Egresso,
        Role::Caseworker,
        Role::Coordinator,
        Role::Company,
        Role::Partner,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Egresso => "egresso",
            Role::Caseworker => "caseworker",
            Role::Coordinator => "coordinator",
            Role::Company => "company",
            Role::Partner => "partner",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// How the role is named to staff (admin lists and forms).
    pub fn label(self) -> &'static str {
        match self {
            Role::Egresso => "Pessoa atendida",
            Role::Caseworker => "Equipe técnica",
            Role::Coordinator => "Coordenação",
            Role::Company => "Empresa parceira",
            Role::Partner => "Organização parceira (RAESP)",
            Role::Admin => "Administração",
        }
    }

    /// Where the role lands after logging in.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Egresso => "/inicio",
            Role::Caseworker | Role::Coordinator => "/equipe",
            Role::Company => "/empresa",
            Role::Partner => "/parceiro",
            Role::Admin => "/admin",
        }
    }

    /// Staff and people attended belong to an Escritório Social unit.
    pub fn needs_unit(self) -> bool {
        matches!(self, Role::Egresso | Role::Caseworker | Role::Coordinator)
    }

    /// Companies and RAESP partners belong to an organization.
    pub fn needs_organization(self) -> bool {
        matches!(self, Role::Company | Role::Partner)
    }

    /// Egressos log in with their CPF; everyone else with an e-mail address.
    pub fn logs_in_with_cpf(self) -> bool {
        self == Role::Egresso
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_and_has_its_own_scope() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert!(
                !(role.needs_unit() && role.needs_organization()),
                "{role:?} cannot belong to both"
            );
        }
        assert!(Role::Admin.home_path() != Role::Egresso.home_path());
        assert_eq!(Role::parse("root"), None);
    }
}
