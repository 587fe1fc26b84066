//! How many SMS segments a text will take: the sending policy's segment limit and the
//! billing counters need it.
//!
//! This crate depends on no codec, so this is a small estimate: a text made only of
//! characters of the GSM 7 bit default alphabet and its extension table (TS 23.038
//! §6.2.1, §6.2.1.1) counts septets (an extension character takes two, its escape and
//! itself); any other text counts UTF-16 units (UCS-2, TS 23.038 §6.2.3). One segment holds
//! 160 septets or 70 units; a concatenated segment gives 6 octets to its user data header
//! (TS 23.040 §9.2.3.24.1) and holds 153 septets or 67 units. The estimate does not move an
//! escape pair whole to the next segment as real segmenters do, so a long text of many
//! extension characters may really need one segment more. Callers with an exact counter
//! (for example `isms_gsm7::count`) put it in [`crate::SendPolicy::count_segments`].

/// GSM 7 bit septets for `c`: 1 for the default alphabet, 2 for the extension table,
/// `None` when the character needs UCS-2.
fn gsm7_septets(c: char) -> Option<u32> {
    match c {
        // TS 23.038 §6.2.1.1: the extension table reached through the escape (0x1B).
        '^' | '{' | '}' | '\\' | '[' | '~' | ']' | '|' | '€' | '\u{0C}' => Some(2),
        // Printable ASCII of the default alphabet ('`' is the only one missing).
        ' '..='_' | 'a'..='z' | '\n' | '\r' => Some(1),
        // The default alphabet's non-ASCII letters and symbols (TS 23.038 §6.2.1).
        '£' | '¥' | 'è' | 'é' | 'ù' | 'ì' | 'ò' | 'Ç' | 'Ø' | 'ø' | 'Å' | 'å' | 'Δ' | 'Φ' | 'Γ'
        | 'Λ' | 'Ω' | 'Π' | 'Ψ' | 'Σ' | 'Θ' | 'Ξ' | 'Æ' | 'æ' | 'ß' | 'É' | '¤' | '¡' | 'Ä'
        | 'Ö' | 'Ñ' | 'Ü' | '§' | '¿' | 'ä' | 'ö' | 'ñ' | 'ü' | 'à' => Some(1),
        _ => None,
    }
}

/// The estimated number of segments `text` takes (at least 1: an empty SMS is one
/// segment). See the module documentation for the rules and their limits.
#[must_use]
pub fn estimate_segments(text: &str) -> u32 {
    let mut septets = 0u32;
    let mut gsm7 = true;
    for c in text.chars() {
        match gsm7_septets(c) {
            Some(n) => septets = septets.saturating_add(n),
            None => {
                gsm7 = false;
                break;
            }
        }
    }
    let (units, single, multi) = if gsm7 {
        (septets, 160, 153)
    } else {
        let units = text.encode_utf16().count();
        (u32::try_from(units).unwrap_or(u32::MAX), 70, 67)
    };
    if units <= single {
        1
    } else {
        units.div_ceil(multi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm7_limits_160_and_153() {
        assert_eq!(estimate_segments(""), 1);
        assert_eq!(estimate_segments(&"a".repeat(160)), 1);
        assert_eq!(estimate_segments(&"a".repeat(161)), 2);
        assert_eq!(estimate_segments(&"a".repeat(306)), 2);
        assert_eq!(estimate_segments(&"a".repeat(307)), 3);
    }

    #[test]
    fn extension_characters_take_two_septets() {
        assert_eq!(estimate_segments(&"€".repeat(80)), 1);
        assert_eq!(estimate_segments(&"€".repeat(81)), 2);
        assert_eq!(estimate_segments("Åland øre ÆØÅ £5 @ §"), 1);
    }

    #[test]
    fn ucs2_limits_70_and_67() {
        assert_eq!(estimate_segments(&"ж".repeat(70)), 1);
        assert_eq!(estimate_segments(&"ж".repeat(71)), 2);
        assert_eq!(estimate_segments(&"ж".repeat(134)), 2);
        assert_eq!(estimate_segments(&"ж".repeat(135)), 3);
        // A character outside the BMP is two UTF-16 units.
        assert_eq!(estimate_segments(&"😀".repeat(35)), 1);
        assert_eq!(estimate_segments(&"😀".repeat(36)), 2);
        // One non-GSM character turns the whole text to UCS-2.
        assert_eq!(estimate_segments(&format!("{}`", "a".repeat(70))), 2);
    }
}
