//! The entities that events write, and the projection table each one folds into. A field an
//! event writes that its entity does not list is kept in the register state (nothing is lost)
//! but not projected; a later schema that knows it projects it on rebuild.

pub struct EntityDef {
    pub name: &'static str,
    pub table: &'static str,
    pub fields: &'static [&'static str],
}

pub const ENTITIES: &[EntityDef] = &[
    EntityDef {
        name: "site",
        table: "p_site",
        fields: &["name", "tz", "kind", "place", "start_date", "end_date"],
    },
    EntityDef {
        name: "device",
        table: "p_device",
        fields: &["name", "kind", "site", "public_key"],
    },
    EntityDef {
        name: "agency",
        table: "p_agency",
        fields: &["name", "active"],
    },
    EntityDef {
        name: "service",
        table: "p_service",
        fields: &[
            "agency",
            "name",
            "prefix",
            "minutes",
            "fee",
            "product",
            "requirements",
            "procedure",
            "policy",
            "active",
        ],
    },
    EntityDef {
        name: "counter",
        table: "p_counter",
        fields: &["name", "services", "active"],
    },
    EntityDef {
        name: "staff",
        table: "p_staff",
        fields: &["name", "agency", "position", "active"],
    },
    EntityDef {
        name: "holiday",
        table: "p_holiday",
        fields: &["name", "active"],
    },
    EntityDef {
        name: "user",
        table: "p_user",
        fields: &["username", "role", "nip", "pin_hash", "active"],
    },
    // >>> queue (issue 4)
    EntityDef {
        name: "ticket",
        table: "p_ticket",
        fields: &[
            "number",
            "seq",
            "prefix",
            "issue_service",
            "service",
            "day",
            "device",
            "site",
            "priority",
            "status",
            "issued_at",
            "called_at",
            "started_at",
            "finished_at",
            "counter",
            "officer",
            "recalls",
            "order_key",
            "print",
        ],
    },
    EntityDef {
        name: "ticket_step",
        table: "p_ticket_step",
        fields: &[
            "ticket", "n", "device", "kind", "at", "day", "service", "counter", "officer", "detail",
        ],
    },
    // <<< queue
    // >>> complaints (issue 5)
    EntityDef {
        name: "sla_profile",
        table: "p_sla_profile",
        fields: &["name", "respond_days", "resolve_days", "active"],
    },
    EntityDef {
        name: "complaint",
        table: "p_complaint",
        fields: &[
            "number",
            "received_at",
            "type",
            "channel",
            "category",
            "service",
            "agency",
            "ticket",
            "service_date",
            "name",
            "phone",
            "nik",
            "summary",
            "details",
            "respond_days",
            "resolve_days",
            "status",
            "assigned_nip",
            "responded_at",
            "resolved_at",
            "closed_at",
            "answer",
            "answer_at",
            "answer_by",
            "site",
            "device",
            "registered_at",
        ],
    },
    EntityDef {
        name: "complaint_step",
        table: "p_complaint_step",
        fields: &[
            "complaint",
            "kind",
            "from_status",
            "to_status",
            "staff",
            "note",
            "at",
            "ordinal",
            "by_user",
            "by_nip",
            "recorded_at",
        ],
    },
    // <<< complaints
    // >>> survey (issue 6)
    EntityDef {
        name: "survey_response",
        table: "p_survey_response",
        fields: crate::survey::RESPONSE_FIELDS,
    },
    EntityDef {
        name: "survey_batch",
        table: "p_survey_batch",
        fields: crate::survey::BATCH_FIELDS,
    },
    // <<< survey
    // >>> sync (issue 7)
    // <<< sync
    // >>> staff development (issue 8)
    EntityDef {
        name: "staffdev_config",
        table: "p_staffdev_config",
        fields: &["jp_minutes", "pppk_target_jp_x100"],
    },
    EntityDef {
        name: "training",
        table: "p_training",
        fields: &[
            "nip",
            "kind",
            "form",
            "title",
            "provider",
            "start_date",
            "date",
            "jp_x100",
            "minutes",
            "program",
            "evidence",
            "active",
            "by_user",
            "recorded_at",
            "site",
        ],
    },
    EntityDef {
        name: "training_evidence",
        table: "p_training_evidence",
        fields: &[
            "training",
            "file_name",
            "size",
            "sha256",
            "data",
            "by_user",
            "recorded_at",
        ],
    },
    EntityDef {
        name: "program",
        table: "p_program",
        fields: &[
            "title",
            "topic",
            "kind",
            "form",
            "provider",
            "start_date",
            "end_date",
            "jp_x100",
            "budget",
            "target_participants",
            "status",
            "completed_at",
            "by_user",
            "recorded_at",
        ],
    },
    EntityDef {
        name: "program_participant",
        table: "p_program_participant",
        fields: &[
            "program",
            "nip",
            "enrolled",
            "enrolled_at",
            "attended",
            "rating",
            "comment",
            "feedback_at",
            "training",
        ],
    },
    EntityDef {
        name: "mentoring",
        table: "p_mentoring",
        fields: &[
            "mentor",
            "mentee",
            "start_date",
            "end_date",
            "goals",
            "status",
            "by_user",
            "recorded_at",
        ],
    },
    EntityDef {
        name: "mentoring_session",
        table: "p_mentoring_session",
        fields: &["pair", "date", "minutes", "notes", "by_user", "recorded_at"],
    },
    EntityDef {
        name: "staff_assessment",
        table: "p_staff_assessment",
        fields: &[
            "nip",
            "from_date",
            "to_date",
            "note",
            "hasil",
            "perilaku",
            "predicate",
            "by_user",
            "at",
        ],
    },
    // <<< staff development
    // >>> daily log (issue 9)
    EntityDef {
        name: "daily_note",
        table: "p_daily_note",
        fields: &["site", "date", "text", "at", "by_user", "by_nip"],
    },
    EntityDef {
        name: "daily_approval",
        table: "p_daily_approval",
        fields: &[
            "site",
            "date",
            "at",
            "by_user",
            "by_nip",
            "fingerprint",
            "snapshot",
        ],
    },
    // <<< daily log
];

pub fn entity(name: &str) -> Option<&'static EntityDef> {
    ENTITIES.iter().find(|e| e.name == name)
}

impl EntityDef {
    pub fn has_field(&self, f: &str) -> bool {
        self.fields.contains(&f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_projection_table_has_exactly_id_and_the_entity_fields() {
        let dir = tempfile::tempdir().unwrap();
        let c = crate::store::open(&dir.path().join("s.db"), true).unwrap();
        for e in ENTITIES {
            let mut st = c
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    e.table
                ))
                .unwrap();
            let cols: Vec<String> = st
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let mut want = vec!["id".to_string()];
            want.extend(e.fields.iter().map(|f| f.to_string()));
            assert_eq!(cols, want, "table {}", e.table);
        }
    }
}
