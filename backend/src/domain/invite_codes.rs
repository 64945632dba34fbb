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

/// A QR code of `text` (the joining address with the code) as an SVG, drawn here: no outside
/// service ever sees a code. Black on white, with its quiet zone, at least 160 px square.
pub fn qr_svg(text: &str) -> Result<String, qrcode::types::QrError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(160, 160)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_an_svg_of_its_own_text() {
        let one = qr_svg("https://chorus.example/join?code=ABCD-EFGH").unwrap_or_default();
        let other = qr_svg("https://chorus.example/join?code=ABCD-EFGJ").unwrap_or_default();
        assert!(
            one.contains("<svg") && one.contains("<path fill=\"#000000\" d=\"M"),
            "{one}"
        );
        assert_ne!(one, other, "another code draws another picture");
        assert_eq!(
            one,
            qr_svg("https://chorus.example/join?code=ABCD-EFGH").unwrap_or_default()
        );
        assert!(
            !one.contains("style="),
            "no inline style: the page's CSP refuses it"
        );
        // The matrix is the text's: version 3 or 4 at level M for ~45 characters.
        let matrix = qrcode::QrCode::with_error_correction_level(
            b"https://chorus.example/join?code=ABCD-EFGH",
            qrcode::EcLevel::M,
        );
        assert!(matrix.is_ok_and(|m| (29..=33).contains(&m.width())));
    }
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
