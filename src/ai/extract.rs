//! Document text (PRODUCT A3): the type of a file judged from its content, its text read
//! with kept crates (pdf-extract, html2text, quick-xml over a DOCX's XML, encoding_rs and
//! chardetng for plain text), and the text cut into passages by headings and paragraphs
//! with overlap. Everything here is blocking and may meet hostile files: callers run it on
//! a blocking thread with a time limit and catch panics (see `documents.rs`); archives are
//! opened with limits on entries and expanded size.

use std::io::Read;
use std::path::Path;

/// The kinds of document Hearth reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Plain text or Markdown.
    Text,
    Html,
    Pdf,
    Docx,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "html",
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "text" => Kind::Text,
            "html" => Kind::Html,
            "pdf" => Kind::Pdf,
            "docx" => Kind::Docx,
            _ => return None,
        })
    }
}

/// The most a DOCX's text may expand to (a zip bomb stops here).
const DOCX_XML_MAX: u64 = 64 << 20;
/// The most entries a DOCX may have.
const DOCX_ENTRIES_MAX: usize = 10_000;
/// The most text kept from one document, in bytes.
pub const TEXT_MAX: usize = 32 << 20;

/// The kind of the file at `path` from its first bytes (and, for a zip, its table of
/// contents); `None` for anything else (images, executables, empty files).
pub fn sniff(path: &Path) -> Option<Kind> {
    let mut head = vec![0u8; 8192];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).ok()?;
    head.truncate(n);
    if head.is_empty() {
        return None;
    }
    if head.starts_with(b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if head.starts_with(b"PK\x03\x04") {
        let f = std::fs::File::open(path).ok()?;
        let zip = zip::ZipArchive::new(f).ok()?;
        return zip.index_for_name("word/document.xml").map(|_| Kind::Docx);
    }
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if !utf16 && head.contains(&0) {
        return None; // binary
    }
    let text = decode(&head);
    let start = text.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") || start.contains("<body") {
        return Some(Kind::Html);
    }
    Some(Kind::Text)
}

/// Text in whatever encoding it came: a BOM says, else UTF-8 when it is valid, else the
/// encoding chardetng finds most likely.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, true).decode_without_bom_handling(bytes).0.into_owned()
}

/// A document's text, with its headings as Markdown `#` lines.
pub struct Extracted {
    pub title: String,
    pub text: String,
}

/// Reads the text of the file at `path` of `kind`. The error is a reason for people.
pub fn extract(kind: Kind, path: &Path) -> Result<Extracted, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("the file cannot be read ({e})"))?;
    let text = match kind {
        Kind::Text => decode(&bytes),
        Kind::Html => html2text::from_read(decode(&bytes).as_bytes(), usize::MAX / 4)
            .map_err(|e| format!("the HTML cannot be read ({e})"))?,
        Kind::Pdf => pdf_extract::extract_text_from_mem(&bytes).map_err(|e| format!("unreadable PDF ({e})"))?,
        Kind::Docx => docx_text(&bytes)?,
    };
    let mut text = text.replace('\0', "").replace("\r\n", "\n");
    if text.len() > TEXT_MAX {
        let mut cut = TEXT_MAX;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    if text.trim().is_empty() {
        return Err(match kind {
            Kind::Pdf => "no text in this PDF (a scan or images only?)".into(),
            _ => "no text in this file".into(),
        });
    }
    Ok(Extracted { title: title_of(&text), text })
}

/// The first heading, at most 120 characters; empty when there is none (the file name
/// stays the title).
fn title_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| heading_line(l).is_some()).unwrap_or("");
    line.trim_start_matches('#').trim().chars().take(120).collect()
}

