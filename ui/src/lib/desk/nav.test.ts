import { afterEach, describe, expect, it } from 'vitest';
import type { StatusInfo } from '../bindings';
import { screensFor } from '../nav';
import { app } from '../state.svelte';

function status(kind: StatusInfo['device_kind']): StatusInfo {
  return {
    initialized: true,
    schema_version: 7,
    site: 'MPP Kota Contoh',
    site_id: 's',
    site_tz: 'Asia/Jakarta',
    device_id: 'd',
    device_name: 'PC',
    device_kind: kind,
    has_users: true,
    idle_lock_minutes: 5,
  };
}

describe('desk entries in the menu', () => {
  afterEach(() => {
    app.status = null;
  });

  it('offers the desk on a counter PC to every role', () => {
    app.status = status('counter');
    for (const role of ['petugas', 'supervisor', 'admin']) {
      expect(screensFor(role)).toContain('desk');
      expect(screensFor(role)).not.toContain('keliling');
    }
    expect(screensFor('tamu')).not.toContain('desk');
  });

  it('offers Layanan Keliling instead on a field laptop', () => {
    app.status = status('field');
    expect(screensFor('petugas')).toContain('keliling');
    expect(screensFor('petugas')).not.toContain('desk');
  });

  it('offers neither while the device is unknown', () => {
    for (const role of ['petugas', 'supervisor', 'admin']) {
      expect(screensFor(role)).not.toContain('desk');
      expect(screensFor(role)).not.toContain('keliling');
    }
  });
});
