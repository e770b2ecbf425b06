//! CSV of a published table for spreadsheet users in Brazil: UTF-8 with a byte-order mark
//! (so Excel reads the accents), `;` between fields (the comma is the decimal mark), decimals
//! with a comma, hidden figures as "< 5" exactly as on the page.

use super::{Figure, Table};
use crate::domain::monitoring::decimal_br;
use crate::domain::monitoring::suppress::HIDDEN_TEXT;

pub fn table_csv(table: &Table) -> String {
    let mut out = String::from("\u{FEFF}");
    let one_col = table.cols.len() <= 1 && table.row_totals.is_empty();
    let mut head = vec![table.row_head.clone()];
    if one_col {
        head.push(crate::domain::text::first_letter(table.noun, true));
        head.push("% do total".to_string());
    } else {
        head.extend(table.cols.iter().map(|(_, l)| l.clone()));
        head.push("Total".to_string());
    }
    line(&mut out, &head);
    for (r, (_, label)) in table.rows.iter().enumerate() {
        let mut fields = vec![label.clone()];
        if one_col {
            let cell = table.cells[r][0];
            fields.push(figure(cell));
            fields.push(share(cell, table.total));
        } else {
            fields.extend(table.cells[r].iter().map(|f| figure(*f)));
            fields.push(figure(table.row_totals[r]));
        }
        line(&mut out, &fields);
    }
    let mut total = vec!["Total".to_string()];
    if one_col {
        total.push(figure(table.total));
        total.push(share(table.total, table.total));
    } else {
        total.extend(table.col_totals.iter().map(|f| figure(*f)));
        total.push(figure(table.total));
    }
    line(&mut out, &total);
    out
}

pub fn figure(f: Figure) -> String {
    match f {
        Figure::Shown(n) => n.to_string(),
        Figure::Hidden => HIDDEN_TEXT.to_string(),
    }
}

/// The share of the total, when both are shown.
pub fn share(part: Figure, whole: Figure) -> String {
    match (part, whole) {
        (Figure::Shown(p), Figure::Shown(w)) if w > 0 => decimal_br(p as f64 * 100.0 / w as f64),
        (Figure::Shown(_), Figure::Shown(_)) => "0,0".to_string(),
        _ => HIDDEN_TEXT.to_string(),
    }
}

fn line(out: &mut String, fields: &[String]) {
    let escaped: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&escaped.join(";"));
    out.push_str("\r\n");
}

/// Quotes a field that needs it (RFC 4180), and defuses text a spreadsheet would run as a
/// formula (an organisation's name starting with "=", "+", "-" or "@").
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Casa; Abrigo"), "\"Casa; Abrigo\"");
        assert_eq!(field("Diz \"oi\""), "\"Diz \"\"oi\"\"\"");
        assert_eq!(field("=SOMA(A1)"), "'=SOMA(A1)");
        assert_eq!(field("< 5"), "< 5");
    }

    #[test]
    fn shares_use_a_comma_and_hide_with_the_figure() {
        assert_eq!(share(Figure::Shown(1), Figure::Shown(3)), "33,3");
        assert_eq!(share(Figure::Hidden, Figure::Shown(3)), "< 5");
    }
}
