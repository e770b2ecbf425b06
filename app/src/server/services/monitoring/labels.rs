//! The rows and columns of a table: every value of a fixed list (so an empty group shows,
//! hidden like any small one) plus any other value found, each with its pt-BR name.

use super::{Area, Choice, Dim};
use crate::domain::jobs::SCHOOLING;
use crate::domain::monitoring::{AGE_BANDS, GENDER_GROUPS};
use crate::domain::people::RACES;
use crate::domain::place::UFS;
use crate::server::entities::{location, unit};
use crate::server::error::WebError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

const CATEGORIES: [(&str, &str); 3] = [
    ("egresso", "Egressa"),
    ("pre_egresso", "Pré-egressa"),
    ("familiar", "Familiar"),
];

pub struct Names {
    /// "Escritório Social de Brasília", "Minas Gerais", "Brasil".
    pub area: String,
    /// The UFs and municipalities with an office in the area: every one is a row, also
    /// when it has nothing to count.
    places: Vec<(String, String)>,
    /// IBGE code → "Contagem (MG)", for the municipalities that have units.
    municipalities: HashMap<String, String>,
}

impl Names {
    pub async fn load(db: &DatabaseConnection, choice: &Choice) -> Result<Names, WebError> {
        let units = unit::Entity::find().all(db).await?;
        let area = match &choice.area {
            Area::Unit(id) => units
                .iter()
                .find(|u| u.id == *id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            Area::Uf(uf) => uf_name(uf).to_string(),
            Area::Country => "Brasil".to_string(),
        };
        let codes: Vec<String> = units.iter().map(|u| u.ibge_municipality.clone()).collect();
        // A city's name is public data kept with the directory's places.
        let mut municipalities: HashMap<String, String> = HashMap::new();
        let places: Vec<(String, Option<String>, Option<String>)> = location::Entity::find()
            .select_only()
            .column(location::Column::IbgeMunicipality)
            .column_as(location::Column::City.min(), "city")
            .column_as(location::Column::Uf.min(), "uf")
            .filter(location::Column::IbgeMunicipality.is_in(codes))
            .group_by(location::Column::IbgeMunicipality)
            .into_tuple()
            .all(db)
            .await?;
        for (code, city, uf) in places {
            if let (Some(city), Some(uf)) = (city, uf) {
                municipalities.insert(code, format!("{city} ({uf})"));
            }
        }
        for u in &units {
            municipalities
                .entry(u.ibge_municipality.clone())
                .or_insert_with(|| format!("Município {} ({})", u.ibge_municipality, u.uf));
        }
        let mut places: Vec<(String, String)> = units
            .iter()
            .filter(|u| match &choice.area {
                Area::Unit(id) => u.id == *id,
                Area::Uf(uf) => u.uf == *uf,
                Area::Country => true,
            })
            .map(|u| (u.uf.clone(), u.ibge_municipality.clone()))
            .collect();
        places.sort();
        places.dedup();
        Ok(Names {
            area,
            places,
            municipalities,
        })
    }

    /// The values of `dim`: the fixed list first, then the others found, by name.
    pub fn values<'a>(
        &self,
        choice: &Choice,
        dim: Dim,
        found: impl Iterator<Item = &'a str>,
    ) -> Vec<(String, String)> {
        let fixed: Vec<(String, String)> = match dim {
            Dim::Month => choice
                .period
                .months()
                .into_iter()
                .map(|m| (m.key, m.label))
                .collect(),
            Dim::Cut("raca") => pairs(&RACES),
            Dim::Cut("genero") => pairs(&GENDER_GROUPS[..6]),
            Dim::Cut("idade") => AGE_BANDS[..7]
                .iter()
                .map(|(c, l, _)| (c.to_string(), l.to_string()))
                .collect(),
            Dim::Cut("escolaridade") => pairs(&SCHOOLING),
            Dim::Cut("categoria") => pairs(&CATEGORIES),
            Dim::Cut("uf") => {
                let mut ufs: Vec<&str> = self.places.iter().map(|(uf, _)| uf.as_str()).collect();
                ufs.dedup();
                let mut list: Vec<(String, String)> = ufs
                    .into_iter()
                    .map(|uf| (uf.to_string(), self.label(dim, uf)))
                    .collect();
                list.sort_by(|a, b| a.1.cmp(&b.1));
                list
            }
            Dim::Cut("municipio") => {
                let mut list: Vec<(String, String)> = self
                    .places
                    .iter()
                    .map(|(_, code)| (code.clone(), self.label(dim, code)))
                    .collect();
                list.sort_by(|a, b| a.1.cmp(&b.1));
                list.dedup();
                list
            }
            Dim::Cut(own) => choice
                .indicator
                .own_values(own)
                .map(|l| pairs(&l))
                .unwrap_or_default(),
        };
        let mut others: Vec<(String, String)> = found
            .filter(|code| !fixed.iter().any(|(c, _)| c == code))
            .map(|code| (code.to_string(), self.label(dim, code)))
            .collect();
        others.sort_by(|a, b| {
            // "Not informed" goes last, the rest by name.
            let last = |c: &str| c.starts_with("nao_informad");
            (last(&a.0), &a.1).cmp(&(last(&b.0), &b.1))
        });
        others.dedup();
        fixed.into_iter().chain(others).collect()
    }

    fn label(&self, dim: Dim, code: &str) -> String {
        match (dim, code) {
            (_, "nao_informada" | "nao_informado") => match dim {
                Dim::Cut("raca") => "Não perguntado".to_string(),
                Dim::Cut("idade") => "Idade não informada".to_string(),
                _ => "Não informado".to_string(),
            },
            (Dim::Cut("uf"), uf) => uf_name(uf).to_string(),
            (Dim::Cut("municipio"), ibge) => self
                .municipalities
                .get(ibge)
                .cloned()
                .unwrap_or_else(|| ibge.to_string()),
            // Open lists (the organisation that received a referral) are their own names.
            (_, other) => other.to_string(),
        }
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect()
}

fn uf_name(uf: &str) -> &'static str {
    UFS.iter()
        .find(|(c, _, _)| *c == uf)
        .map(|(_, n, _)| *n)
        .unwrap_or("UF desconhecida")
}
