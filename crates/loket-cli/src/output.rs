//! Printing lists: a JSON array of objects with `--json`, else an aligned text table.

use serde::Serialize;

/// `yes`/`no` for a table cell.
pub fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn rows(mut self, rows: impl Iterator<Item = Vec<String>>) -> Table {
        self.rows.extend(rows);
        self
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        let line = |cells: &[String]| {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c:<w$}", w = widths[i]))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let mut out = line(&self.header);
        for r in &self.rows {
            out.push('\n');
            out.push_str(&line(r));
        }
        out
    }
}

/// Prints `rows` as JSON, or the table `table()` builds.
pub fn print_list<T: Serialize>(json: bool, rows: &[T], table: impl FnOnce() -> Table) {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(rows).expect("rows serialise")
        );
    } else if rows.is_empty() {
        println!("(none)");
    } else {
        println!("{}", table().render());
    }
}
