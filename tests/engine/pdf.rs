//! Small PDFs for the tests and the benchmarks (benches/support/knowledge.rs includes this
//! file): pages of text lines in Helvetica, with a correct cross-reference table.

/// A PDF with one page per entry of `pages`, each showing its lines.
pub fn pdf(pages: &[Vec<String>]) -> Vec<u8> {
    let mut objects: Vec<String> = vec![String::new(), String::new()];
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into());
    let font = objects.len();
    let mut kids = Vec::new();
    for lines in pages {
        let mut content = String::from("BT /F1 11 Tf 60 740 Td 13 TL\n");
        for l in lines {
            content.push_str(&format!("({}) Tj T*\n", l.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")));
        }
        content.push_str("ET");
        objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
        let contents = objects.len();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {contents} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
    }
    objects[0] = "<< /Type /Catalog /Pages 2 0 R >>".into();
    objects[1] = format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}
