//! Reflection prompts, in the project's own words, and the prompt of the day.
//!
//! Prompts invite self-awareness and attachment reflection without judgment: when the urge
//! to pull away comes, what closeness stirs up, what helped. Each has a stable key so an
//! entry can record which prompt it answered. The prompt of the day walks the list in a
//! fixed order, one per calendar day of the person's own zone, so everyone sees every
//! prompt once per cycle and the same date always gives the same prompt.
//!
//! Not here: storing answers (they are entries) or localisation (shells translate by key).

use crate::error::{Error, Result};

/// One reflection prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// Stable key, e.g. `urge_to_pull_away`.
    pub key: String,
    /// Theme: `self_awareness`, `attachment` or `closeness`.
    pub theme: String,
    /// The question as shown.
    pub text: String,
}

const PROMPTS: &[(&str, &str, &str)] = &[
    (
        "urge_to_pull_away",
        "self_awareness",
        "When did I last feel the urge to pull away? What was happening just before?",
    ),
    (
        "someone_closer",
        "attachment",
        "What comes up in me when someone gets closer than I expected?",
    ),
    (
        "appreciation_unsaid",
        "closeness",
        "What did someone do recently that I appreciated but did not mention?",
    ),
    (
        "guard_up",
        "self_awareness",
        "Which situations make me put my guard up, and what does my guard look like from the outside?",
    ),
    (
        "learned_about_depending",
        "attachment",
        "What did I learn early on about what happens when I depend on people?",
    ),
    (
        "stayed_present",
        "closeness",
        "When did I stay present even though part of me wanted to leave? What helped me stay?",
    ),
    (
        "body_first",
        "self_awareness",
        "Where in my body do I notice it first when I start to feel unsafe with someone?",
    ),
    (
        "when_uncertain",
        "attachment",
        "When I feel unsure about someone, what do I do: reach out, wait, or withdraw?",
    ),
    (
        "asked_instead",
        "closeness",
        "Where did I assume what someone meant instead of asking? What would I ask now?",
    ),
    (
        "story_i_told",
        "self_awareness",
        "What story did I tell myself today about what someone else was thinking? What else could be true?",
    ),
    (
        "space_or_distance",
        "attachment",
        "When I ask for space, is it rest I need, or distance from a feeling?",
    ),
    (
        "boundary_to_stay",
        "closeness",
        "Is there a boundary I could set so that I can stay close instead of pulling away?",
    ),
    (
        "what_distance_protects",
        "self_awareness",
        "What is my distance trying to protect me from?",
    ),
    (
        "being_needed",
        "attachment",
        "How do I feel when someone needs me? And when I need them?",
    ),
    (
        "coming_back",
        "closeness",
        "What helps me come back to myself when closeness starts to feel like too much?",
    ),
    (
        "safe_moment",
        "self_awareness",
        "Describe a moment this week when I felt safe with someone. What made it safe?",
    ),
    (
        "trust_shown",
        "attachment",
        "Who has shown me, by what they did, that they can be trusted? What did they do?",
    ),
    (
        "friend_kindness",
        "closeness",
        "What would I say to a friend who had pulled away the way I did?",
    ),
    (
        "need_unasked",
        "self_awareness",
        "What did I need today that I did not ask for?",
    ),
    (
        "repair_remembered",
        "attachment",
        "Think of a time a conflict was repaired. What made the repair possible?",
    ),
    (
        "year_of_change",
        "closeness",
        "What can I do in a relationship now that I could not do a year ago?",
    ),
    (
        "small_risk",
        "self_awareness",
        "What is one small thing I could let someone see about me this week?",
    ),
    (
        "fear_of_being_seen",
        "attachment",
        "If someone saw me completely, what am I afraid they would find?",
    ),
    (
        "closeness_i_want",
        "closeness",
        "What kind of closeness do I want, in my own words?",
    ),
];

/// Every prompt, in the order the prompt of the day walks them.
pub fn prompts() -> Vec<Prompt> {
    PROMPTS
        .iter()
        .map(|(key, theme, text)| Prompt {
            key: (*key).to_owned(),
            theme: (*theme).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

/// The prompt for a local calendar date (`YYYY-MM-DD`, the person's own day).
pub fn prompt_of_the_day(date: &str) -> Result<Prompt> {
    let day = crate::calendar::parse_date_text(date)
        .ok_or_else(|| Error::invalid("date", "must be a calendar date written YYYY-MM-DD"))?;
    let days = crate::calendar::day_number(day);
    let index = days.rem_euclid(PROMPTS.len() as i64) as usize;
    let (key, theme, text) = PROMPTS[index];
    Ok(Prompt {
        key: key.to_owned(),
        theme: theme.to_owned(),
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_themes_known() {
        let all = prompts();
        assert!(all.len() >= 24);
        let keys: HashSet<_> = all.iter().map(|p| p.key.clone()).collect();
        assert_eq!(keys.len(), all.len());
        assert!(
            all.iter()
                .all(|p| ["self_awareness", "attachment", "closeness"].contains(&p.theme.as_str()))
        );
        assert!(all.iter().all(|p| p.text.ends_with('?')));
    }

    #[test]
    fn consecutive_days_walk_every_prompt_once_per_cycle() {
        let start = crate::calendar::day_number(jiff::civil::date(2026, 11, 28));
        let seen: HashSet<_> = (0..PROMPTS.len() as i64)
            .map(|d| {
                let date = crate::calendar::date_text(crate::calendar::date_of(start + d).unwrap());
                prompt_of_the_day(&date).unwrap().key
            })
            .collect();
        assert_eq!(seen.len(), PROMPTS.len());
    }

    #[test]
    fn a_date_that_is_not_a_date_names_the_field() {
        for bad in ["", "2026-02-30", "28/11/2026", "2026-11-28T10:00"] {
            assert!(
                matches!(
                    prompt_of_the_day(bad),
                    Err(Error::InvalidInput { field: "date", .. })
                ),
                "{bad}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_same_date_always_gives_the_same_prompt(days in -100_000i64..100_000) {
            let date = crate::calendar::date_text(crate::calendar::date_of(days).unwrap());
            prop_assert_eq!(prompt_of_the_day(&date).unwrap(), prompt_of_the_day(&date).unwrap());
        }
    }
}