/// A DOCX's paragraphs (headings as `#` lines), read from `word/document.xml` with limits.
fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| "not a readable DOCX".to_string())?;
    if zip.len() > DOCX_ENTRIES_MAX {
        return Err("this DOCX has too many parts".into());
    }
    let entry = zip.by_name("word/document.xml").map_err(|_| "not a readable DOCX".to_string())?;
    if entry.size() > DOCX_XML_MAX {
        return Err("this DOCX expands to too much text".into());
    }
    // The declared size may lie: read at most the limit, whatever it says.
    let mut xml = Vec::new();
    entry.take(DOCX_XML_MAX + 1).read_to_end(&mut xml).map_err(|_| "not a readable DOCX".to_string())?;
    if xml.len() as u64 > DOCX_XML_MAX {
        return Err("this DOCX expands to too much text".into());
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let (mut out, mut para, mut level, mut buf) = (String::new(), String::new(), 0usize, Vec::new());
    use quick_xml::events::Event;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"pStyle" => {
                    let style = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == b"val")
                        .map(|a| String::from_utf8_lossy(&a.value).to_ascii_lowercase())
                        .unwrap_or_default();
                    if let Some(n) = style.strip_prefix("heading").and_then(|n| n.parse::<usize>().ok()) {
                        level = n.clamp(1, 6);
                    } else if style == "title" {
                        level = 1;
                    }
                }
                b"tab" => para.push('\t'),
                b"br" => para.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) => {
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                para.push_str(&quick_xml::escape::unescape(&raw).map(|c| c.into_owned()).unwrap_or(raw));
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"p" => {
                let p = para.trim();
                if !p.is_empty() {
                    if level > 0 {
                        out.push_str(&"#".repeat(level));
                        out.push(' ');
                    }
                    out.push_str(p);
                    out.push_str("\n\n");
                }
                para.clear();
                level = 0;
                if out.len() > TEXT_MAX {
                    break;
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err("not a readable DOCX".into()),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A passage of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The headings above it, outermost first, joined with " › ".
    pub heading: String,
    pub text: String,
}

/// About how long a passage is, in characters.
pub const PASSAGE_CHARS: usize = 1200;
/// How much of the end of one passage starts the next (a paragraph shorter than this, or the
/// last sentences up to it).
pub const OVERLAP_CHARS: usize = 200;

/// Cuts text into passages: a heading starts a new one (and is its `heading`), paragraphs
/// are kept whole when they fit, long ones are cut at sentence or word ends; each passage
/// after the first in a section begins with the end of the one before.
pub fn passages(text: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut current = String::new();
    let heading = |path: &[(usize, String)]| path.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>().join(" › ");
    let flush = |current: &mut String, out: &mut Vec<Passage>, h: String| {
        let t = current.trim();
        if !t.is_empty() {
            out.push(Passage { heading: h, text: t.to_string() });
        }
        current.clear();
    };
    for block in text.split("\n\n").flat_map(split_headings) {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        if let Some((level, title)) = heading_line(block) {
            flush(&mut current, &mut out, heading(&path));
            path.retain(|(l, _)| *l < level);
            path.push((level, title.chars().take(200).collect()));
            continue;
        }
        for piece in pieces(block) {
            if !current.is_empty() && current.len() + piece.len() + 2 > PASSAGE_CHARS {
                let tail = overlap(&current);
                flush(&mut current, &mut out, heading(&path));
                current.push_str(&tail);
            }
            if !current.is_empty() {
                current.push_str("\n\n");
            }
            current.push_str(&piece);
        }
    }
    flush(&mut current, &mut out, heading(&path));
    out
}

/// Lines that are Markdown headings become blocks of their own.
fn split_headings(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in block.lines() {
        if heading_line(line.trim()).is_some() {
            if !cur.trim().is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(line.to_string());
            cur.clear();
        } else {
            cur.push_str(line);
            cur.push('\n');
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// `# Title` → (1, "Title").
fn heading_line(line: &str) -> Option<(usize, &str)> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    let rest = line[hashes..].strip_prefix(' ')?;
    ((1..=6).contains(&hashes) && !rest.trim().is_empty() && !line.contains('\n')).then(|| (hashes, rest.trim()))
}

/// A paragraph in pieces of at most a passage, cut after a sentence when one ends late
/// enough, else after a word.
fn pieces(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = block;
    while rest.len() > PASSAGE_CHARS {
        let mut cut = PASSAGE_CHARS;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &rest[..cut];
        let at = window
            .rfind(". ")
            .filter(|i| *i > PASSAGE_CHARS / 2)
            .map(|i| i + 1)
            .or_else(|| window.rfind(char::is_whitespace).filter(|i| *i > PASSAGE_CHARS / 2))
            .unwrap_or(cut);
        out.push(rest[..at].trim().to_string());
        rest = rest[at..].trim_start();
    }
    if !rest.trim().is_empty() {
        out.push(rest.trim().to_string());
    }
    out
}

/// The end of a passage that begins the next: its last paragraph if short, else its last
/// words up to the overlap.
fn overlap(passage: &str) -> String {
    let last = passage.rsplit("\n\n").next().unwrap_or("");
    if last.len() <= OVERLAP_CHARS {
        return last.to_string();
    }
    let mut start = last.len() - OVERLAP_CHARS;
    while !last.is_char_boundary(start) {
        start += 1;
    }
    let tail = &last[start..];
    tail.find(char::is_whitespace).map_or(tail, |i| &tail[i..]).trim().to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn passages_follow_headings_and_overlap() {
        let para = |n: usize| format!("Sentence {n} about lighthouses and the sea. ").repeat(12);
        let text =
            format!("# Guide\n\nIntro.\n\n## Setup\n\n{}\n\n{}\n\n{}\n\n## Use\n\nShort.", para(1), para(2), para(3));
        let ps = passages(&text);
        assert_eq!(ps[0], Passage { heading: "Guide".into(), text: "Intro.".into() });
        let setup: Vec<&Passage> = ps.iter().filter(|p| p.heading == "Guide › Setup").collect();
        assert!(setup.len() >= 2, "{ps:?}");
        assert!(setup.iter().all(|p| p.text.len() <= PASSAGE_CHARS + OVERLAP_CHARS + 2));
        // The second begins with the end of the first.
        let end_of_first: String = setup[0].text.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
        assert!(setup[1].text.contains(end_of_first.trim()), "no overlap");
        assert_eq!(ps.last().unwrap(), &Passage { heading: "Guide › Use".into(), text: "Short.".into() });
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentences_and_never_inside_a_character() {
        let long = "Ça déborde é. ".repeat(400);
        let ps = passages(&long);
        assert!(ps.len() > 3);
        assert!(ps.iter().all(|p| p.text.len() <= PASSAGE_CHARS + OVERLAP_CHARS + 2));
    }

    #[test]
    fn text_in_other_encodings_is_decoded() {
        let latin1 = encoding_rs::WINDOWS_1252.encode("Le café était très crème, déjà prêt à être servi.").0;
        assert!(std::str::from_utf8(&latin1).is_err());
        assert!(decode(&latin1).contains("café était très"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Hello".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16), "Hello");
    }

    #[test]
    fn titles() {
        assert_eq!(title_of("\n\n# The Guide\nbody"), "The Guide");
        assert_eq!(title_of("Just text\nmore"), "");
    }
}
