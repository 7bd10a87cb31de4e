//! The shapes of a note a writer leaves for colleagues, whatever its words: a sentence addressed
//! to the team ("Team: …", "@dana …"), an instruction to ask or confirm something with a colleague
//! ("Confirm the wording with the engineering team."), or a question to one ("Do we still …?").
//! Used by the `placeholder` rule next to its list of known phrases.

use super::text::starts_with_ignore_ascii_case;

/// Who a writer's colleagues are, as a note names them (lower case, whole words). A reader's own
/// people come with "your" ("ask your administrator") and are never matched.
const COLLEAGUES: [&str; 20] = [
    "engineering team",
    "engineering",
    "engineers",
    "dev team",
    "devs",
    "dev",
    "developers",
    "product team",
    "product manager",
    "product",
    "pm",
    "qa",
    "qa team",
    "design team",
    "designers",
    "docs team",
    "legal",
    "legal team",
    "team",
    "sme",
];

/// Words a note opens with when it is addressed to colleagues ("Team: we still owe …").
const ADDRESSEES: [&str; 10] = [
    "team",
    "devs",
    "dev",
    "eng",
    "engineering",
    "reviewers",
    "editors",
    "writers",
    "qa",
    "pm",
];

/// Verbs of an instruction to check something with someone ("confirm … with the dev team").
pub(super) const CHECK_VERBS: [&str; 7] = [
    "confirm",
    "check",
    "verify",
    "clarify",
    "double-check",
    "align",
    "ask",
];

/// For an ASCII sentence (trimmed), whose lower case is its ASCII lower case: whether any of the
/// tests can hold. Each needs the sentence to start with `@` or an addressee, to end with `?`,
/// or to hold a check verb; most sentences do none of these and are settled without a
/// lower-case copy and a look at every word.
fn may_be_note(trimmed: &str, holds_check_verb: bool) -> bool {
    trimmed.starts_with('@')
        || trimmed.ends_with('?')
        || ADDRESSEES
            .iter()
            .any(|who| starts_with_ignore_ascii_case(trimmed, who))
        || holds_check_verb
}

/// Whether `sentence` has the shape of a note to colleagues. `holds_check_verb`: whether one of
/// [`CHECK_VERBS`] occurs anywhere in it, in any ASCII case (the `placeholder` rule finds them
/// in its one search of the whole text, rather than searching every sentence again).
pub fn is_note_to_colleagues(sentence: &str, holds_check_verb: bool) -> bool {
    if sentence.is_ascii() && !may_be_note(sentence.trim(), holds_check_verb) {
        return false;
    }
    let lower = sentence.trim().to_lowercase();
    addressed(&lower) || checks_with_colleague(&lower) || asks_a_colleague(&lower)
}

/// "@dana …", "Team: …", "Devs, …".
fn addressed(lower: &str) -> bool {
    if lower
        .strip_prefix('@')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphanumeric()))
    {
        return true;
    }
    ADDRESSEES.iter().any(|who| {
        lower
            .strip_prefix(who)
            .is_some_and(|rest| rest.starts_with([':', ',']))
    })
}

/// Whether `at` in `lower` starts a colleague's name, as a whole word.
fn colleague_at(lower: &str, at: usize) -> bool {
    let rest = &lower[at..];
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    if rest.starts_with('@') {
        return true;
    }
    COLLEAGUES.iter().any(|who| {
        rest.strip_prefix(who)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// The words of `lower` with where each starts.
fn words(lower: &str) -> impl Iterator<Item = (usize, &str)> {
    lower
        .split_whitespace()
        .map(move |word| (word.as_ptr() as usize - lower.as_ptr() as usize, word))
}

/// "Confirm the exact wording with the engineering team", "ask product whether …": a check verb,
/// then (in the same sentence) `with` a colleague, or `ask` followed by one.
fn checks_with_colleague(lower: &str) -> bool {
    let Some(verb) = words(lower).find(|(_, w)| {
        CHECK_VERBS
            .iter()
            .any(|v| w.trim_end_matches([',', ':']) == *v)
    }) else {
        return false;
    };
    let after_verb = verb.0 + verb.1.len();
    if verb.1.starts_with("ask") && colleague_at(lower, (after_verb + 1).min(lower.len())) {
        return true;
    }
    words(&lower[after_verb..])
        .filter(|(_, w)| *w == "with")
        .any(|(at, _)| colleague_at(lower, (after_verb + at + 5).min(lower.len())))
}

/// "Do we still support CSV?", "Is this still right?": a question about the text, asked in it.
fn asks_a_colleague(lower: &str) -> bool {
    if !lower.ends_with('?') {
        return false;
    }
    const OPENERS: [&str; 12] = [
        "do we ",
        "did we ",
        "should we ",
        "can we ",
        "could we ",
        "are we ",
        "have we ",
        "shall we ",
        "is this still ",
        "is this right",
        "is this correct",
        "is this accurate",
    ];
    OPENERS.iter().any(|o| lower.starts_with(o))
}

#[cfg(test)]
mod tests {
    use super::CHECK_VERBS;

    /// Whether `sentence` is a note, with its check verbs found by a plain search.
    fn note(sentence: &str) -> bool {
        let lower = sentence.to_ascii_lowercase();
        super::is_note_to_colleagues(sentence, CHECK_VERBS.iter().any(|v| lower.contains(v)))
    }

    #[test]
    fn notes_by_their_shape() {
        assert!(note(
            "Confirm the exact wording of this error with the engineering team."
        ));
        assert!(note(
            "Check the wording of this message with the engineering team before we publish."
        ));
        assert!(note(
            "Team: we still owe the retry limits from the API docs."
        ));
        assert!(note(
            "@dana is this still the right menu path after the settings redesign?"
        ));
        assert!(note("Ask product whether the limit is 30 or 60 days."));
        assert!(note("Do we still support CSV exports?"));
        assert!(note("Is this still correct?"));
    }

    #[test]
    fn published_text_is_not_a_note() {
        for text in [
            "Ask your administrator to grant it or to give you other credentials.",
            "Confirm that the toggle is on.",
            "Check that the subscription is on, and start the flow again.",
            "Confirm with your Sage Intacct password.",
            "Ask your IT team to allow the address.",
            "Contact the support team if the error comes back.",
            "Check with your bank that the account is open.",
            "Why does my report show zero?",
            "Teams: see the list of roles.",
            "Verify your identity with the code we sent.",
            "Email dana@example.com for access.",
        ] {
            assert!(!note(text), "{text}");
        }
    }
}
