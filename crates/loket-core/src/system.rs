//! Device identity, sites and maintenance: `init`, `status`, `fingerprint`, `rebuild`,
//! device-local settings.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::accounts::Empty;
use crate::api::{Command, Ctx, Perm};
use crate::error::{Error, Result};
use crate::fold;
use crate::log;
use crate::master::text;
use crate::store::SCHEMA_VERSION;
use crate::time::SiteZone;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DeviceKind {
    /// A counter PC at the office (kiosk, desks, display board).
    Counter,
    /// A Layanan Keliling laptop.
    Field,
    /// The supervisor's PC that gathers every device's files.
    Supervisor,
}

impl DeviceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::Counter => "counter",
            DeviceKind::Field => "field",
            DeviceKind::Supervisor => "supervisor",
        }
    }
    pub fn parse(s: &str) -> Result<DeviceKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "counter" => Ok(DeviceKind::Counter),
            "field" => Ok(DeviceKind::Field),
            "supervisor" => Ok(DeviceKind::Supervisor),
            _ => Err(Error::invalid(
                format!("unknown device kind {s:?}; use counter, field or supervisor"),
                format!(
                    "jenis perangkat {s:?} tidak dikenal; gunakan counter, field atau supervisor"
                ),
            )),
        }
    }
}

/// Sites are identified by their name compared case- and space-insensitively: devices
/// initialised with "MPP Medan" and "mpp  medan" belong to one site.
pub fn site_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The entity id of a site: a UUID v5 of its key, the same on every device.
pub fn site_id(name: &str) -> String {
    const NS: uuid::Uuid = uuid::Uuid::from_u128(0x6c6f_6b65_742d_7369_7465_2d6e_616d_6573);
    uuid::Uuid::new_v5(&NS, site_key(name).as_bytes()).to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub tz: SiteZone,
}

pub fn site_by_id(conn: &Connection, id: &str) -> Result<Option<Site>> {
    conn.prepare_cached("SELECT id, name, tz FROM p_site WHERE id = ?1")?
        .query_row(params![id], |r| {
            let tz: Option<String> = r.get(2)?;
            Ok(Site {
                id: r.get(0)?,
                name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                tz: tz
                    .and_then(|t| SiteZone::parse(&t).ok())
                    .unwrap_or(SiteZone::Wib),
            })
        })
        .optional()
        .map_err(Into::into)
}

/// Finds a site by name (case- and space-insensitive).
pub fn site_by_name(conn: &Connection, name: &str) -> Result<Site> {
    site_by_id(conn, &site_id(name))?.ok_or_else(|| Error::NotFound {
        kind: crate::error::Kind::Site,
        key: name.to_string(),
    })
}

/// The site this device belongs to (one cached query: every queue command asks).
pub fn this_site(conn: &Connection) -> Result<Site> {
    let row: Option<[Option<String>; 4]> = conn
        .prepare_cached(
            "SELECT d.site, s.id, s.name, s.tz FROM local_device l
               LEFT JOIN p_device d ON d.id = l.device_id
               LEFT JOIN p_site s ON s.id = d.site
              WHERE l.id = 1",
        )?
        .query_row([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))
        .optional()?;
    let [site, id, name, tz] = row.ok_or(Error::NotInitialized)?;
    if site.is_none() {
        return Err(Error::Corrupt("this device has no site".into()));
    }
    let id = id.ok_or_else(|| Error::Corrupt("this device's site is missing".into()))?;
    Ok(Site {
        id,
        name: name.unwrap_or_default(),
        tz: tz
            .and_then(|t| SiteZone::parse(&t).ok())
            .unwrap_or(SiteZone::Wib),
    })
}

pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 5;

pub fn local_setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM local_setting WHERE key = ?1",
            params![key],
            |r| r.get(0),
        )
        .optional()?)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusInfo {
    pub initialized: bool,
    pub schema_version: i64,
    pub site: Option<String>,
    pub site_id: Option<String>,
    pub site_tz: Option<SiteZone>,
    pub device_id: Option<String>,
    pub device_name: Option<String>,
    pub device_kind: Option<DeviceKind>,
    pub has_users: bool,
    pub idle_lock_minutes: u32,
}

