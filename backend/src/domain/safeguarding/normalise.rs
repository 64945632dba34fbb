//! Text as the phrase matcher sees it, so that a child's spelling cannot slip past: compatibility
//! forms folded (NFKC), invisible characters dropped, look-alike letters from other scripts folded
//! to the letter they imitate (Unicode UTS #39 confusable skeletons), accents and Arabic vowel
//! marks dropped, digits inside words read as letters ("k1ll"), repeated letters collapsed
//! ("hurrrt"), apostrophes dropped ("dont"), and common text speak spelled out ("wanna" → "want
//! to"). Phrases go through the same steps, so both sides always agree.

use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// The normalised words of `text`, each followed by one space, with one space in front:
/// `" want to die "`. Padding makes every phrase match whole words only.
pub fn words(text: &str) -> String {
    finish(plain_words(text))
}

/// The same words with runs of single letters joined up ("h u r t me" → "hurt me"), for
/// children who space a word out so that it is not seen.
pub fn joined(text: &str) -> String {
    let mut out = Vec::new();
    let mut run = String::new();
    for word in plain_words(text) {
        if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
            run.push_str(&word);
            continue;
        }
        if !run.is_empty() {
            out.push(collapse_repeats(&std::mem::take(&mut run)));
        }
        out.push(word);
    }
    if !run.is_empty() {
        out.push(collapse_repeats(&run));
    }
    finish(out)
}

/// Text speak spelled out, then each word folded to its skeleton, padded with spaces.
fn finish(words: Vec<String>) -> String {
    let mut out = String::from(" ");
    for word in &words {
        for part in text_speak(word).unwrap_or(word).split(' ') {
            let folded: String = skeleton(part)
                .filter(|&c| !is_mark(c))
                .flat_map(char::to_lowercase)
                .map(fold_letter)
                .collect();
            out.push_str(&collapse_repeats(&folded));
            out.push(' ');
        }
    }
    out
}

/// The words as typed, before look-alikes are folded: NFKC, lower case, invisible characters,
/// apostrophes and marks out, digits inside words read as letters, repeated letters collapsed,
/// split on anything that is not a letter or digit.
fn plain_words(text: &str) -> Vec<String> {
    let visible: Vec<char> = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|&c| {
            !is_invisible(c) && !is_mark(c) && !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
        })
        .collect();
    leet(&visible)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(collapse_repeats)
        .collect()
}

/// Default-ignorable and format characters a child (or a keyboard) can put inside a word
/// without it looking any different: zero-width spaces and joiners, soft hyphens, variation
/// selectors, direction marks, the Arabic tatweel.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{0640}' | '\u{115F}' | '\u{1160}'
        | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Combining marks: Latin accents after decomposition (so "czuję" and "czuje" agree) and the
/// Arabic short vowels and other marks that are often left out.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Letters that stay apart after decomposition but are written interchangeably: Polish ł, and
/// the Arabic and Urdu forms of alef, yeh, kaf, heh and teh marbuta.
fn fold_letter(c: char) -> char {
    match c {
        'ł' => 'l',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ے' => 'ي',
        'ک' => 'ك',
        'ہ' | 'ھ' | 'ة' | 'ۃ' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        _ => c,
    }
}

/// Digits written for letters inside a word ("k1ll", "h4te", "d13"): every digit of a run of
/// letters and digits that has a letter in it. A number on its own ("2", "24") is left for
/// `text_speak`. Done before the skeleton, which would read "1" as "l".
fn leet(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    for run in chars.chunk_by(|a, b| a.is_alphanumeric() == b.is_alphanumeric()) {
        let in_word = run.iter().any(|c| c.is_alphabetic());
        out.extend(run.iter().map(|&c| match c {
            '0' if in_word => 'o',
            '1' if in_word => 'i',
            '3' if in_word => 'e',
            '4' if in_word => 'a',
            '5' if in_word => 's',
            '7' if in_word => 't',
            '8' if in_word => 'b',
            _ => c,
        }));
    }
    out
}

/// One of each run of the same letter: "hurrrrt" → "hurt", and so "kill" → "kil" on both sides.
fn collapse_repeats(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut last = None;
    for c in token.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Text speak spelled out. Applied after repeats are collapsed, so keys are collapsed too.
fn text_speak(token: &str) -> Option<&'static str> {
    Some(match token {
        "u" | "yu" => "you",
        "r" => "are",
        "ur" | "youre" | "yor" => "your",
        "wana" | "wanna" => "want to",
        "gona" | "gonna" => "going to",
        "gota" | "gotta" => "got to",
        "2" => "to",
        "im" => "i am",
        "cant" => "can not",
        "dont" | "dnt" => "do not",
        "wont" => "will not",
        "didnt" | "didn" => "did not",
        "plz" | "pls" => "please",
        "coz" | "cos" | "cuz" => "because",
        "kms" => "kill myself",
        "ded" => "dead",
        "ppl" => "people",
        "ma" => "my",
        "hes" => "he is",
        "shes" => "she is",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguised_spellings_read_as_the_plain_words() {
        for (disguised, plain) in [
            ("He HURT me!!", "he hurt me"),
            ("hu\u{200B}rt me", "hurt me"),
            ("h\u{00AD}urt m\u{200D}e", "hurt me"),
            ("i want to d\u{0456}\u{0435}", "i want to die"),
            ("hurrrrrt meeee", "hurt me"),
            ("k1ll myself", "kill myself"),
            ("I don\u{2019}t feel safe", "i dont feel safe"),
            ("ＨＵＲＴ ＭＥ", "hurt me"),
            ("wanna die", "want to die"),
            ("nie czuję się bezpiecznie", "nie czuje sie bezpiecznie"),
            ("uderzył mnie", "uderzyl mnie"),
        ] {
            assert_eq!(words(disguised), words(plain), "{disguised:?}");
        }
        assert_ne!(words("hurt me"), words("hurt you"));
    }

    #[test]
    fn spaced_out_letters_are_joined_up() {
        assert_eq!(joined("h u r t me"), words("hurt me"));
        assert_eq!(joined("he h.u.r.t me"), words("he hurt me"));
        assert_eq!(joined("i am fine"), words("i am fine"));
    }

    #[test]
    fn arabic_vowel_marks_and_letter_forms_fold() {
        assert_eq!(words("يَضْرِبُنِي"), words("يضربني"));
        assert_eq!(words("أريد أن أموت"), words("اريد ان اموت"));
        assert_eq!(words("میں محفوظ نہیں"), words("ميں محفوظ نهيں"));
    }
}
