import { describe, expect, it } from 'vitest';
import type { ImportReport, VerifyReport } from '../bindings';
import {
  addFiles,
  importVerified,
  isBusy,
  progress,
  readyCount,
  runFiles,
  setPassphrase,
  totals,
  verifyWaiting,
  type QueueItem,
  type SyncCalls,
} from './importQueue';

function verifyReport(file: string, encrypted = false): VerifyReport {
  return {
    file,
    bundle_id: 'b',
    format: 1,
    encrypted,
    full: false,
    exporter: 'dev',
    exporter_name: 'Laptop',
    site: 'MPP',
    exported_at: '2026-11-23T09:00:00+07:00',
    events: 5,
    new_events: 3,
    parts: [],
  };
}

function importReport(file: string, n: number): ImportReport {
  return {
    file,
    bundle_id: 'b',
    exporter: 'dev',
    exporter_name: 'Laptop',
    exported_at: '2026-11-23T09:00:00+07:00',
    encrypted: false,
    seen_before: false,
    new_events: n,
    known_events: 1,
    conflicts: 1,
    quarantined: 0,
    devices: [],
  };
}

/** A fake core: `bad.loket` is tampered, `enc.loket` needs passphrase `benar`. */
function fakeCalls(log: string[]): SyncCalls {
  const refuse = (message: string) => Promise.reject({ code: 'invalid', message });
  return {
    verify(file, pass) {
      log.push(`verify ${file}`);
      if (file === 'bad.loket') return refuse('tampered');
      if (file === 'enc.loket' && pass !== 'benar') return refuse('wrong passphrase');
      return Promise.resolve(verifyReport(file, file === 'enc.loket'));
    },
    import(file) {
      log.push(`import ${file}`);
      if (file === 'late.loket') return refuse('truncated');
      return Promise.resolve(importReport(file, 4));
    },
    toError: (e) => e as { code: string; message: string },
  };
}

function at(items: QueueItem[], i: number): QueueItem {
  const item = items[i];
  if (!item) throw new Error(`no item ${i}`);
  return item;
}

const probed = (file: string, encrypted = false) => ({ file, encrypted, bytes: 100 });

describe('import queue', () => {
  it('verifies first, asks for passphrases, imports only verified files', async () => {
    const log: string[] = [];
    const calls = fakeCalls(log);
    let items: QueueItem[] = addFiles([], [probed('a.loket'), probed('bad.loket'), probed('enc.loket', true)]);
    const run = runFiles(items, 'verify');
    expect(run).toEqual(['a.loket', 'bad.loket', 'enc.loket']);
    expect(progress(items, run, 'verify')).toEqual({ done: 0, total: 3 });
    await verifyWaiting(items, calls);
    expect(items.map((i) => i.status)).toEqual(['verified', 'rejected', 'needs_passphrase']);
    expect(at(items, 1).error?.message).toBe('tampered');
    expect(at(items, 1).failedAt).toBe('verify');
    expect(log).toEqual(['verify a.loket', 'verify bad.loket']);
    expect(progress(items, run, 'verify')).toEqual({ done: 3, total: 3 });

    setPassphrase(at(items, 2), 'salah');
    await verifyWaiting(items, calls);
    expect(at(items, 2).status).toBe('rejected');
    expect(at(items, 2).error?.message).toBe('wrong passphrase');
    setPassphrase(at(items, 2), 'benar');
    expect(at(items, 2).error).toBeUndefined();
    await verifyWaiting(items, calls);
    expect(at(items, 2).status).toBe('verified');
    expect(readyCount(items)).toBe(2);

    const importRun = runFiles(items, 'import');
    await importVerified(items, calls);
    expect(items.map((i) => i.status)).toEqual(['imported', 'rejected', 'imported']);
    expect(progress(items, importRun, 'import')).toEqual({ done: 2, total: 2 });
    expect(log.filter((l) => l.startsWith('import'))).toEqual(['import a.loket', 'import enc.loket']);
    expect(totals(items)).toEqual({
      imported: 2,
      rejected: 1,
      new_events: 8,
      known_events: 2,
      conflicts: 2,
      quarantined: 0,
    });
    expect(isBusy(items)).toBe(false);

    // Adding the same files again: imported ones stay, the refused one starts over.
    items = addFiles(items, [probed('a.loket'), probed('bad.loket')]);
    expect(items.map((i) => i.status)).toEqual(['imported', 'waiting', 'imported']);
    expect(items).toHaveLength(3);
  });

  it('keeps a refusal at import apart from one at verification', async () => {
    const items = addFiles([], [probed('late.loket')]);
    await verifyWaiting(items, fakeCalls([]));
    await importVerified(items, fakeCalls([]));
    expect(at(items, 0).status).toBe('rejected');
    expect(at(items, 0).failedAt).toBe('import');
    expect(at(items, 0).verify).toBeDefined();
    expect(totals(items).rejected).toBe(1);
  });
});
