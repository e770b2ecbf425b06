//! Plano singular de atendimento (domain.md, step 3): per area, demand → goal → agreed actions
//! (who does it, by when, how it stands). Every save is a new *version*; the history says who
//! changed what. For a pré-egressa the same plan is the Plano Individual de Saída.
//!
//! The plan is stored whole in each version (a few KiB), so any version can be shown as it was.

use super::services::{AREAS, area_label};
use serde::{Deserialize, Serialize};

pub const RESPONSIBLE: [(&str, &str); 3] = [
    ("pessoa", "A pessoa"),
    ("equipe", "A equipe do Escritório Social"),
    ("parceiro", "Um parceiro da rede"),
];

pub const ACTION_STATUSES: [(&str, &str); 4] = [
    ("a_fazer", "A fazer"),
    ("fazendo", "Em andamento"),
    ("feita", "Feita"),
    ("cancelada", "Não vai mais ser feita"),
];

/// At most this many actions per area: a plan is a short list of next steps.
pub const MAX_ACTIONS: usize = 8;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub areas: Vec<PlanArea>,
}

impl Plan {
    /// The earliest deadline of an open action (ISO date), if any: stored with each version
    /// so that dashboards find overdue plans in the database without reading every plan.
    pub fn earliest_open_deadline(&self) -> Option<String> {
        self.areas
            .iter()
            .flat_map(|a| &a.actions)
            .filter(|x| x.is_open() && !x.deadline.is_empty())
            .map(|x| x.deadline.clone())
            .min()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanArea {
    pub area: String,
    pub demand: String,
    pub goal: String,
    pub actions: Vec<PlanAction>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub what: String,
    /// One of `RESPONSIBLE`.
    pub who: String,
    /// `AAAA-MM-DD`, or empty when no deadline was agreed.
    pub deadline: String,
    /// One of `ACTION_STATUSES`.
    pub status: String,
}

impl PlanAction {
    pub fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "a_fazer" | "fazendo")
    }

    /// Open and its deadline (ISO dates compare as text) is before `today`.
    pub fn is_overdue(&self, today_iso: &str) -> bool {
        self.is_open() && !self.deadline.is_empty() && self.deadline.as_str() < today_iso
    }
}

fn position(area: &str) -> usize {
    AREAS
        .iter()
        .position(|(c, _)| *c == area)
        .unwrap_or(AREAS.len())
}

fn label(list: &[(&'static str, &'static str)], code: &str) -> &'static str {
    list.iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

impl Plan {
    pub fn area(&self, area: &str) -> Option<&PlanArea> {
        self.areas.iter().find(|a| a.area == area)
    }

    /// The plan with `new` in place of its area (areas kept in the fixed order of `AREAS`).
    /// An area left with no demand, goal or action leaves the plan.
    pub fn with_area(&self, new: PlanArea) -> Plan {
        let mut areas: Vec<PlanArea> = self
            .areas
            .iter()
            .filter(|a| a.area != new.area)
            .cloned()
            .collect();
        let empty = new.demand.is_empty() && new.goal.is_empty() && new.actions.is_empty();
        if !empty {
            areas.push(new);
        }
        areas.sort_by_key(|a| position(&a.area));
        Plan { areas }
    }

    /// Open actions, the person's own first, then by deadline (none last): what to do next.
    pub fn next_steps(&self) -> Vec<(&PlanArea, &PlanAction)> {
        let mut steps: Vec<(&PlanArea, &PlanAction)> = self
            .areas
            .iter()
            .flat_map(|a| a.actions.iter().map(move |x| (a, x)))
            .filter(|(_, x)| x.is_open())
            .collect();
        steps.sort_by_key(|(_, x)| (x.who != "pessoa", x.deadline.is_empty(), x.deadline.clone()));
        steps
    }
}

fn quoted(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}

