//! Master data: agencies (instansi), services (layanan), counters (loket), staff (pegawai) and
//! holidays. All of it is written as events, so a supervisor configures once and distributes
//! by file. Codes are the entity ids (upper-cased), so the same code on two PCs is one record.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::accounts::Empty;
use crate::api::{Command, Ctx, Perm};
use crate::domain::nip::{parse_nip, Employment};
use crate::error::{Error, Kind, Result};
use crate::time::parse_date;

/// Normalises a code: trimmed, upper-case, 1-20 of `A-Z 0-9 - _`.
pub fn code_key(kind: Kind, raw: &str) -> Result<String> {
    let c = raw.trim().to_uppercase();
    let ok = (1..=20).contains(&c.len())
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if !ok {
        return Err(Error::invalid(
            format!(
                "{} code {raw:?} must be 1-20 letters, digits, '-' or '_'",
                kind.name(crate::Locale::En)
            ),
            format!(
                "kode {} {raw:?} harus 1-20 huruf, angka, '-' atau '_'",
                kind.name(crate::Locale::Id)
            ),
        ));
    }
    Ok(c)
}

/// A required free-text field: trimmed, 1-200 characters.
pub fn text(field_en: &str, field_id: &str, raw: &str) -> Result<String> {
    let t = raw.trim();
    if t.is_empty() || t.chars().count() > 200 {
        return Err(Error::invalid(
            format!("{field_en} must not be empty and at most 200 characters"),
            format!("{field_id} wajib diisi dan paling banyak 200 karakter"),
        ));
    }
    Ok(t.to_string())
}

/// Optional free text: trimmed, empty → none, at most `max` characters.
pub(crate) fn bounded_text(
    field_en: &str,
    field_id: &str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    let Some(t) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.chars().count() > max {
        return Err(Error::invalid(
            format!("{field_en} must be at most {max} characters"),
            format!("{field_id} paling banyak {max} karakter"),
        ));
    }
    Ok(Some(t.to_string()))
}

fn opt_text(raw: Option<&str>) -> Option<String> {
    raw.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row(params![id], |r| r.get(0))?)
}

