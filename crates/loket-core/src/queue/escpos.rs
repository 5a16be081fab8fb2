//! The ticket slip as raw ESC/POS bytes for a thermal receipt printer (58 or 80 mm paper).
//! Pure: the bytes depend only on the slip and the paper. Text is printed in the printer's
//! default code page, so anything outside ASCII is transliterated or replaced by `?`.

/// Paper width: 58 mm (32 columns of font A) or 80 mm (48 columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Mm58,
    Mm80,
}

impl Paper {
    pub fn parse(mm: u32) -> Option<Paper> {
        match mm {
            58 => Some(Paper::Mm58),
            80 => Some(Paper::Mm80),
            _ => None,
        }
    }
    pub fn mm(self) -> u32 {
        match self {
            Paper::Mm58 => 58,
            Paper::Mm80 => 80,
        }
    }
    pub fn columns(self) -> usize {
        match self {
            Paper::Mm58 => 32,
            Paper::Mm80 => 48,
        }
    }
}

/// What a ticket slip says (already formatted by the caller, in Indonesian).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub site: String,
    pub service: String,
    pub number: String,
    /// e.g. `23 Nov 2026 09:15 WIB`.
    pub issued: String,
    /// e.g. `Prioritas: Lansia`.
    pub priority: Option<String>,
    /// Tickets waiting before this one.
    pub ahead: Option<usize>,
}

pub const ESC: u8 = 0x1b;
pub const GS: u8 = 0x1d;

/// ASCII only: common accented letters lose their accent, other characters become `?`,
/// control characters are dropped.
pub fn ascii(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            ' '..='~' => Some(c),
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            'à' | 'á' | 'â' | 'ä' | 'ã' => Some('a'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'À' | 'Á' | 'Â' | 'Ä' | 'Ã' => Some('A'),
            'È' | 'É' | 'Ê' | 'Ë' => Some('E'),
            'Ò' | 'Ó' | 'Ô' | 'Ö' => Some('O'),
            'Ù' | 'Ú' | 'Û' | 'Ü' => Some('U'),
            'ñ' => Some('n'),
            'Ñ' => Some('N'),
            '–' | '—' => Some('-'),
            '‘' | '’' => Some('\''),
            '“' | '”' => Some('"'),
            _ => Some('?'),
        })
        .collect()
}

/// Word-wraps `text` to lines of at most `width` characters (long words are cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text(out: &mut Vec<u8>, s: &str, width: usize) {
    for line in wrap(&ascii(s), width) {
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
}

/// The slip: initialise (`ESC @`), centred site and service, the number in 4× size, the
/// time, priority and tickets ahead, a short feed and a partial cut (`GS V 66`).
pub fn ticket(slip: &Slip, paper: Paper) -> Vec<u8> {
    let cols = paper.columns();
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(&[ESC, b'@']); // initialise
    out.extend_from_slice(&[ESC, b't', 0]); // code page 437 (ASCII is the same in all)
    out.extend_from_slice(&[ESC, b'a', 1]); // centre
    out.extend_from_slice(&[ESC, b'E', 1]); // bold
    text(&mut out, &slip.site, cols);
    out.extend_from_slice(&[ESC, b'E', 0]);
    text(&mut out, &"-".repeat(cols), cols);
    text(&mut out, "NOMOR ANTRIAN", cols);
    // 4x width/height on 80 mm, 3x on 58 mm (a 6-character number still fits)
    let size = match paper {
        Paper::Mm58 => 0x22,
        Paper::Mm80 => 0x33,
    };
    let mag = (size & 0x0f) as usize + 1;
    out.extend_from_slice(&[GS, b'!', size]);
    text(&mut out, &slip.number, cols / mag);
    out.extend_from_slice(&[GS, b'!', 0]);
    out.extend_from_slice(&[ESC, b'E', 1]);
    text(&mut out, &slip.service, cols);
    out.extend_from_slice(&[ESC, b'E', 0]);
    if let Some(p) = &slip.priority {
        text(&mut out, p, cols);
    }
    text(&mut out, &slip.issued, cols);
    if let Some(n) = slip.ahead {
        text(&mut out, &format!("Antrian di depan Anda: {n}"), cols);
    }
    text(&mut out, &"-".repeat(cols), cols);
    text(&mut out, "Mohon menunggu nomor Anda dipanggil.", cols);
    out.extend_from_slice(&[ESC, b'd', 4]); // feed 4 lines
    out.extend_from_slice(&[GS, b'V', 66, 0]); // feed to the cutter and cut (partial)
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip() -> Slip {
        Slip {
            site: "MPP Kota Contoh".into(),
            service: "Kartu Tanda Penduduk Elektronik (KTP-el) — cetak ulang".into(),
            number: "A-007".into(),
            issued: "23 Nov 2026 09:15 WIB".into(),
            priority: Some("Prioritas: Lansia".into()),
            ahead: Some(3),
        }
    }

    fn lines(bytes: &[u8]) -> Vec<String> {
        // printable runs between control sequences, split at line feeds
        let printable: Vec<u8> = bytes
            .iter()
            .map(|b| {
                if (0x20..0x7f).contains(b) || *b == b'\n' {
                    *b
                } else {
                    b'|'
                }
            })
            .collect();
        String::from_utf8(printable)
            .unwrap()
            .split('\n')
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn starts_with_init_and_ends_with_a_cut() {
        let b = ticket(&slip(), Paper::Mm80);
        assert_eq!(&b[..2], &[ESC, b'@']);
        assert_eq!(&b[b.len() - 4..], &[GS, b'V', 66, 0]);
        assert!(
            b.windows(3).any(|w| w == [GS, b'!', 0x33]),
            "4x number on 80 mm"
        );
        let b58 = ticket(&slip(), Paper::Mm58);
        assert!(
            b58.windows(3).any(|w| w == [GS, b'!', 0x22]),
            "3x number on 58 mm"
        );
    }

    #[test]
    fn every_line_fits_the_paper_and_says_what_matters() {
        for paper in [Paper::Mm58, Paper::Mm80] {
            let b = ticket(&slip(), paper);
            assert!(b.iter().all(|c| *c < 0x80), "ASCII only");
            let text = lines(&b);
            for l in &text {
                let plain = l.rsplit('|').next().unwrap();
                assert!(plain.len() <= paper.columns(), "{plain:?} too long");
            }
            let all = text.join("\n");
            for want in [
                "A-007",
                "MPP Kota Contoh",
                "Lansia",
                "09:15",
                "depan Anda: 3",
            ] {
                assert!(all.contains(want), "{want} in {all}");
            }
            assert!(
                all.contains("(KTP-el) - cetak"),
                "dash transliterated: {all}"
            );
        }
    }

    #[test]
    fn wrap_and_ascii() {
        assert_eq!(wrap("satu dua tiga", 8), vec!["satu dua", "tiga"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("   ", 4), Vec::<String>::new());
        assert_eq!(ascii("Café\u{7}→x"), "Cafe?x");
        assert_eq!(Paper::parse(58), Some(Paper::Mm58));
        assert_eq!(Paper::parse(57), None);
        assert_eq!(Paper::Mm80.mm(), 80);
    }
}
