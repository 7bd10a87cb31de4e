//! PDF's tokens (names, strings, numbers) written into bytes: one definition for the page
//! content streams ([`super::stream`]) and for the file's objects ([`super::file`]).
//!
//! Each writes what lopdf 0.44's writer and printpdf write for the same value, so the bytes do
//! not depend on which of them (or helpdoc) wrote an object.

use std::io::Write;

/// Upper-case hexadecimal digits, as lopdf writes them (`{:02X}`).
const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `<0A1B…>`.
pub fn hex_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(2 * bytes.len() + 2);
    out.push(b'<');
    for &byte in bytes {
        out.extend_from_slice(&hex(byte));
    }
    out.push(b'>');
}

/// A byte's two hexadecimal digits.
fn hex(byte: u8) -> [u8; 2] {
    [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]]
}

/// `/Name`, with delimiters and bytes outside `!`…`~` written as `#XX`.
pub fn name(out: &mut Vec<u8>, name: &[u8]) {
    out.reserve(name.len() + 1);
    out.push(b'/');
    for &byte in name {
        // White space (all outside `!`…`~`) and the delimiters.
        let delimiter = matches!(
            byte,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%' | b'#'
        );
        if delimiter || !(33..=126).contains(&byte) {
            out.push(b'#');
            out.extend_from_slice(&hex(byte));
        } else {
            out.push(byte);
        }
    }
}

/// A number as `{}` prints an `f32` (the shortest decimal that reads back as the same number,
/// never in exponent form): `12`, `0.5`, `-3.25`.
pub fn real(out: &mut Vec<u8>, number: f32) {
    // Whole numbers (most widths and sizes) print as integers; `-0` keeps its sign below.
    if number.abs() < 8_388_608.0 {
        let whole = number as i32;
        if whole as f32 == number && (whole != 0 || number.is_sign_positive()) {
            integer(out, i64::from(whole));
            return;
        }
    }
    // Below 2^23 a number with a fraction never prints as a whole number, so only the
    // fraction's last digit can differ from `{}` (see [`rounds_a_tie_down`]). Larger, tiny or
    // non-finite numbers (rare on a page) go through `std::fmt`.
    if number.is_finite() && number.abs() < 8_388_608.0 {
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(number);
        if let Some(whole) = text.strip_suffix(".0") {
            out.extend_from_slice(whole.as_bytes());
            return;
        }
        if !text.contains('e') && !text.ends_with('9') {
            out.extend_from_slice(text.as_bytes());
            if rounds_a_tie_down(number, text) {
                // The last digit is not a 9: it goes up without a carry.
                if let Some(last) = out.last_mut() {
                    *last += 1;
                }
            }
            return;
        }
    }
    let _ = write!(out, "{number}");
}

/// Whether `number` lies exactly halfway between the decimal `text` and the next one up with
/// as many digits. zmij then picks the even one and `{}` the one further from zero, so a
/// shortest decimal that is the lower of the two must go up: 60.8828125 is `60.882813`.
fn rounds_a_tie_down(number: f32, text: &str) -> bool {
    let Some((_, fraction)) = text.split_once('.') else {
        return false;
    };
    let digits = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .try_fold(0u128, |d, b| {
            d.checked_mul(10)?.checked_add(u128::from(b - b'0'))
        });
    let bits = number.to_bits();
    let biased = (bits >> 23) & 0xFF;
    let (Some(decimal), Ok(places)) = (digits, u32::try_from(fraction.len())) else {
        return false;
    };
    if biased == 0 || places > 30 {
        return false;
    }
    // |number| = mantissa × 2^-shift exactly.
    let mantissa = u128::from((bits & 0x7F_FFFF) | 0x80_0000);
    let shift = 150 - i64::from(biased);
    if !(1..=120).contains(&shift) {
        return false;
    }
    // Twice the number in units of the last decimal place: odd and one above twice the
    // decimal exactly when the number is halfway to the next decimal up.
    let twice = mantissa * 10u128.pow(places) * 2;
    let unit = 1u128 << shift;
    twice % unit == 0 && twice / unit == 2 * decimal + 1
}

/// `(text)`: a literal string. A backslash, a carriage return and every parenthesis without
/// its partner get a backslash (a carriage return as `\r`), as lopdf does: a `)` closes the
/// nearest open `(`, and the `(`s left open at the end are the unbalanced ones.
pub fn literal_string(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    if !text
        .iter()
        .any(|b| matches!(b, b'(' | b')' | b'\\' | b'\r'))
    {
        out.extend_from_slice(text);
        out.push(b')');
        return;
    }
    let mut escaped = vec![false; text.len()];
    let mut open = Vec::new();
    for (index, &byte) in text.iter().enumerate() {
        match byte {
            b'(' => open.push(index),
            b')' => escaped[index] = open.pop().is_none(),
            b'\\' | b'\r' => escaped[index] = true,
            _ => {}
        }
    }
    for index in open {
        escaped[index] = true;
    }
    for (&byte, escape) in text.iter().zip(escaped) {
        if escape {
            out.push(b'\\');
            out.push(if byte == b'\r' { b'r' } else { byte });
        } else {
            out.push(byte);
        }
    }
    out.push(b')');
}

/// An integer in decimal.
pub fn integer(out: &mut Vec<u8>, number: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(number: f32) -> String {
        let mut out = Vec::new();
        real(&mut out, number);
        String::from_utf8(out).expect("ASCII")
    }

    #[test]
    fn numbers_print_as_std_prints_them() {
        let special = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.5,
            595.2756,
            841.8898,
            12.207_031,
            1e-7,
            1.5e-5,
            1e20,
            3.4e38,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::MIN,
            f32::EPSILON,
            1e-45,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            // 60.8828125, exactly halfway between two shortest decimals: `{}` takes the upper one.
            f32::from_bits(0x4273_8800),
            f32::from_bits(0xC273_8800),
            0.000_122_070_31,
        ];
        for number in special {
            assert_eq!(formatted(number), format!("{number}"), "{number:e}");
        }
        // A spread over every exponent and sign, and the range pages use at a fine step.
        for bits in (0..u32::MAX).step_by(4093) {
            let number = f32::from_bits(bits);
            assert_eq!(formatted(number), format!("{number}"), "bits {bits:#x}");
        }
        for i in -200_000..200_000 {
            let number = i as f32 / 128.0 + 0.001 * (i % 7) as f32;
            assert_eq!(formatted(number), format!("{number}"));
        }
    }
}
