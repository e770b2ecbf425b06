//! Encaminhamentos: the referral status machine (domain.md, after FHIR SDOH Task, Primero and
//! findhelp) and who may move a referral: the receiving organisation answers and records the
//! outcome (contrarreferência); the person's unit may record the same on its behalf (a public
//! service answers by phone) and is the only one that cancels.

pub const STATUSES: [(&str, &str); 8] = [
    ("solicitado", "Enviado, esperando resposta"),
    ("aceito", "Aceito"),
    ("recusado", "Recusado"),
    ("sem_vaga", "Sem vaga no momento"),
    ("sem_contato", "Não conseguiram falar com você"),
    ("em_atendimento", "Em atendimento"),
    ("concluido", "Concluído"),
    ("cancelado", "Cancelado"),
];

pub fn label(code: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

/// Who asks for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mover {
    /// The organisation the person was referred to.
    Receiver,
    /// Staff of the person's unit.
    Unit,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("Este encaminhamento não pode passar de “{0}” para “{1}”.")]
    NotAllowed(&'static str, &'static str),
    #[error("Só a equipe do Escritório Social pode cancelar um encaminhamento.")]
    OnlyUnitCancels,
    #[error("Escreva o motivo.")]
    ReasonRequired,
    #[error("Conte como terminou o atendimento.")]
    OutcomeRequired,
}

/// The statuses a referral may go to from `from`.
pub fn next(from: &str) -> &'static [&'static str] {
    match from {
        "solicitado" => &["aceito", "recusado", "sem_vaga", "sem_contato", "cancelado"],
        "aceito" => &["em_atendimento", "concluido", "sem_contato", "cancelado"],
        "em_atendimento" => &["concluido", "cancelado"],
        _ => &[],
    }
}

/// Checks one move. A refusal needs its reason, a finished attendance its outcome.
pub fn check(from: &str, to: &str, by: Mover, note: &str) -> Result<(), TransitionError> {
    if !next(from).contains(&to) {
        return Err(TransitionError::NotAllowed(label(from), label(to)));
    }
    if to == "cancelado" && by != Mover::Unit {
        return Err(TransitionError::OnlyUnitCancels);
    }
    let empty = note.trim().chars().count() < 3;
    match to {
        "recusado" if empty => Err(TransitionError::ReasonRequired),
        "concluido" if empty => Err(TransitionError::OutcomeRequired),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_allowed_and_refused_move() {
        let all: Vec<&str> = STATUSES.iter().map(|(c, _)| *c).collect();
        let allowed = [
            ("solicitado", "aceito"),
            ("solicitado", "recusado"),
            ("solicitado", "sem_vaga"),
            ("solicitado", "sem_contato"),
            ("solicitado", "cancelado"),
            ("aceito", "em_atendimento"),
            ("aceito", "concluido"),
            ("aceito", "sem_contato"),
            ("aceito", "cancelado"),
            ("em_atendimento", "concluido"),
            ("em_atendimento", "cancelado"),
        ];
        for from in &all {
            for to in &all {
                let result = check(from, to, Mover::Unit, "motivo escrito");
                if allowed.contains(&(*from, *to)) {
                    assert_eq!(result, Ok(()), "{from} → {to}");
                } else {
                    assert!(
                        matches!(result, Err(TransitionError::NotAllowed(_, _))),
                        "{from} → {to} must be refused"
                    );
                }
            }
        }
    }

    #[test]
    fn only_the_unit_cancels_and_reasons_are_required() {
        assert_eq!(
            check("solicitado", "cancelado", Mover::Receiver, "x"),
            Err(TransitionError::OnlyUnitCancels)
        );
        assert_eq!(check("solicitado", "aceito", Mover::Receiver, ""), Ok(()));
        assert_eq!(
            check("solicitado", "recusado", Mover::Receiver, " "),
            Err(TransitionError::ReasonRequired)
        );
        assert_eq!(
            check("em_atendimento", "concluido", Mover::Receiver, ""),
            Err(TransitionError::OutcomeRequired)
        );
        assert_eq!(
            check(
                "em_atendimento",
                "concluido",
                Mover::Receiver,
                "Tirou o RG."
            ),
            Ok(())
        );
        assert!(check("concluido", "aceito", Mover::Unit, "x").is_err());
    }
}