pub fn status(conn: &Connection) -> Result<StatusInfo> {
    let idle_lock_minutes = local_setting(conn, "idle_lock_minutes")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES);
    let Some(dev) = log::local_device(conn)? else {
        return Ok(StatusInfo {
            initialized: false,
            schema_version: SCHEMA_VERSION,
            site: None,
            site_id: None,
            site_tz: None,
            device_id: None,
            device_name: None,
            device_kind: None,
            has_users: false,
            idle_lock_minutes,
        });
    };
    let (name, kind): (Option<String>, Option<String>) = conn.query_row(
        "SELECT name, kind FROM p_device WHERE id = ?1",
        params![dev.device_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let site = this_site(conn)?;
    let has_users: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM p_user)", [], |r| r.get(0))?;
    Ok(StatusInfo {
        initialized: true,
        schema_version: SCHEMA_VERSION,
        site: Some(site.name),
        site_id: Some(site.id),
        site_tz: Some(site.tz),
        device_id: Some(dev.device_id),
        device_name: name,
        device_kind: kind.and_then(|k| DeviceKind::parse(&k).ok()),
        has_users,
        idle_lock_minutes,
    })
}

pub struct Status;
impl Command for Status {
    const NAME: &'static str = "status";
    const PERM: Perm = Perm::Public;
    const MUTATES: bool = false;
    const NEEDS_INIT: bool = false;
    type Input = Empty;
    type Output = StatusInfo;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<StatusInfo> {
        status(ctx.conn)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct InitInput {
    pub site: String,
    pub device: String,
    #[ts(optional)]
    pub kind: Option<DeviceKind>,
    /// Asia/Jakarta (WIB, default), Asia/Makassar (WITA) or Asia/Jayapura (WIT).
    #[ts(optional)]
    pub tz: Option<String>,
}

/// `init`: creates this device's identity (UUID v7 + Ed25519 key pair) and records the site
/// and the device as its first events. Refused on an initialised database.
pub struct Init;
impl Command for Init {
    const NAME: &'static str = "init";
    const PERM: Perm = Perm::Public;
    const MUTATES: bool = true;
    const NEEDS_INIT: bool = false;
    type Input = InitInput;
    type Output = StatusInfo;
    fn run(ctx: &mut Ctx<'_>, i: InitInput) -> Result<StatusInfo> {
        if log::local_device(ctx.conn)?.is_some() {
            let s = status(ctx.conn)?;
            return Err(Error::AlreadyInitialized {
                site: s.site.unwrap_or_default(),
                device: s.device_name.unwrap_or_default(),
            });
        }
        let site_name = text("site name", "nama lokasi", &i.site)?;
        let device_name = text("device name", "nama perangkat", &i.device)?;
        let tz = match &i.tz {
            Some(t) => SiteZone::parse(t)?,
            None => SiteZone::Wib,
        };
        let kind = i.kind.unwrap_or(DeviceKind::Counter);
        let (device_id, public_key) = log::create_local_device(ctx.conn, ctx.env)?;
        let sid = site_id(&site_name);
        ctx.write(
            "site",
            &sid,
            vec![("name", json!(site_name)), ("tz", json!(tz.iana()))],
        )?;
        ctx.write(
            "device",
            &device_id,
            vec![
                ("name", json!(device_name)),
                ("kind", json!(kind.as_str())),
                ("site", json!(sid)),
                ("public_key", json!(public_key)),
            ],
        )?;
        status(ctx.conn)
    }
}

pub struct Fingerprint;
impl Command for Fingerprint {
    const NAME: &'static str = "fingerprint";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = String;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<String> {
        fold::fingerprint(ctx.conn)
    }
}

/// `rebuild`: drops and refolds every projection from the log; returns the fingerprint.
pub struct Rebuild;
impl Command for Rebuild {
    const NAME: &'static str = "rebuild";
    const PERM: Perm = Perm::Admin;
    const MUTATES: bool = true;
    type Input = Empty;
    type Output = String;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<String> {
        fold::rebuild(ctx.conn)?;
        fold::fingerprint(ctx.conn)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SettingsUpdateInput {
    /// Minutes without input before the screen locks (1-240).
    #[ts(optional)]
    pub idle_lock_minutes: Option<u32>,
}

/// `settings.update`: device-local settings of this PC.
pub struct SettingsUpdate;
impl Command for SettingsUpdate {
    const NAME: &'static str = "settings.update";
    const PERM: Perm = Perm::Admin;
    const MUTATES: bool = true;
    type Input = SettingsUpdateInput;
    type Output = StatusInfo;
    fn run(ctx: &mut Ctx<'_>, i: SettingsUpdateInput) -> Result<StatusInfo> {
        if let Some(m) = i.idle_lock_minutes {
            if !(1..=240).contains(&m) {
                return Err(Error::invalid(
                    "the idle lock must be 1-240 minutes",
                    "kunci layar otomatis harus 1-240 menit",
                ));
            }
            ctx.conn.execute(
                "INSERT INTO local_setting (key, value) VALUES ('idle_lock_minutes', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![m.to_string()],
            )?;
        }
        status(ctx.conn)
    }
}
