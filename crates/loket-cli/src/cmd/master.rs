//! `loket agency|service|counter|staff|holiday|user …`: master data and accounts.

use clap::Subcommand;
use loket_core::accounts::{self, Empty, Role};
use loket_core::master;

use crate::output::{print_list, yes, Table};
use crate::{secret, warn, App, Fail, ListArgs, Res};

#[derive(Subcommand)]
pub enum AgencyCmd {
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
    Update {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        active: Option<bool>,
    },
    List(ListArgs),
}

#[derive(Subcommand)]
pub enum ServiceCmd {
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        prefix: String,
        /// Promised completion time in minutes
        #[arg(long)]
        minutes: Option<i64>,
        #[arg(long)]
        fee: Option<String>,
        #[arg(long)]
        product: Option<String>,
    },
    Update {
        #[arg(long)]
        code: String,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        prefix: Option<String>,
        #[arg(long)]
        minutes: Option<i64>,
        #[arg(long)]
        fee: Option<String>,
        #[arg(long)]
        product: Option<String>,
        #[arg(long)]
        active: Option<bool>,
    },
    List(ListArgs),
    /// Set the queue ordering policy: fifo, strict or ratio:N (queue, issue 4)
    SetPolicy {
        #[arg(long)]
        code: String,
        #[arg(long)]
        policy: String,
    },
}

#[derive(Subcommand)]
pub enum CounterCmd {
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Service codes, comma-separated
        #[arg(long, value_delimiter = ',')]
        services: Vec<String>,
    },
    Update {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_delimiter = ',')]
        services: Option<Vec<String>>,
        #[arg(long)]
        active: Option<bool>,
    },
    List(ListArgs),
}

#[derive(Subcommand)]
pub enum StaffCmd {
    Add {
        #[arg(long)]
        nip: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        position: Option<String>,
    },
    Update {
        #[arg(long)]
        nip: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        position: Option<String>,
        #[arg(long)]
        active: Option<bool>,
    },
    List(ListArgs),
    // staff development (issue 8): `staff jp|report|assess|assessments`
    #[command(flatten)]
    Dev(crate::cmd::staffdev::StaffDevCmd),
}

