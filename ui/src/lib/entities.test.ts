import { describe, expect, it } from 'vitest';
import { buildArgs, cellText, ENTITIES, formFields, initialValues } from './entities';

describe('entity forms', () => {
  it('adds with every filled field, codes upper-cased and trimmed', () => {
    const def = ENTITIES.service;
    const values = { ...initialValues(def, 'add'), code: ' ktp ', agency: 'DUK', name: 'KTP-el', prefix: 'a', minutes: '30' };
    const r = buildArgs(def, 'add', values);
    expect(r).toEqual({ ok: true, changed: true, args: { code: 'KTP', agency: 'DUK', name: 'KTP-el', prefix: 'A', minutes: 30 } });
  });

  it('reports the first missing required field', () => {
    const r = buildArgs(ENTITIES.agency, 'add', { code: 'DUK', name: '  ' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field.key).toBe('name');
      expect(r.problem).toBe('required');
    }
  });

  it('rejects non-numeric minutes', () => {
    const def = ENTITIES.service;
    const r = buildArgs(def, 'add', { code: 'A', agency: 'B', name: 'C', prefix: 'D', minutes: '1,5' });
    expect(r.ok).toBe(false);
  });

  it('edits send the identity plus changed fields only', () => {
    const def = ENTITIES.staff;
    const row = { nip: '198503302010011002', name: 'Budi', agency: 'DUK', position: null, active: true, employment: 'PNS' };
    const original = initialValues(def, 'edit', row);
    expect(original).toEqual({ nip: '198503302010011002', name: 'Budi', agency: 'DUK', position: '', active: true });
    const unchanged = buildArgs(def, 'edit', { ...original }, original);
    expect(unchanged).toEqual({ ok: true, changed: false, args: { nip: '198503302010011002' } });
    const r = buildArgs(def, 'edit', { ...original, name: 'Budi Santoso', active: false }, original);
    expect(r).toEqual({ ok: true, changed: true, args: { nip: '198503302010011002', name: 'Budi Santoso', active: false } });
  });

  it('hides edit-only fields when adding', () => {
    expect(formFields(ENTITIES.staff, 'add').map((f) => f.key)).not.toContain('active');
    expect(formFields(ENTITIES.staff, 'edit').map((f) => f.key)).toContain('active');
  });

  it('formats cells', () => {
    const holiday = ENTITIES.holiday.columns[0]!;
    expect(cellText(holiday, { date: '2026-08-17', name: 'HUT RI' })).toBe('17 Agu 2026');
    const services = ENTITIES.counter.columns[2]!;
    expect(cellText(services, { services: ['KTP', 'KK'] })).toBe('KTP, KK');
    const minutes = ENTITIES.service.columns[4]!;
    expect(cellText(minutes, { minutes: 1440 })).toBe('1.440');
  });
});
