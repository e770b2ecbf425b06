//! A light pt-BR stemmer for job search: it folds singular and plural, feminine and masculine
//! into one key, so "pedreira", "pedreiras", "pedreiro" and "pedreiros" meet, and so do
//! "cozinheira" and "cozinheiro", "vendedora" and "vendedor", "garçons" and "garçom".
//! It works on folded words (`text::fold`: lower case, no accents) and is applied the same way
//! to what is indexed and to what is searched, so a key never needs to be a real word.
//! Deliberately light (after Savoy's "light" stemmers): it never cuts a word to its root, only
//! removes number and gender, which is what people vary when they type a trade.

/// Words that say nothing about a job: not indexed, not searched.
pub const STOP_WORDS: [&str; 30] = [
    "a", "ao", "aos", "as", "com", "da", "das", "de", "do", "dos", "e", "em", "na", "nas", "no",
    "nos", "o", "os", "ou", "para", "pela", "pelo", "por", "sem", "um", "uma", "vaga", "vagas",
    "mais", "que",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The key of a folded word (see the module doc). Words of three letters or fewer are kept
/// as they are: too short to tell a plural from a word.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.is_ascii() || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    let mut w = singular(word);
    w = masculine(&w);
    // "pintore" (from "pintores") and "pintor" meet; "mestre" keeps its e (consonant before r).
    if w.len() > 4 {
        let b = w.as_bytes();
        let n = b.len();
        if b[n - 1] == b'e' && matches!(b[n - 2], b'r' | b'z') && is_vowel(b[n - 3]) {
            w.truncate(n - 1);
        }
    }
    w
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn replace_suffix(word: &str, suffix: &str, with: &str) -> Option<String> {
    word.strip_suffix(suffix)
        .filter(|stem| stem.len() >= 2)
        .map(|stem| format!("{stem}{with}"))
}

/// Plural → singular (folded spelling): "botoes" → "botao", "gerais" → "geral",
/// "garcons" → "garcom", "servicos" → "servico".
fn singular(word: &str) -> String {
    for (suffix, with) in [
        ("oes", "ao"),
        ("aes", "ao"),
        ("ais", "al"),
        ("eis", "el"),
        ("ois", "ol"),
        ("uis", "ul"),
        ("ns", "m"),
    ] {
        if let Some(w) = replace_suffix(word, suffix, with) {
            return w;
        }
    }
    match word.strip_suffix('s') {
        // "ss" is not a plural; "us" and "is" endings are mostly singular ("onibus", "lapis").
        Some(w) if !w.ends_with('s') && !w.ends_with('u') && !w.ends_with('i') && w.len() >= 3 => {
            w.to_string()
        }
        _ => word.to_string(),
    }
}

/// Feminine → masculine: "cozinheira" → "cozinheiro", "vendedora" → "vendedor",
/// "empregada" → "empregado". Words that only end in "a" ("cozinha", "limpeza") get the same
/// treatment: a key, not a word, but the same key every time.
fn masculine(word: &str) -> String {
    if let Some(w) = replace_suffix(word, "eira", "eiro") {
        return w;
    }
    if let Some(w) = word.strip_suffix("ora").filter(|w| w.len() >= 3) {
        return format!("{w}or");
    }
    match word.strip_suffix('a') {
        Some(w) if w.len() >= 3 => format!("{w}o"),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(words: &[&str]) {
        let first = stem(words[0]);
        for w in &words[1..] {
            assert_eq!(stem(w), first, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn gender_and_number_meet() {
        same(&["pedreiro", "pedreira", "pedreiros", "pedreiras"]);
        same(&["cozinheiro", "cozinheira", "cozinheiros", "cozinheiras"]);
        same(&["vendedor", "vendedora", "vendedores", "vendedoras"]);
        same(&["zelador", "zeladora", "zeladores"]);
        same(&["pintor", "pintores", "pintora"]);
        same(&["garcom", "garcons"]);
        same(&["servico", "servicos"]);
        same(&["geral", "gerais"]);
        same(&["empregado", "empregada", "empregadas"]);
        same(&["auxiliar", "auxiliares"]);
        same(&["ajudante", "ajudantes"]);
        same(&["atendente", "atendentes"]);
        same(&["motorista", "motoristas"]);
        same(&["faxineiro", "faxineira", "faxineiras"]);
        same(&["eletricista", "eletricistas"]);
        same(&["operador", "operadora", "operadores"]);
        same(&["cozinha", "cozinhas"]);
        same(&["mestre", "mestres"]);
        same(&["papel", "papeis"]);
    }

    #[test]
    fn different_trades_stay_apart() {
        assert_ne!(stem("pedreiro"), stem("padeiro"));
        assert_ne!(stem("cozinha"), stem("cozinheiro"));
        assert_ne!(stem("pintor"), stem("pinto"));
        assert_ne!(stem("mestre"), stem("mestr"));
        assert_eq!(stem("onibus"), "onibus");
        assert_eq!(stem("gas"), "gas");
        assert_eq!(stem("ti"), "ti");
        assert_eq!(stem("nr10"), "nr10");
    }

    #[test]
    fn stop_words_are_known() {
        assert!(is_stop_word("de"));
        assert!(!is_stop_word("auxiliar"));
    }
}
