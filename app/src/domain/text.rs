//! Folding text for search: lower case, Portuguese accents removed, punctuation to spaces.
//! The same function prepares what is indexed and what is searched, so "manutencao",
//! "MANUTENÇÃO" and "Manutenção" all meet on both databases.

pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if plain == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(plain);
    }
    out.trim_end().to_string()
}

/// The words of a search, folded, without duplicates; at most 8 (a query, not an essay).
/// Only ASCII letters and digits survive, so a term is always safe inside a full-text query.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in fold(query).split(' ') {
        let word: String = word.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if !word.is_empty() && !terms.contains(&word) {
            terms.push(word);
        }
        if terms.len() == 8 {
            break;
        }
    }
    terms
}

/// `text` with its first letter upper-case (`upper`) or lower-case: "pessoas" → "Pessoas".
pub fn first_letter(text: &str, upper: bool) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if upper => first.to_uppercase().chain(chars).collect(),
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The rows of a CSV text (RFC 4180: `,` between fields, `"` around fields with commas,
/// quotes or line breaks, `""` for a quote), each with the line it starts on. A byte-order
/// mark is skipped; `\r` is ignored outside quotes.
pub fn csv_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let (mut row, mut cur) = (Vec::new(), String::new());
    let (mut quoted, mut line, mut start) = (false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cur.push(c);
            }
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cur)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cur));
                rows.push((start, std::mem::take(&mut row)));
                line += 1;
                start = line;
            }
            (false, c) => cur.push(c),
        }
    }
    if !cur.is_empty() || !row.is_empty() {
        row.push(cur);
        rows.push((start, row));
    }
    rows
}

/// A value for a link's query string (`application/x-www-form-urlencoded`: space as `+`).
pub fn encode_query(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_quoted_commas_quotes_and_line_breaks() {
        let rows = csv_rows("\u{FEFF}a,b\r\n\"x, y\",\"diz \"\"oi\"\"\"\n\"duas\nlinhas\",z\nfim,");
        assert_eq!(rows[0], (1, vec!["a".to_string(), "b".to_string()]));
        assert_eq!(
            rows[1],
            (2, vec!["x, y".to_string(), "diz \"oi\"".to_string()])
        );
        assert_eq!(
            rows[2],
            (3, vec!["duas\nlinhas".to_string(), "z".to_string()])
        );
        assert_eq!(rows[3], (5, vec!["fim".to_string(), String::new()]));
        assert_eq!(first_letter("pessoas", true), "Pessoas");
        assert_eq!(first_letter("Cor ou raça", false), "cor ou raça");
    }

    #[test]
    fn query_values_survive_a_link() {
        // A search typed with accents, spaces and '&' must come back as typed on the next page.
        assert_eq!(encode_query("ajudante & pedreiro"), "ajudante+%26+pedreiro");
        assert_eq!(encode_query("São"), "S%C3%A3o");
        assert_eq!(encode_query("a-b_c.d~"), "a-b_c.d~");
    }

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fold("Manutenção Elétrica"), "manutencao eletrica");
        assert_eq!(fold("AÇOUGUEIRO"), "acougueiro");
        assert_eq!(fold("São  Paulo/SP"), "sao paulo sp");
    }

    #[test]
    fn search_terms_are_safe_and_deduplicated() {
        assert_eq!(
            search_terms("Pedreiro pedreiro \"OR\" *obra*"),
            vec!["pedreiro", "or", "obra"]
        );
        assert!(search_terms("  -- ").is_empty());
        assert_eq!(search_terms("a b c d e f g h i j").len(), 8);
    }
}
