// Master-data screens are described as data: one definition per entity drives the list, the add
// form and the edit form (EntityScreen.svelte). Argument names are the command layer's.
import { formatDate, formatNumber } from './format';
import type { Key } from './i18n';

export type Row = Record<string, unknown>;
export type FieldValue = string | boolean | string[];
export type FormValues = Record<string, FieldValue>;

export type FieldKind = 'text' | 'number' | 'select' | 'multi' | 'date' | 'checkbox';

export interface OptionSource {
  /** List command providing the options, e.g. `agency.list`. */
  command: string;
  value: string;
  label: (row: Row) => string;
}

export interface FieldDef {
  key: string;
  label: Key;
  kind: FieldKind;
  required?: boolean;
  /** The entity's identity: entered when adding, fixed when editing. */
  identity?: boolean;
  /** Only shown when editing (e.g. `active`). */
  editOnly?: boolean;
  hint?: Key;
  options?: OptionSource;
  uppercase?: boolean;
  maxlength?: number;
  inputmode?: 'numeric' | 'text';
  /** Value for a fresh add form. */
  initial?: FieldValue;
}

export interface ColumnDef {
  key: string;
  label: Key;
  format?: (value: unknown, row: Row) => string;
  /** Narrow column (codes, letters). */
  narrow?: boolean;
  /** Hidden while the add/edit form takes the right side of the screen (1366×768). */
  secondary?: boolean;
}

export type EntityName = 'agency' | 'service' | 'counter' | 'staff' | 'holiday';

export interface EntityDef {
  name: EntityName;
  title: Key;
  addLabel: Key;
  editLabel: Key;
  idKey: string;
  fields: FieldDef[];
  columns: ColumnDef[];
  editable: boolean;
  removable: boolean;
}

const text = (v: unknown): string => (v === null || v === undefined || v === '' ? '–' : String(v));
const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') || '–' : text(v));
const number = (v: unknown): string => (typeof v === 'number' ? formatNumber(v) : text(v));
const codeName = (r: Row): string => `${text(r.code)} · ${text(r.name)}`;

const agencyOptions: OptionSource = { command: 'agency.list', value: 'code', label: codeName };
const serviceOptions: OptionSource = {
  command: 'service.list',
  value: 'code',
  label: (r) => `${text(r.prefix)} · ${text(r.name)} (${text(r.code)})`,
};

export const ENTITIES: Record<EntityName, EntityDef> = {
  agency: {
    name: 'agency',
    title: 'agency.title',
    addLabel: 'agency.add',
    editLabel: 'agency.edit',
    idKey: 'code',
    editable: true,
    removable: false,
    fields: [
      { key: 'code', label: 'agency.code', kind: 'text', required: true, identity: true, uppercase: true, maxlength: 16 },
      { key: 'name', label: 'agency.name', kind: 'text', required: true, maxlength: 120 },
      { key: 'active', label: 'common.active', kind: 'checkbox', editOnly: true, initial: true },
    ],
    columns: [
      { key: 'code', label: 'agency.code', narrow: true },
      { key: 'name', label: 'agency.name' },
    ],
  },
  service: {
    name: 'service',
    title: 'service.title',
    addLabel: 'service.add',
    editLabel: 'service.edit',
    idKey: 'code',
    editable: true,
    removable: false,
    fields: [
      { key: 'code', label: 'service.code', kind: 'text', required: true, identity: true, uppercase: true, maxlength: 16 },
      { key: 'agency', label: 'service.agency', kind: 'select', required: true, options: agencyOptions },
      { key: 'name', label: 'service.name', kind: 'text', required: true, maxlength: 120 },
      { key: 'prefix', label: 'service.prefix', kind: 'text', required: true, uppercase: true, maxlength: 1, hint: 'service.prefix_hint' },
      { key: 'minutes', label: 'service.minutes', kind: 'number', inputmode: 'numeric' },
      { key: 'fee', label: 'service.fee', kind: 'text', maxlength: 120 },
      { key: 'product', label: 'service.product', kind: 'text', maxlength: 200 },
      { key: 'active', label: 'common.active', kind: 'checkbox', editOnly: true, initial: true },
    ],
    columns: [
      { key: 'prefix', label: 'service.prefix_short', narrow: true },
      { key: 'code', label: 'service.code', narrow: true },
      { key: 'name', label: 'service.name' },
      { key: 'agency', label: 'service.agency', narrow: true, secondary: true },
      { key: 'minutes', label: 'service.minutes_short', format: number, narrow: true },
      { key: 'fee', label: 'service.fee', secondary: true },
    ],
  },
  counter: {
    name: 'counter',
    title: 'counter.title',
    addLabel: 'counter.add',
    editLabel: 'counter.edit',
    idKey: 'code',
    editable: true,
    removable: false,
    fields: [
      { key: 'code', label: 'counter.code', kind: 'text', required: true, identity: true, uppercase: true, maxlength: 16 },
      { key: 'name', label: 'counter.name', kind: 'text', required: true, maxlength: 120 },
      { key: 'services', label: 'counter.services', kind: 'multi', required: true, options: serviceOptions, initial: [] },
      { key: 'active', label: 'common.active', kind: 'checkbox', editOnly: true, initial: true },
    ],
    columns: [
      { key: 'code', label: 'counter.code', narrow: true },
      { key: 'name', label: 'counter.name' },
      { key: 'services', label: 'counter.services', format: list },
    ],
  },
  staff: {
    name: 'staff',
    title: 'staff.title',
    addLabel: 'staff.add',
    editLabel: 'staff.edit',
    idKey: 'nip',
    editable: true,
    removable: false,
    fields: [
      { key: 'nip', label: 'staff.nip', kind: 'text', required: true, identity: true, maxlength: 18, inputmode: 'numeric', hint: 'staff.nip_hint' },
      { key: 'name', label: 'staff.name', kind: 'text', required: true, maxlength: 120 },
      { key: 'agency', label: 'staff.agency', kind: 'select', required: true, options: agencyOptions },
      { key: 'position', label: 'staff.position', kind: 'text', maxlength: 120 },
      { key: 'active', label: 'common.active', kind: 'checkbox', editOnly: true, initial: true },
    ],
    columns: [
      { key: 'nip', label: 'staff.nip', narrow: true },
      { key: 'name', label: 'staff.name' },
      { key: 'agency', label: 'staff.agency', narrow: true },
      { key: 'position', label: 'staff.position', secondary: true },
      { key: 'employment', label: 'staff.employment', narrow: true, secondary: true },
    ],
  },
  holiday: {
    name: 'holiday',
    title: 'holiday.title',
    addLabel: 'holiday.add',
    editLabel: 'holiday.edit',
    idKey: 'date',
    editable: false,
    removable: true,
    fields: [
      { key: 'date', label: 'holiday.date', kind: 'date', required: true, identity: true },
      { key: 'name', label: 'holiday.name', kind: 'text', required: true, maxlength: 120 },
    ],
    columns: [
      { key: 'date', label: 'holiday.date', format: (v) => (typeof v === 'string' ? formatDate(v) : text(v)), narrow: true },
      { key: 'name', label: 'holiday.name' },
    ],
  },
};