/// What changed from `old` to `new`, in plain pt-BR, one line per change (the version's
/// history entry). Actions are compared by their place in the area's list.
pub fn changes(old: &Plan, new: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for (code, name) in AREAS {
        match (old.area(code), new.area(code)) {
            (None, None) => {}
            (None, Some(_)) => out.push(format!("Incluiu a área {name}.")),
            (Some(_), None) => out.push(format!("Tirou a área {name} do plano.")),
            (Some(a), Some(b)) => area_changes(name, a, b, &mut out),
        }
    }
    out
}

fn area_changes(name: &str, a: &PlanArea, b: &PlanArea, out: &mut Vec<String>) {
    if a.demand != b.demand {
        out.push(format!("Mudou a demanda em {name}."));
    }
    if a.goal != b.goal {
        out.push(format!("Mudou o objetivo em {name}."));
    }
    for i in 0..a.actions.len().max(b.actions.len()) {
        match (a.actions.get(i), b.actions.get(i)) {
            (None, Some(x)) => out.push(format!("Nova ação em {name}: {}.", quoted(&x.what))),
            (Some(x), None) => out.push(format!("Tirou a ação {} de {name}.", quoted(&x.what))),
            (Some(x), Some(y)) => {
                if x.what != y.what {
                    out.push(format!(
                        "Mudou a ação {} para {} em {name}.",
                        quoted(&x.what),
                        quoted(&y.what)
                    ));
                }
                if x.who != y.who {
                    out.push(format!(
                        "Ação {}: agora quem faz é {}.",
                        quoted(&y.what),
                        label(&RESPONSIBLE, &y.who).to_lowercase()
                    ));
                }
                if x.deadline != y.deadline {
                    let when = if y.deadline.is_empty() {
                        "sem prazo".to_string()
                    } else {
                        format!("prazo {}", iso_to_br(&y.deadline))
                    };
                    out.push(format!("Ação {}: {when}.", quoted(&y.what)));
                }
                if x.status != y.status {
                    out.push(format!(
                        "Ação {}: {}.",
                        quoted(&y.what),
                        label(&ACTION_STATUSES, &y.status).to_lowercase()
                    ));
                }
            }
            (None, None) => {}
        }
    }
}

/// `AAAA-MM-DD` → `DD/MM/AAAA` (unchanged if it is not that shape).
pub fn iso_to_br(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// Saving on top of version `base` when the latest is `latest` (0 = no plan yet). Someone
/// else saved in between → refused, so nobody silently overwrites a colleague's work.
pub fn next_version(latest: i32, base: i32) -> Result<i32, StaleVersion> {
    if base == latest {
        Ok(latest + 1)
    } else {
        Err(StaleVersion { latest })
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct StaleVersion {
    pub latest: i32,
}

/// The heading the plan goes by: the exit plan before release, the plano singular after.
pub fn title(pre_release: bool) -> &'static str {
    if pre_release {
        "Plano Individual de Saída"
    } else {
        "Plano singular de atendimento"
    }
}

pub fn area_name(code: &str) -> &'static str {
    area_label(code)
}

pub fn responsible_label(code: &str) -> &'static str {
    label(&RESPONSIBLE, code)
}

