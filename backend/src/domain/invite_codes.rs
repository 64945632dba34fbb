//! One-time invite codes: 8 characters from an alphabet with no look-alikes (40 bits of entropy),
//! shown as `XXXX-XXXX`, valid for a few weeks and stored only as a hash.

use rand::Rng;
use shared::validate::InviteCode;

pub fn generate(rng: &mut impl Rng) -> String {
    let chars: String = (0..InviteCode::LEN)
        .map(|_| char::from(InviteCode::ALPHABET[rng.gen_range(0..InviteCode::ALPHABET.len())]))
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_codes_parse_as_invite_codes() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..1000 {
            let code = generate(&mut rng);
            assert_eq!(InviteCode::parse(&code).map(|c| c.into_inner()), Ok(code));
        }
    }
}
