//! BCP 47 language tags (RFC 5646): the one check of their well-formed syntax.

/// The irregular grandfathered tags, which the syntax of RFC 5646 does not describe.
const IRREGULAR: [&str; 17] = [
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
];

/// How to write a tag, for diagnostics.
pub const HELP: &str = "write a BCP 47 language tag: a language code, optionally followed by a script and a region, such as `fr`, `de-CH`, `pt-BR` or `zh-Hant`";

/// Checks that `tag` is a well-formed BCP 47 language tag (RFC 5646, section 2.1: language,
/// extended languages, script, region, variants, extensions and private use, in that order).
/// Returns why it is not. Whether the subtags are registered is not checked.
pub fn check(tag: &str) -> Result<(), String> {
    if tag.is_empty() {
        return Err("it is empty".to_string());
    }
    if let Some(c) = tag
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
    {
        return Err(format!(
            "it holds `{}`; a tag has only letters, digits and `-`",
            c.escape_default()
        ));
    }
    let lower = tag.to_ascii_lowercase();
    if IRREGULAR.contains(&lower.as_str()) {
        return Ok(());
    }
    let subtags: Vec<&str> = lower.split('-').collect();
    if subtags.iter().any(|s| s.is_empty()) {
        return Err("it has an empty part (`--`, or a `-` at an end)".to_string());
    }
    if let Some(long) = subtags.iter().find(|s| s.len() > 8) {
        return Err(format!("its part `{long}` is longer than 8 characters"));
    }
    let alpha = |s: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let mut rest = subtags.as_slice();
    // A private-use tag on its own: `x-whatever`.
    if rest[0] != "x" {
        let language = rest[0];
        // RFC 5646 reserves 4 to 8 letters for codes never assigned: only 2 or 3 are in use.
        if !alpha(language, 2..=3) {
            return Err(format!(
                "it starts with `{language}`, not a language code (2 or 3 letters, such as `en` or `fil`)"
            ));
        }
        rest = &rest[1..];
        // Up to three extended language subtags.
        let mut extlangs = 0;
        while extlangs < 3 && rest.first().is_some_and(|s| alpha(s, 3..=3)) {
            rest = &rest[1..];
            extlangs += 1;
        }
        if rest.first().is_some_and(|s| alpha(s, 4..=4)) {
            rest = &rest[1..];
        }
        if rest.first().is_some_and(|s| {
            alpha(s, 2..=2) || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        }) {
            rest = &rest[1..];
        }
        while rest
            .first()
            .is_some_and(|s| s.len() >= 5 || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit()))
        {
            rest = &rest[1..];
        }
        while let Some(&singleton) = rest.first().filter(|s| s.len() == 1 && **s != "x") {
            rest = &rest[1..];
            let count = rest.iter().take_while(|s| s.len() >= 2).count();
            if count == 0 {
                return Err(format!(
                    "its extension `{singleton}` has no part of 2 to 8 characters after it"
                ));
            }
            rest = &rest[count..];
        }
    }
    if rest.first() == Some(&"x") {
        if rest.len() == 1 {
            return Err("its private-use part `x` has nothing after it".to_string());
        }
        return Ok(());
    }
    match rest.first() {
        None => Ok(()),
        Some(part) => Err(format!(
            "`{part}` is out of place (the order is language, script, region, variants)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_well_formed_tags() {
        for tag in [
            "fr",
            "de-CH",
            "zh-Hant",
            "zh-Hant-TW",
            "es-419",
            "sr-Latn-RS",
            "en-US-x-twain",
            "de-DE-1996",
            "sl-rozaj-biske",
            "zh-yue-HK",
            "i-klingon",
            "x-whatever",
            "en-a-bbb-x-a-ccc",
            "hy-Latn-IT-arevela",
            "fil",
        ] {
            assert_eq!(check(tag), Ok(()), "{tag}");
        }
    }

    #[test]
    fn refuses_malformed_tags_saying_why() {
        for (tag, why) in [
            ("", "empty"),
            ("french", "not a language code"),
            ("fr_FR", "`_`"),
            ("en--US", "empty part"),
            ("en-", "empty part"),
            ("de-419-DE", "`de` is out of place"),
            ("en-a", "extension `a`"),
            ("en-x", "private-use"),
            ("f", "not a language code"),
            ("fr-Latn-toolongpart", "longer than 8"),
            ("frança", "`\\u{e7}`"),
        ] {
            let error = check(tag).expect_err(tag);
            assert!(error.contains(why), "{tag}: {error}");
        }
    }
}
