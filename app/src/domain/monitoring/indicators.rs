//! The indicators of the yearly monitoring report (domain.md, "Monitoring"), what each counts,
//! and the cuts a table can be split by: the person's own (race, gender, age band, schooling,
//! category, UF, municipality) and the indicator's own (the area of a demand, the outcome of a
//! referral, …).

use crate::domain::{follow_up, interview, services, stigma};

/// What a figure counts: people (each once per cell) or events (each contact, referral, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    People,
    Events,
}

#[derive(Clone, Copy, Debug)]
pub struct Indicator {
    pub code: &'static str,
    pub title: &'static str,
    /// One plain sentence: what is counted and when it falls in the period.
    pub counts: &'static str,
    pub measure: Measure,
    /// What one unit of the measure is called, plural ("atendimentos").
    pub noun: &'static str,
    /// The indicator's own cuts: (code, label).
    pub own: &'static [(&'static str, &'static str)],
}

pub const INDICATORS: [Indicator; 11] = [
    Indicator {
        code: "acolhimentos",
        title: "Acolhimentos",
        counts: "Pessoas cadastradas pela primeira vez no período.",
        measure: Measure::People,
        noun: "pessoas",
        own: &[("origem", "Como chegou")],
    },
    Indicator {
        code: "atendimentos",
        title: "Atendimentos",
        counts: "Atendimentos registrados no acompanhamento, pela data em que aconteceram.",
        measure: Measure::Events,
        noun: "atendimentos",
        own: &[("forma", "Forma do contato")],
    },
    Indicator {
        code: "demandas",
        title: "Demandas por área",
        counts: "Pessoas com demanda registrada na entrevista, por área, pela data do registro.",
        measure: Measure::People,
        noun: "pessoas",
        own: &[("area", "Área")],
    },
    Indicator {
        code: "encaminhamentos",
        title: "Encaminhamentos",
        counts: "Encaminhamentos feitos no período, com a área, quem recebeu e a situação de hoje.",
        measure: Measure::Events,
        noun: "encaminhamentos",
        own: &[
            ("area", "Área"),
            ("situacao", "Situação"),
            ("destino", "Organização que recebeu"),
        ],
    },
    Indicator {
        code: "documentos",
        title: "Documentos obtidos",
        counts: "Documentos marcados como obtidos no período.",
        measure: Measure::Events,
        noun: "documentos",
        own: &[("documento", "Documento")],
    },
    Indicator {
        code: "contratacoes",
        title: "Contratações",
        counts: "Contratações confirmadas, pela data de início do trabalho.",
        measure: Measure::Events,
        noun: "contratações",
        own: &[("origem", "Como foi a contratação")],
    },
    Indicator {
        code: "permanencia_3",
        title: "Permanência no trabalho aos 3 meses",
        counts: "Pessoas que completaram 3 meses de contratação no período, e se continuavam no trabalho.",
        measure: Measure::People,
        noun: "pessoas",
        own: &[("situacao", "Situação aos 3 meses")],
    },
    Indicator {
        code: "permanencia_6",
        title: "Permanência no trabalho aos 6 meses",
        counts: "Pessoas que completaram 6 meses de contratação no período, e se continuavam no trabalho.",
        measure: Measure::People,
        noun: "pessoas",
        own: &[("situacao", "Situação aos 6 meses")],
    },
    Indicator {
        code: "permanencia_12",
        title: "Permanência no trabalho aos 12 meses",
        counts: "Pessoas que completaram 12 meses de contratação no período, e se continuavam no trabalho.",
        measure: Measure::People,
        noun: "pessoas",
        own: &[("situacao", "Situação aos 12 meses")],
    },
    Indicator {
        code: "plano_saida",
        title: "Pré-egressas com plano de saída",
        counts: "Pessoas cadastradas no período ainda presas (pré-egressas), e se já têm plano singular.",
        measure: Measure::People,
        noun: "pessoas",
        own: &[("plano", "Plano de saída")],
    },
    Indicator {
        code: "estigma",
        title: "Episódios de estigma",
        counts: "Episódios de estigma registrados, pela data em que aconteceram.",
        measure: Measure::Events,
        noun: "episódios",
        own: &[("tipo", "Tipo"), ("lugar", "Lugar")],
    },
];

const REFERRAL_OUTCOMES: [(&str, &str); 8] = [
    ("solicitado", "Esperando resposta"),
    ("aceito", "Aceito"),
    ("recusado", "Recusado"),
    ("sem_vaga", "Sem vaga"),
    ("sem_contato", "Sem contato com a pessoa"),
    ("em_atendimento", "Em atendimento"),
    ("concluido", "Concluído"),
    ("cancelado", "Cancelado"),
];

