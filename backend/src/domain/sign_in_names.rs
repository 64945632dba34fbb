//! Easy-to-remember sign-in names: a kind adjective, an animal and a number, e.g. `brave-otter-42`.
//! Words are short, common and spell the way they sound, for young readers.

use rand::seq::SliceRandom;
use rand::Rng;

const ADJECTIVES: &[&str] = &[
    "brave", "bright", "calm", "clever", "cosy", "daring", "eager", "fair", "fast", "gentle",
    "glad", "golden", "happy", "jolly", "kind", "lively", "lucky", "merry", "mighty", "neat",
    "proud", "quick", "quiet", "sunny", "swift", "tidy", "warm", "wise", "witty", "zesty",
];

const ANIMALS: &[&str] = &[
    "badger", "bear", "beaver", "bee", "cat", "deer", "dolphin", "duck", "eagle", "falcon", "fox",
    "frog", "hare", "hedgehog", "heron", "koala", "lion", "lynx", "moose", "otter", "owl", "panda",
    "puffin", "rabbit", "robin", "seal", "swan", "tiger", "whale", "wolf",
];

/// One suggestion; the caller checks it is not taken and asks again if it is.
pub fn suggest(rng: &mut impl Rng) -> String {
    let adjective = ADJECTIVES.choose(rng).copied().unwrap_or("brave");
    let animal = ANIMALS.choose(rng).copied().unwrap_or("otter");
    let number: u8 = rng.gen_range(2..100);
    format!("{adjective}-{animal}-{number}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use shared::validate::SignInName;

    proptest! {
        #[test]
        fn every_suggestion_is_a_valid_sign_in_name(seed: u64) {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let name = suggest(&mut rng);
            prop_assert_eq!(SignInName::parse(&name).map(|n| n.into_inner()), Ok(name));
        }
    }

    #[test]
    fn there_are_enough_names_to_go_round() {
        // 30 × 30 × 98 = 88,200 names for about 1,400 young people in care and care leavers.
        assert!(ADJECTIVES.len() * ANIMALS.len() * 98 > 50 * 1_400);
    }
}