fn require(conn: &Connection, kind: Kind, table: &str, id: &str) -> Result<()> {
    if !exists(conn, table, id)? {
        return Err(Error::NotFound {
            kind,
            key: id.to_string(),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------- agencies

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub active: bool,
}

pub fn agencies(conn: &Connection) -> Result<Vec<Agency>> {
    let mut st = conn.prepare("SELECT id, name, active FROM p_agency ORDER BY id")?;
    let rows = st.query_map([], |r| {
        Ok(Agency {
            code: r.get(0)?,
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            active: r.get::<_, Option<bool>>(2)?.unwrap_or(true),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn agency(conn: &Connection, code: &str) -> Result<Agency> {
    agencies(conn)?
        .into_iter()
        .find(|a| a.code == code)
        .ok_or(Error::NotFound {
            kind: Kind::Agency,
            key: code.into(),
        })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AgencyAddInput {
    pub code: String,
    pub name: String,
}

pub struct AgencyAdd;
impl Command for AgencyAdd {
    const NAME: &'static str = "agency.add";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = AgencyAddInput;
    type Output = Agency;
    fn run(ctx: &mut Ctx<'_>, i: AgencyAddInput) -> Result<Agency> {
        let code = code_key(Kind::Agency, &i.code)?;
        let name = text("agency name", "nama instansi", &i.name)?;
        if exists(ctx.conn, "p_agency", &code)? {
            return Err(Error::Duplicate {
                kind: Kind::Agency,
                key: code,
            });
        }
        ctx.write(
            "agency",
            &code,
            vec![("name", json!(name)), ("active", json!(true))],
        )?;
        agency(ctx.conn, &code)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AgencyUpdateInput {
    pub code: String,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub active: Option<bool>,
}

pub struct AgencyUpdate;
impl Command for AgencyUpdate {
    const NAME: &'static str = "agency.update";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = AgencyUpdateInput;
    type Output = Agency;
    fn run(ctx: &mut Ctx<'_>, i: AgencyUpdateInput) -> Result<Agency> {
        let code = code_key(Kind::Agency, &i.code)?;
        require(ctx.conn, Kind::Agency, "p_agency", &code)?;
        let mut f = Vec::new();
        if let Some(n) = &i.name {
            f.push(("name", json!(text("agency name", "nama instansi", n)?)));
        }
        if let Some(a) = i.active {
            f.push(("active", json!(a)));
        }
        ctx.write("agency", &code, f)?;
        agency(ctx.conn, &code)
    }
}

pub struct AgencyList;
impl Command for AgencyList {
    const NAME: &'static str = "agency.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<Agency>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<Agency>> {
        agencies(ctx.conn)
    }
}

// ---------------------------------------------------------------- services

/// Queue ordering policy of a service.
pub const DEFAULT_POLICY: &str = "fifo";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Service {
    pub code: String,
    pub agency: String,
    pub name: String,
    /// The ticket prefix letter, unique among services.
    pub prefix: String,
    /// Promised completion time in minutes (standar pelayanan).
    pub minutes: Option<u32>,
    pub fee: Option<String>,
    pub product: Option<String>,
    pub policy: String,
    pub active: bool,
}

pub fn services(conn: &Connection) -> Result<Vec<Service>> {
    let mut st = conn.prepare(
        "SELECT id, agency, name, prefix, minutes, fee, product, policy, active FROM p_service ORDER BY id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Service {
            code: r.get(0)?,
            agency: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            prefix: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            minutes: r.get(4)?,
            fee: r.get(5)?,
            product: r.get(6)?,
            policy: r
                .get::<_, Option<String>>(7)?
                .unwrap_or_else(|| DEFAULT_POLICY.into()),
            active: r.get::<_, Option<bool>>(8)?.unwrap_or(true),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn service(conn: &Connection, code: &str) -> Result<Service> {
    let code = code_key(Kind::Service, code)?;
    services(conn)?
        .into_iter()
        .find(|s| s.code == code)
        .ok_or(Error::NotFound {
            kind: Kind::Service,
            key: code,
        })
}

fn prefix_key(raw: &str) -> Result<String> {
    let p = raw.trim().to_uppercase();
    if p.len() != 1 || !p.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Error::invalid(
            format!("ticket prefix {raw:?} must be a single letter A-Z"),
            format!("huruf awalan tiket {raw:?} harus satu huruf A-Z"),
        ));
    }
    Ok(p)
}

fn check_prefix_free(conn: &Connection, prefix: &str, except: Option<&str>) -> Result<()> {
    let holder: Option<String> = conn
        .query_row(
            "SELECT id FROM p_service WHERE prefix = ?1 AND id IS NOT ?2",
            params![prefix, except],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(h) = holder {
        return Err(Error::invalid(
            format!("ticket prefix {prefix} is already used by service {h}"),
            format!("huruf awalan tiket {prefix} sudah dipakai layanan {h}"),
        ));
    }
    Ok(())
}

fn minutes(m: Option<i64>) -> Result<Option<u32>> {
    match m {
        None => Ok(None),
        Some(m) if (1..=525_600).contains(&m) => Ok(Some(m as u32)),
        Some(m) => Err(Error::invalid(
            format!("promised minutes must be 1-525600, not {m}"),
            format!("waktu penyelesaian (menit) harus 1-525600, bukan {m}"),
        )),
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ServiceAddInput {
    pub code: String,
    pub agency: String,
    pub name: String,
    pub prefix: String,
    #[ts(optional)]
    pub minutes: Option<i64>,
    #[ts(optional)]
    pub fee: Option<String>,
    #[ts(optional)]
    pub product: Option<String>,
}

pub struct ServiceAdd;
impl Command for ServiceAdd {
    const NAME: &'static str = "service.add";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ServiceAddInput;
    type Output = Service;
    fn run(ctx: &mut Ctx<'_>, i: ServiceAddInput) -> Result<Service> {
        let code = code_key(Kind::Service, &i.code)?;
        let agency = code_key(Kind::Agency, &i.agency)?;
        let name = text("service name", "nama layanan", &i.name)?;
        let prefix = prefix_key(&i.prefix)?;
        let minutes = minutes(i.minutes)?;
        if exists(ctx.conn, "p_service", &code)? {
            return Err(Error::Duplicate {
                kind: Kind::Service,
                key: code,
            });
        }
        require(ctx.conn, Kind::Agency, "p_agency", &agency)?;
        check_prefix_free(ctx.conn, &prefix, None)?;
        ctx.write(
            "service",
            &code,
            vec![
                ("agency", json!(agency)),
                ("name", json!(name)),
                ("prefix", json!(prefix)),
                ("minutes", json!(minutes)),
                ("fee", json!(opt_text(i.fee.as_deref()))),
                ("product", json!(opt_text(i.product.as_deref()))),
                ("policy", json!(DEFAULT_POLICY)),
                ("active", json!(true)),
            ],
        )?;
        service(ctx.conn, &code)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ServiceUpdateInput {
    pub code: String,
    #[ts(optional)]
    pub agency: Option<String>,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub prefix: Option<String>,
    #[ts(optional)]
    pub minutes: Option<i64>,
    #[ts(optional)]
    pub fee: Option<String>,
    #[ts(optional)]
    pub product: Option<String>,
    #[ts(optional)]
    pub active: Option<bool>,
}

pub struct ServiceUpdate;
impl Command for ServiceUpdate {
    const NAME: &'static str = "service.update";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = ServiceUpdateInput;
    type Output = Service;
    fn run(ctx: &mut Ctx<'_>, i: ServiceUpdateInput) -> Result<Service> {
        let code = code_key(Kind::Service, &i.code)?;
        require(ctx.conn, Kind::Service, "p_service", &code)?;
        let mut f = Vec::new();
        if let Some(a) = &i.agency {
            let a = code_key(Kind::Agency, a)?;
            require(ctx.conn, Kind::Agency, "p_agency", &a)?;
            f.push(("agency", json!(a)));
        }
        if let Some(n) = &i.name {
            f.push(("name", json!(text("service name", "nama layanan", n)?)));
        }
        if let Some(p) = &i.prefix {
            let p = prefix_key(p)?;
            check_prefix_free(ctx.conn, &p, Some(&code))?;
            f.push(("prefix", json!(p)));
        }
        if i.minutes.is_some() {
            f.push(("minutes", json!(minutes(i.minutes)?)));
        }
        if let Some(fee) = &i.fee {
            f.push(("fee", json!(opt_text(Some(fee)))));
        }
        if let Some(p) = &i.product {
            f.push(("product", json!(opt_text(Some(p)))));
        }
        if let Some(a) = i.active {
            f.push(("active", json!(a)));
        }
        ctx.write("service", &code, f)?;
        service(ctx.conn, &code)
    }
}

pub struct ServiceList;
impl Command for ServiceList {
    const NAME: &'static str = "service.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<Service>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<Service>> {
        services(ctx.conn)
    }
}

// ---------------------------------------------------------------- counters

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Counter {
    pub code: String,
    pub name: String,
    pub services: Vec<String>,
    pub active: bool,
}

pub fn counters(conn: &Connection) -> Result<Vec<Counter>> {
    let mut st = conn.prepare("SELECT id, name, services, active FROM p_counter ORDER BY id")?;
    let rows = st.query_map([], |r| {
        let services: Option<String> = r.get(2)?;
        Ok(Counter {
            code: r.get(0)?,
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            services: services
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default(),
            active: r.get::<_, Option<bool>>(3)?.unwrap_or(true),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn counter(conn: &Connection, code: &str) -> Result<Counter> {
    let code = code_key(Kind::Counter, code)?;
    counters(conn)?
        .into_iter()
        .find(|c| c.code == code)
        .ok_or(Error::NotFound {
            kind: Kind::Counter,
            key: code,
        })
}

fn service_list(conn: &Connection, raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for s in raw
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let code = code_key(Kind::Service, s)?;
        require(conn, Kind::Service, "p_service", &code)?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    if out.is_empty() {
        return Err(Error::invalid(
            "a counter must serve at least one service",
            "loket harus melayani paling sedikit satu layanan",
        ));
    }
    Ok(out)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CounterAddInput {
    pub code: String,
    pub name: String,
    pub services: Vec<String>,
}

pub struct CounterAdd;
impl Command for CounterAdd {
    const NAME: &'static str = "counter.add";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = CounterAddInput;
    type Output = Counter;
    fn run(ctx: &mut Ctx<'_>, i: CounterAddInput) -> Result<Counter> {
        let code = code_key(Kind::Counter, &i.code)?;
        let name = text("counter name", "nama loket", &i.name)?;
        if exists(ctx.conn, "p_counter", &code)? {
            return Err(Error::Duplicate {
                kind: Kind::Counter,
                key: code,
            });
        }
        let services = service_list(ctx.conn, &i.services)?;
        ctx.write(
            "counter",
            &code,
            vec![
                ("name", json!(name)),
                ("services", json!(services)),
                ("active", json!(true)),
            ],
        )?;
        counter(ctx.conn, &code)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CounterUpdateInput {
    pub code: String,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub services: Option<Vec<String>>,
    #[ts(optional)]
    pub active: Option<bool>,
}

pub struct CounterUpdate;
impl Command for CounterUpdate {
    const NAME: &'static str = "counter.update";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = CounterUpdateInput;
    type Output = Counter;
    fn run(ctx: &mut Ctx<'_>, i: CounterUpdateInput) -> Result<Counter> {
        let code = code_key(Kind::Counter, &i.code)?;
        require(ctx.conn, Kind::Counter, "p_counter", &code)?;
        let mut f = Vec::new();
        if let Some(n) = &i.name {
            f.push(("name", json!(text("counter name", "nama loket", n)?)));
        }
        if let Some(s) = &i.services {
            f.push(("services", json!(service_list(ctx.conn, s)?)));
        }
        if let Some(a) = i.active {
            f.push(("active", json!(a)));
        }
        ctx.write("counter", &code, f)?;
        counter(ctx.conn, &code)
    }
}

pub struct CounterList;
impl Command for CounterList {
    const NAME: &'static str = "counter.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<Counter>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<Counter>> {
        counters(ctx.conn)
    }
}

// ---------------------------------------------------------------- staff

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Staff {
    pub nip: String,
    pub name: String,
    pub agency: String,
    pub position: Option<String>,
    /// PNS or PPPK, read from the NIP.
    pub employment: Employment,
    pub active: bool,
}

pub fn staff_list(conn: &Connection) -> Result<Vec<Staff>> {
    let mut st =
        conn.prepare("SELECT id, name, agency, position, active FROM p_staff ORDER BY id")?;
    let rows = st.query_map([], |r| {
        let nip: String = r.get(0)?;
        Ok(Staff {
            employment: parse_nip(&nip)
                .map(|n| n.employment)
                .unwrap_or(Employment::Pns),
            nip,
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            agency: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            position: r.get(3)?,
            active: r.get::<_, Option<bool>>(4)?.unwrap_or(true),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn staff(conn: &Connection, nip: &str) -> Result<Staff> {
    let key: String = nip.chars().filter(|c| !c.is_whitespace()).collect();
    staff_list(conn)?
        .into_iter()
        .find(|s| s.nip == key)
        .ok_or(Error::NotFound {
            kind: Kind::Staff,
            key,
        })
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StaffSaved {
    pub staff: Staff,
    /// Accepted, but worth a look (e.g. under 18 at TMT).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffAddInput {
    pub nip: String,
    pub name: String,
    pub agency: String,
    #[ts(optional)]
    pub position: Option<String>,
}

pub struct StaffAdd;
impl Command for StaffAdd {
    const NAME: &'static str = "staff.add";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = StaffAddInput;
    type Output = StaffSaved;
    fn run(ctx: &mut Ctx<'_>, i: StaffAddInput) -> Result<StaffSaved> {
        let nip = parse_nip(&i.nip).map_err(Error::Invalid)?;
        let name = text("officer name", "nama pegawai", &i.name)?;
        let agency = code_key(Kind::Agency, &i.agency)?;
        if exists(ctx.conn, "p_staff", &nip.digits)? {
            return Err(Error::Duplicate {
                kind: Kind::Staff,
                key: nip.digits,
            });
        }
        require(ctx.conn, Kind::Agency, "p_agency", &agency)?;
        ctx.write(
            "staff",
            &nip.digits,
            vec![
                ("name", json!(name)),
                ("agency", json!(agency)),
                ("position", json!(opt_text(i.position.as_deref()))),
                ("active", json!(true)),
            ],
        )?;
        Ok(StaffSaved {
            staff: staff(ctx.conn, &nip.digits)?,
            warnings: nip.warnings.iter().map(|w| ctx.msg(w)).collect(),
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StaffUpdateInput {
    pub nip: String,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub agency: Option<String>,
    #[ts(optional)]
    pub position: Option<String>,
    #[ts(optional)]
    pub active: Option<bool>,
}

pub struct StaffUpdate;
impl Command for StaffUpdate {
    const NAME: &'static str = "staff.update";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = StaffUpdateInput;
    type Output = StaffSaved;
    fn run(ctx: &mut Ctx<'_>, i: StaffUpdateInput) -> Result<StaffSaved> {
        let current = staff(ctx.conn, &i.nip)?;
        let mut f = Vec::new();
        if let Some(n) = &i.name {
            f.push(("name", json!(text("officer name", "nama pegawai", n)?)));
        }
        if let Some(a) = &i.agency {
            let a = code_key(Kind::Agency, a)?;
            require(ctx.conn, Kind::Agency, "p_agency", &a)?;
            f.push(("agency", json!(a)));
        }
        if let Some(p) = &i.position {
            f.push(("position", json!(opt_text(Some(p)))));
        }
        if let Some(a) = i.active {
            f.push(("active", json!(a)));
        }
        ctx.write("staff", &current.nip, f)?;
        Ok(StaffSaved {
            staff: staff(ctx.conn, &current.nip)?,
            warnings: vec![],
        })
    }
}

pub struct StaffList;
impl Command for StaffList {
    const NAME: &'static str = "staff.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = Empty;
    type Output = Vec<Staff>;
    fn run(ctx: &mut Ctx<'_>, _: Empty) -> Result<Vec<Staff>> {
        staff_list(ctx.conn)
    }
}

// ---------------------------------------------------------------- holidays

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Holiday {
    /// `YYYY-MM-DD`
    pub date: String,
    pub name: String,
}

/// Active holidays, optionally of one year, by date.
pub fn holidays(conn: &Connection, year: Option<i32>) -> Result<Vec<Holiday>> {
    let mut st = conn.prepare("SELECT id, name FROM p_holiday WHERE active = 1 ORDER BY id")?;
    let rows = st.query_map([], |r| {
        Ok(Holiday {
            date: r.get(0)?,
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        })
    })?;
    let all: Vec<Holiday> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(match year {
        Some(y) => all
            .into_iter()
            .filter(|h| h.date.starts_with(&format!("{y:04}-")))
            .collect(),
        None => all,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HolidayAddInput {
    pub date: String,
    pub name: String,
}

pub struct HolidayAdd;
impl Command for HolidayAdd {
    const NAME: &'static str = "holiday.add";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = HolidayAddInput;
    type Output = Holiday;
    fn run(ctx: &mut Ctx<'_>, i: HolidayAddInput) -> Result<Holiday> {
        let date = parse_date(&i.date)?.to_string();
        let name = text("holiday name", "nama hari libur", &i.name)?;
        let active: Option<Option<bool>> = ctx
            .conn
            .query_row(
                "SELECT active FROM p_holiday WHERE id = ?1",
                params![date],
                |r| r.get(0),
            )
            .optional()?;
        if active == Some(Some(true)) {
            return Err(Error::Duplicate {
                kind: Kind::Holiday,
                key: date,
            });
        }
        ctx.write(
            "holiday",
            &date,
            vec![("name", json!(name)), ("active", json!(true))],
        )?;
        Ok(Holiday { date, name })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HolidayRemoveInput {
    pub date: String,
}

pub struct HolidayRemove;
impl Command for HolidayRemove {
    const NAME: &'static str = "holiday.remove";
    const PERM: Perm = Perm::Configure;
    const MUTATES: bool = true;
    type Input = HolidayRemoveInput;
    type Output = Holiday;
    fn run(ctx: &mut Ctx<'_>, i: HolidayRemoveInput) -> Result<Holiday> {
        let date = parse_date(&i.date)?.to_string();
        let h = holidays(ctx.conn, None)?
            .into_iter()
            .find(|h| h.date == date)
            .ok_or(Error::NotFound {
                kind: Kind::Holiday,
                key: date.clone(),
            })?;
        ctx.write("holiday", &date, vec![("active", json!(false))])?;
        Ok(h)
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct HolidayListInput {
    #[ts(optional)]
    pub year: Option<i32>,
}

pub struct HolidayList;
impl Command for HolidayList {
    const NAME: &'static str = "holiday.list";
    const PERM: Perm = Perm::Read;
    const MUTATES: bool = false;
    type Input = HolidayListInput;
    type Output = Vec<Holiday>;
    fn run(ctx: &mut Ctx<'_>, i: HolidayListInput) -> Result<Vec<Holiday>> {
        holidays(ctx.conn, i.year)
    }
}