pub fn status_label(code: &str) -> &'static str {
    label(&ACTION_STATUSES, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(what: &str, who: &str, deadline: &str, status: &str) -> PlanAction {
        PlanAction {
            what: what.into(),
            who: who.into(),
            deadline: deadline.into(),
            status: status.into(),
        }
    }

    fn area(code: &str, actions: Vec<PlanAction>) -> PlanArea {
        PlanArea {
            area: code.into(),
            demand: format!("demanda {code}"),
            goal: format!("objetivo {code}"),
            actions,
        }
    }

    #[test]
    fn areas_keep_the_fixed_order_and_empty_ones_leave() {
        let plan = Plan::default()
            .with_area(area("trabalho_renda", vec![]))
            .with_area(area("documentacao", vec![]));
        let codes: Vec<&str> = plan.areas.iter().map(|a| a.area.as_str()).collect();
        assert_eq!(codes, ["documentacao", "trabalho_renda"]);
        let emptied = plan.with_area(PlanArea {
            area: "documentacao".into(),
            ..Default::default()
        });
        assert_eq!(emptied.areas.len(), 1);
        assert_eq!(emptied.areas[0].area, "trabalho_renda");
    }

    #[test]
    fn versions_follow_each_other_and_a_stale_base_is_refused() {
        assert_eq!(next_version(0, 0), Ok(1));
        assert_eq!(next_version(3, 3), Ok(4));
        assert_eq!(next_version(4, 3), Err(StaleVersion { latest: 4 }));
        assert_eq!(next_version(0, 2), Err(StaleVersion { latest: 0 }));
    }

    #[test]
    fn changes_say_what_changed_in_plain_words() {
        let v1 = Plan::default().with_area(area(
            "documentacao",
            vec![action("Tirar o RG", "pessoa", "2026-12-10", "a_fazer")],
        ));
        assert_eq!(
            changes(&Plan::default(), &v1),
            ["Incluiu a área Documentação civil."]
        );
        let mut doc = v1.areas[0].clone();
        doc.actions[0].status = "feita".into();
        doc.actions[0].deadline = "2026-12-12".into();
        doc.actions
            .push(action("Pedir a CTPS digital", "equipe", "", "a_fazer"));
        let v2 = v1.with_area(doc).with_area(area("trabalho_renda", vec![]));
        assert_eq!(
            changes(&v1, &v2),
            [
                "Ação “Tirar o RG”: prazo 12/12/2026.",
                "Ação “Tirar o RG”: feita.",
                "Nova ação em Documentação civil: “Pedir a CTPS digital”.",
                "Incluiu a área Trabalho e renda.",
            ]
        );
        let v3 = v2.with_area(PlanArea {
            area: "documentacao".into(),
            ..Default::default()
        });
        assert_eq!(
            changes(&v2, &v3),
            ["Tirou a área Documentação civil do plano."]
        );
        assert!(changes(&v3, &v3).is_empty());
    }

    #[test]
    fn next_steps_put_the_persons_own_first_then_by_deadline() {
        let plan = Plan::default()
            .with_area(area(
                "documentacao",
                vec![
                    action("Equipe agenda", "equipe", "2026-12-01", "a_fazer"),
                    action("Levar foto", "pessoa", "", "a_fazer"),
                    action("Já feito", "pessoa", "2026-11-01", "feita"),
                ],
            ))
            .with_area(area(
                "saude",
                vec![action("Ir ao CAPS", "pessoa", "2026-12-05", "fazendo")],
            ));
        let whats: Vec<&str> = plan
            .next_steps()
            .iter()
            .map(|(_, x)| x.what.as_str())
            .collect();
        assert_eq!(whats, ["Ir ao CAPS", "Levar foto", "Equipe agenda"]);
    }

    #[test]
    fn overdue_is_open_with_a_past_deadline() {
        let late = action("x", "pessoa", "2026-11-20", "a_fazer");
        assert!(late.is_overdue("2026-11-25"));
        assert!(!late.is_overdue("2026-11-20"));
        assert!(!action("x", "pessoa", "2026-11-20", "feita").is_overdue("2026-11-25"));
        assert!(!action("x", "pessoa", "", "a_fazer").is_overdue("2026-11-25"));
    }

    #[test]
    fn titles_and_dates() {
        assert_eq!(title(true), "Plano Individual de Saída");
        assert_eq!(iso_to_br("2026-12-10"), "10/12/2026");
    }

    #[test]
    fn the_earliest_open_deadline_ignores_done_and_undated_actions() {
        let act = |deadline: &str, status: &str| PlanAction {
            what: "x".into(),
            who: "pessoa".into(),
            deadline: deadline.into(),
            status: status.into(),
        };
        let plan = Plan {
            areas: vec![PlanArea {
                area: "trabalho_renda".into(),
                actions: vec![
                    act("2026-01-10", "feito"),
                    act("", "a_fazer"),
                    act("2026-03-01", "fazendo"),
                    act("2026-02-01", "a_fazer"),
                ],
                ..Default::default()
            }],
        };
        assert_eq!(plan.earliest_open_deadline().as_deref(), Some("2026-02-01"));
        assert_eq!(Plan::default().earliest_open_deadline(), None);
    }
}