/// The cuts every indicator has: who the person is and where she is attended.
pub const PERSON_CUTS: [(&str, &str); 7] = [
    ("raca", "Cor ou raça"),
    ("genero", "Gênero"),
    ("idade", "Faixa de idade"),
    ("escolaridade", "Escolaridade"),
    ("categoria", "Egressa, pré-egressa ou familiar"),
    ("uf", "UF"),
    ("municipio", "Município"),
];

pub fn indicator(code: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|i| i.code == code)
}

/// Months of a retention indicator (3, 6 or 12), if it is one.
pub fn retention_months(code: &str) -> Option<u32> {
    code.strip_prefix("permanencia_")?.parse().ok()
}

impl Indicator {
    /// The cuts this indicator offers; `with_place` is false for one unit (one UF, one city).
    pub fn cuts(&self, with_place: bool) -> Vec<(&'static str, &'static str)> {
        PERSON_CUTS
            .iter()
            .copied()
            .filter(|(c, _)| with_place || !matches!(*c, "uf" | "municipio"))
            .chain(self.own.iter().copied())
            .collect()
    }

    pub fn cut_label(&self, cut: &str) -> Option<&'static str> {
        self.cuts(true)
            .into_iter()
            .find(|(c, _)| *c == cut)
            .map(|(_, l)| l)
    }

    /// The fixed list of values of one of the indicator's own cuts, in the order to show them
    /// (None for open lists such as the organisation that received a referral).
    pub fn own_values(&self, cut: &str) -> Option<Vec<(&'static str, &'static str)>> {
        let list: Vec<(&'static str, &'static str)> = match (self.code, cut) {
            ("acolhimentos", "origem") => super::FIRST_CONTACTS.to_vec(),
            ("atendimentos", "forma") => follow_up::CONTACT_KINDS.to_vec(),
            ("demandas" | "encaminhamentos", "area") => services::AREAS.to_vec(),
            // The codes of `referrals::STATUSES`, worded for a report rather than for the person.
            ("encaminhamentos", "situacao") => REFERRAL_OUTCOMES.to_vec(),
            ("documentos", "documento") => interview::DOCUMENTS.to_vec(),
            ("contratacoes", "origem") => vec![
                ("vaga", "Por vaga publicada aqui"),
                ("equipe", "Registrada pela equipe"),
            ],
            (_, "situacao") if retention_months(self.code).is_some() => vec![
                ("continua", "Continuava no trabalho"),
                ("saiu", "Tinha saído"),
            ],
            ("plano_saida", "plano") => {
                vec![
                    ("com_plano", "Com plano singular"),
                    ("sem_plano", "Sem plano"),
                ]
            }
            ("estigma", "tipo") => stigma::KINDS
                .iter()
                .map(|(c, l)| (*c, l.split(':').next().unwrap_or(l)))
                .collect(),
            ("estigma", "lugar") => stigma::SETTINGS.to_vec(),
            _ => return None,
        };
        Some(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_of_the_domain_list_is_there() {
        let codes: Vec<&str> = INDICATORS.iter().map(|i| i.code).collect();
        for c in [
            "acolhimentos",
            "atendimentos",
            "demandas",
            "encaminhamentos",
            "documentos",
            "contratacoes",
            "permanencia_3",
            "permanencia_6",
            "permanencia_12",
            "plano_saida",
            "estigma",
        ] {
            assert!(codes.contains(&c), "{c}");
        }
        assert_eq!(retention_months("permanencia_12"), Some(12));
        assert_eq!(retention_months("estigma"), None);
    }

    #[test]
    fn one_unit_has_no_place_cuts_and_own_cuts_have_values() {
        let i = indicator("encaminhamentos").unwrap();
        assert!(!i.cuts(false).iter().any(|(c, _)| *c == "uf"));
        assert!(i.cuts(true).iter().any(|(c, _)| *c == "municipio"));
        assert!(i.own_values("situacao").is_some());
        assert!(i.own_values("destino").is_none());
        let outcomes: Vec<&str> = i
            .own_values("situacao")
            .unwrap()
            .iter()
            .map(|(c, _)| *c)
            .collect();
        let statuses: Vec<&str> = crate::domain::referrals::STATUSES
            .iter()
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(outcomes, statuses);
        let e = indicator("estigma").unwrap();
        assert_eq!(e.own_values("tipo").unwrap()[0].1, "Experimentado");
    }
}