export type Mode = 'add' | 'edit';

/** Fields shown in a form of the given mode. */
export function formFields(def: EntityDef, mode: Mode): FieldDef[] {
  return def.fields.filter((f) => mode === 'edit' || !f.editOnly);
}

/** Form values for a fresh add form, or prefilled from a list row for editing. */
export function initialValues(def: EntityDef, mode: Mode, row?: Row): FormValues {
  const values: FormValues = {};
  for (const f of formFields(def, mode)) {
    const v = row?.[f.key];
    if (mode === 'edit' && row) {
      if (f.kind === 'checkbox') values[f.key] = v !== false;
      else if (f.kind === 'multi') values[f.key] = Array.isArray(v) ? v.map(String) : [];
      else values[f.key] = v === null || v === undefined ? '' : String(v);
    } else {
      values[f.key] = f.initial ?? (f.kind === 'checkbox' ? false : f.kind === 'multi' ? [] : '');
    }
  }
  return values;
}

export type BuildResult =
  | { ok: true; args: Record<string, unknown>; changed: boolean }
  | { ok: false; field: FieldDef; problem: 'required' | 'number' };

function normalize(f: FieldDef, raw: FieldValue | undefined): { value: unknown; empty: boolean } | 'number' {
  if (f.kind === 'checkbox') return { value: raw === true, empty: false };
  if (f.kind === 'multi') {
    const v = Array.isArray(raw) ? raw : [];
    return { value: v, empty: v.length === 0 };
  }
  let s = typeof raw === 'string' ? raw.trim() : '';
  if (f.uppercase) s = s.toUpperCase();
  if (s === '') return { value: undefined, empty: true };
  if (f.kind === 'number') {
    if (!/^\d+$/.test(s)) return 'number';
    return { value: Number(s), empty: false };
  }
  return { value: s, empty: false };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Turns form values into command arguments. Adding sends every filled field; editing sends the
 * identity plus the fields that changed. Only emptiness and number syntax are checked here; the
 * command layer validates everything else and its message is shown.
 */
export function buildArgs(def: EntityDef, mode: Mode, values: FormValues, original?: FormValues): BuildResult {
  const args: Record<string, unknown> = {};
  let changed = mode === 'add';
  for (const f of formFields(def, mode)) {
    const n = normalize(f, values[f.key]);
    if (n === 'number') return { ok: false, field: f, problem: 'number' };
    if (n.empty && f.required) return { ok: false, field: f, problem: 'required' };
    if (mode === 'add') {
      if (!n.empty) args[f.key] = n.value;
      continue;
    }
    if (f.identity) {
      args[f.key] = n.value;
      continue;
    }
    const before = original ? normalize(f, original[f.key]) : null;
    const beforeValue = before && before !== 'number' ? before.value : undefined;
    if (!same(n.value, beforeValue)) {
      if (n.empty) continue; // clearing an optional field is not expressible yet
      args[f.key] = n.value;
      changed = true;
    }
  }
  return { ok: true, args, changed };
}

export function cellText(col: ColumnDef, row: Row): string {
  const v = row[col.key];
  return col.format ? col.format(v, row) : Array.isArray(v) ? list(v) : text(v);
}

/** Deactivated rows stay listed (history refers to them) but are shown muted. */
export function isInactive(row: Row): boolean {
  return row.active === false;
}

export function rowId(def: EntityDef, row: Row): string {
  return String(row[def.idKey] ?? '');
}