#[derive(Subcommand)]
pub enum HolidayCmd {
    Add {
        #[arg(long)]
        date: String,
        #[arg(long)]
        name: String,
    },
    Remove {
        #[arg(long)]
        date: String,
    },
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Add a year's national holidays and cuti bersama from the bundled list (check the SKB)
    LoadNational {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum UserCmd {
    /// Add a user (PIN from env LOKET_NEW_PIN, else prompted twice)
    Add {
        #[arg(long)]
        username: String,
        #[arg(long, value_parser = ["petugas", "supervisor", "admin"])]
        role: String,
        /// Link to an officer: the desk then records this officer
        #[arg(long)]
        nip: Option<String>,
    },
    Update {
        #[arg(long)]
        username: String,
        #[arg(long, value_parser = ["petugas", "supervisor", "admin"])]
        role: Option<String>,
        /// Officer NIP; an empty value removes the link
        #[arg(long)]
        nip: Option<String>,
        #[arg(long)]
        active: Option<bool>,
    },
    /// Set a new PIN (from env LOKET_NEW_PIN, else prompted) and lift a lockout
    ResetPin {
        #[arg(long)]
        username: String,
    },
    List(ListArgs),
}

pub fn agency(app: &App, c: AgencyCmd) -> Res {
    match c {
        AgencyCmd::Add { code, name } => {
            let a = app.run::<master::AgencyAdd>(master::AgencyAddInput { code, name })?;
            println!("agency {} added", a.code);
        }
        AgencyCmd::Update { code, name, active } => {
            let a =
                app.run::<master::AgencyUpdate>(master::AgencyUpdateInput { code, name, active })?;
            println!("agency {} updated", a.code);
        }
        AgencyCmd::List(l) => {
            let rows = app.run::<master::AgencyList>(Empty {})?;
            print_list(l.json, &rows, || {
                Table::new(&["CODE", "NAME", "ACTIVE"]).rows(
                    rows.iter()
                        .map(|a| vec![a.code.clone(), a.name.clone(), yes(a.active)]),
                )
            });
        }
    }
    Ok(())
}

pub fn service(app: &App, c: ServiceCmd) -> Res {
    match c {
        ServiceCmd::Add {
            code,
            agency,
            name,
            prefix,
            minutes,
            fee,
            product,
        } => {
            let s = app.run::<master::ServiceAdd>(master::ServiceAddInput {
                code,
                agency,
                name,
                prefix,
                minutes,
                fee,
                product,
            })?;
            println!("service {} added (prefix {})", s.code, s.prefix);
        }
        ServiceCmd::Update {
            code,
            agency,
            name,
            prefix,
            minutes,
            fee,
            product,
            active,
        } => {
            let s = app.run::<master::ServiceUpdate>(master::ServiceUpdateInput {
                code,
                agency,
                name,
                prefix,
                minutes,
                fee,
                product,
                active,
            })?;
            println!("service {} updated", s.code);
        }
        ServiceCmd::SetPolicy { code, policy } => crate::cmd::queue::set_policy(app, code, policy)?,
        ServiceCmd::List(l) => {
            let rows = app.run::<master::ServiceList>(Empty {})?;
            print_list(l.json, &rows, || {
                Table::new(&[
                    "CODE", "PREFIX", "AGENCY", "NAME", "MINUTES", "POLICY", "ACTIVE",
                ])
                .rows(rows.iter().map(|s| {
                    vec![
                        s.code.clone(),
                        s.prefix.clone(),
                        s.agency.clone(),
                        s.name.clone(),
                        s.minutes.map(|m| m.to_string()).unwrap_or_default(),
                        s.policy.clone(),
                        yes(s.active),
                    ]
                }))
            });
        }
    }
    Ok(())
}

pub fn counter(app: &App, c: CounterCmd) -> Res {
    match c {
        CounterCmd::Add {
            code,
            name,
            services,
        } => {
            let c = app.run::<master::CounterAdd>(master::CounterAddInput {
                code,
                name,
                services,
            })?;
            println!("counter {} added ({})", c.code, c.services.join(","));
        }
        CounterCmd::Update {
            code,
            name,
            services,
            active,
        } => {
            let c = app.run::<master::CounterUpdate>(master::CounterUpdateInput {
                code,
                name,
                services,
                active,
            })?;
            println!("counter {} updated", c.code);
        }
        CounterCmd::List(l) => {
            let rows = app.run::<master::CounterList>(Empty {})?;
            print_list(l.json, &rows, || {
                Table::new(&["CODE", "NAME", "SERVICES", "ACTIVE"]).rows(rows.iter().map(|c| {
                    vec![
                        c.code.clone(),
                        c.name.clone(),
                        c.services.join(","),
                        yes(c.active),
                    ]
                }))
            });
        }
    }
    Ok(())
}

pub fn staff(app: &App, c: StaffCmd) -> Res {
    match c {
        StaffCmd::Add {
            nip,
            name,
            agency,
            position,
        } => {
            let s = app.run::<master::StaffAdd>(master::StaffAddInput {
                nip,
                name,
                agency,
                position,
            })?;
            warn(app, &s.warnings);
            println!(
                "officer {} added ({})",
                s.staff.nip,
                s.staff.employment.as_str()
            );
        }
        StaffCmd::Update {
            nip,
            name,
            agency,
            position,
            active,
        } => {
            let s = app.run::<master::StaffUpdate>(master::StaffUpdateInput {
                nip,
                name,
                agency,
                position,
                active,
            })?;
            println!("officer {} updated", s.staff.nip);
        }
        StaffCmd::List(l) => {
            let rows = app.run::<master::StaffList>(Empty {})?;
            print_list(l.json, &rows, || {
                Table::new(&["NIP", "NAME", "AGENCY", "TYPE", "POSITION", "ACTIVE"]).rows(
                    rows.iter().map(|s| {
                        vec![
                            s.nip.clone(),
                            s.name.clone(),
                            s.agency.clone(),
                            s.employment.as_str().into(),
                            s.position.clone().unwrap_or_default(),
                            yes(s.active),
                        ]
                    }),
                )
            });
        }
        StaffCmd::Dev(c) => crate::cmd::staffdev::staff(app, c)?,
    }
    Ok(())
}

pub fn holiday(app: &App, c: HolidayCmd) -> Res {
    match c {
        HolidayCmd::Add { date, name } => {
            let h = app.run::<master::HolidayAdd>(master::HolidayAddInput { date, name })?;
            println!("holiday {} added", h.date);
        }
        HolidayCmd::Remove { date } => {
            let h = app.run::<master::HolidayRemove>(master::HolidayRemoveInput { date })?;
            println!("holiday {} removed", h.date);
        }
        HolidayCmd::List { year, json } => {
            let rows = app.run::<master::HolidayList>(master::HolidayListInput { year })?;
            print_list(json, &rows, || {
                Table::new(&["DATE", "NAME"])
                    .rows(rows.iter().map(|h| vec![h.date.clone(), h.name.clone()]))
            });
        }
        HolidayCmd::LoadNational { year, json } => {
            crate::cmd::complaints::load_national(app, year, json)?
        }
    }
    Ok(())
}

pub fn user(app: &App, c: UserCmd) -> Res {
    let role = |r: &str| Role::parse(r).map_err(|e| Fail(e.message(app.locale)));
    match c {
        UserCmd::Add {
            username,
            role: r,
            nip,
        } => {
            let role = role(&r)?;
            let pin = secret("LOKET_NEW_PIN", &format!("New PIN for {username}: "), true)?;
            let u = app.run::<accounts::UserAdd>(accounts::UserAddInput {
                username,
                role,
                nip,
                pin,
            })?;
            println!("user {} added ({})", u.username, u.role.as_str());
        }
        UserCmd::Update {
            username,
            role: r,
            nip,
            active,
        } => {
            let role = r.as_deref().map(role).transpose()?;
            let u = app.run::<accounts::UserUpdate>(accounts::UserUpdateInput {
                username,
                role,
                nip,
                active,
            })?;
            println!("user {} updated", u.username);
        }
        UserCmd::ResetPin { username } => {
            let pin = secret("LOKET_NEW_PIN", &format!("New PIN for {username}: "), true)?;
            let u =
                app.run::<accounts::UserResetPin>(accounts::UserResetPinInput { username, pin })?;
            println!("PIN of {} reset", u.username);
        }
        UserCmd::List(l) => {
            let rows = app.run::<accounts::UserList>(Empty {})?;
            print_list(l.json, &rows, || {
                Table::new(&["USERNAME", "ROLE", "NIP", "ACTIVE"]).rows(rows.iter().map(|u| {
                    vec![
                        u.username.clone(),
                        u.role.as_str().into(),
                        u.nip.clone().unwrap_or_default(),
                        yes(u.active),
                    ]
                }))
            });
        }
    }
    Ok(())
}
