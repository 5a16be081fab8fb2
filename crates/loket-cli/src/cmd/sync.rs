//! `loket export|import|verify|devices|conflicts`: sync by file.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use loket_core::accounts::Empty;
use loket_core::sync;

use crate::output::{print_list, Table};
use crate::{App, Fail, Res};

#[derive(Args)]
pub struct PassArg {
    /// Name of an environment variable holding the passphrase (never on the command line)
    #[arg(long, value_name = "VAR")]
    pub passphrase_env: Option<String>,
}

impl PassArg {
    fn get(&self) -> Res<Option<String>> {
        match &self.passphrase_env {
            None => Ok(None),
            Some(var) => match std::env::var(var) {
                Ok(v) if !v.is_empty() => Ok(Some(v)),
                _ => Err(Fail(format!(
                    "the environment variable {var} (--passphrase-env) is not set or empty"
                ))),
            },
        }
    }
}

#[derive(Subcommand)]
pub enum ConflictsCmd {
    /// Resolve a conflict by picking one of its values (a new event that replaces all of them)
    Pick {
        #[arg(long)]
        id: String,
        #[arg(long)]
        value: String,
    },
}

pub fn export(app: &App, out: PathBuf, full: bool, pass: PassArg) -> Res {
    let r = app.run::<sync::Export>(sync::ExportInput {
        out: out.display().to_string(),
        full: Some(full),
        passphrase: pass.get()?,
    })?;
    println!(
        "exported {} event(s) from {} part(s) to {} ({} bytes{}{})",
        r.events,
        r.parts.len(),
        r.file,
        r.bytes,
        if r.full { ", full" } else { "" },
        if r.encrypted { ", encrypted" } else { "" }
    );
    Ok(())
}

/// Files named on the command line, folders expanded to their `*.loket` files.
fn expand(paths: &[PathBuf]) -> Res<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Fail(format!("cannot read folder {}: {e}", p.display())))?
                .flatten()
                .map(|e| e.path())
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("loket"))
                })
                .collect();
            if found.is_empty() {
                return Err(Fail(format!(
                    "the folder {} has no .loket files",
                    p.display()
                )));
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

pub fn import(app: &App, files: Vec<PathBuf>, pass: PassArg) -> Res {
    let pass = pass.get()?;
    let files = expand(&files)?;
    let mut refused = 0;
    for f in &files {
        match app.run::<sync::Import>(sync::ImportInput {
            file: f.display().to_string(),
            passphrase: pass.clone(),
        }) {
            Ok(r) => {
                println!(
                    "applied {}: {} new event(s), {} already known, {} conflict(s){}{}",
                    f.display(),
                    r.new_events,
                    r.known_events,
                    r.conflicts,
                    if r.quarantined > 0 {
                        format!(", {} kept aside (cloned device)", r.quarantined)
                    } else {
                        String::new()
                    },
                    if r.seen_before {
                        " — imported before"
                    } else {
                        ""
                    }
                );
                for d in &r.devices {
                    println!(
                        "  device {} ({}): {} new, {} known, {} conflict(s){}{}",
                        d.device_id,
                        d.name.as_deref().unwrap_or("?"),
                        d.new_events,
                        d.known_events,
                        d.conflicts,
                        d.skew_s
                            .map(|s| format!(", clock skew ~{s} s"))
                            .unwrap_or_default(),
                        if d.clock_suspect > 0 {
                            format!(", {} event(s) with a clock far ahead", d.clock_suspect)
                        } else {
                            String::new()
                        }
                    );
                }
            }
            Err(Fail(msg)) if files.len() == 1 => {
                return Err(Fail(format!("refused {}: {msg}", f.display())))
            }
            Err(Fail(msg)) => {
                refused += 1;
                eprintln!("loket: refused {}: {msg}", f.display());
            }
        }
    }
    if refused > 0 {
        return Err(Fail(format!(
            "{refused} of {} file(s) refused; nothing of them was applied",
            files.len()
        )));
    }
    Ok(())
}

pub fn verify(app: &App, file: &Path, pass: PassArg) -> Res {
    let r = app.run::<sync::Verify>(sync::ImportInput {
        file: file.display().to_string(),
        passphrase: pass.get()?,
    })?;
    println!(
        "ok: {} — bundle {} from {} ({}, site {}) exported {}; {} event(s) in {} part(s), {} new here{}",
        r.file,
        r.bundle_id,
        r.exporter_name,
        r.exporter,
        r.site,
        r.exported_at,
        r.events,
        r.parts.len(),
        r.new_events,
        if r.encrypted { "; encrypted" } else { "" }
    );
    Ok(())
}

pub fn devices(app: &App, json: bool) -> Res {
    let rows = app.run::<sync::Devices>(Empty {})?;
    print_list(json, &rows, || {
        Table::new(&[
            "DEVICE",
            "NAME",
            "KIND",
            "SITE",
            "LAST SEQ",
            "LAST SEEN",
            "SKEW S",
            "NOTE",
        ])
        .rows(rows.iter().map(|d| {
            let mut note = Vec::new();
            if d.this_device {
                note.push("this PC".to_string());
            }
            if d.clock_warning {
                note.push("CLOCK LOOKS WRONG".into());
            }
            if d.cloned {
                note.push(format!("CLONED ID: {} event(s) kept aside", d.quarantined));
            }
            if d.gaps {
                note.push("missing events".into());
            }
            vec![
                d.device_id.clone(),
                d.name.clone().unwrap_or_default(),
                d.kind.clone().unwrap_or_default(),
                d.site.clone().unwrap_or_default(),
                d.last_seq.to_string(),
                d.last_seen.clone().unwrap_or_default(),
                d.skew_s.map(|s| s.to_string()).unwrap_or_default(),
                note.join("; "),
            ]
        }))
    });
    Ok(())
}

pub fn conflicts(app: &App, cmd: Option<ConflictsCmd>, json: bool) -> Res {
    match cmd {
        Some(ConflictsCmd::Pick { id, value }) => {
            let c = app.run::<sync::ConflictPick>(sync::ConflictPickInput { id, value })?;
            println!(
                "conflict {} resolved: {} {} {} = {}",
                c.id, c.entity, c.entity_id, c.field, c.default
            );
        }
        None => {
            let rows = app.run::<sync::Conflicts>(Empty {})?;
            print_list(json, &rows, || {
                Table::new(&["ID", "ENTITY", "RECORD", "FIELD", "VALUES", "DEFAULT"]).rows(
                    rows.iter().map(|c| {
                        vec![
                            c.id.clone(),
                            c.entity.clone(),
                            c.entity_id.clone(),
                            c.field.clone(),
                            c.values
                                .iter()
                                .map(|v| v.to_string())
                                .collect::<Vec<_>>()
                                .join(" | "),
                            c.default.to_string(),
                        ]
                    }),
                )
            });
        }
    }
    Ok(())
}
