// The import screen's state machine, per file:
//   waiting → verifying → verified | needs_passphrase | rejected
//   verified → importing → imported | rejected
// A rejected encrypted file (wrong passphrase) can take another passphrase and go back to
// waiting. Every refusal comes from the core with its reason; a refused file changed nothing.
// The calls are injected (`SyncCalls`) so the machine is tested without a backend.
import type { ImportReport, ProbedFile, VerifyReport } from '../bindings';
import type { ApiError } from '../api';
import type { Key } from '../i18n';

export type FileStatus =
  | 'waiting'
  | 'needs_passphrase'
  | 'verifying'
  | 'verified'
  | 'importing'
  | 'imported'
  | 'rejected';

export interface QueueItem {
  file: string;
  bytes: number | null;
  encrypted: boolean;
  status: FileStatus;
  passphrase?: string;
  verify?: VerifyReport;
  report?: ImportReport;
  error?: ApiError;
  /** The step that refused the file. */
  failedAt?: 'verify' | 'import';
}

export interface SyncCalls {
  verify(file: string, passphrase?: string): Promise<VerifyReport>;
  import(file: string, passphrase?: string): Promise<ImportReport>;
  toError(e: unknown): ApiError;
}

/** Adds probed files to the list: new files wait; a file already listed and not yet imported starts over. */
export function addFiles(items: QueueItem[], probed: ProbedFile[]): QueueItem[] {
  const out = [...items];
  for (const p of probed) {
    const i = out.findIndex((it) => it.file === p.file);
    const known = out[i];
    const fresh: QueueItem = { file: p.file, bytes: p.bytes, encrypted: p.encrypted, status: 'waiting' };
    if (!known) out.push(fresh);
    else if (known.status !== 'imported') out[i] = { ...fresh, passphrase: known.passphrase };
  }
  return out;
}

/** Gives an encrypted file its passphrase; it is verified again. */
export function setPassphrase(item: QueueItem, passphrase: string): void {
  item.passphrase = passphrase;
  item.status = 'waiting';
  item.error = undefined;
  item.failedAt = undefined;
  item.verify = undefined;
}

/** Verifies every waiting file, one after the other (encrypted ones first need a passphrase). */
export async function verifyWaiting(items: QueueItem[], calls: SyncCalls): Promise<void> {
  for (const item of items) {
    if (item.status !== 'waiting') continue;
    if (item.encrypted && !item.passphrase) {
      item.status = 'needs_passphrase';
      continue;
    }
    item.status = 'verifying';
    try {
      item.verify = await calls.verify(item.file, item.passphrase);
      item.encrypted = item.verify.encrypted;
      item.status = 'verified';
    } catch (e) {
      item.error = calls.toError(e);
      item.failedAt = 'verify';
      item.status = 'rejected';
    }
  }
}

/** Imports every verified file, one after the other; each is applied or refused on its own. */
export async function importVerified(items: QueueItem[], calls: SyncCalls): Promise<void> {
  for (const item of items) {
    if (item.status !== 'verified') continue;
    item.status = 'importing';
    try {
      item.report = await calls.import(item.file, item.passphrase);
      item.status = 'imported';
    } catch (e) {
      item.error = calls.toError(e);
      item.failedAt = 'import';
      item.status = 'rejected';
    }
  }
}

const BUSY: FileStatus[] = ['verifying', 'importing'];
const PENDING: Record<'verify' | 'import', FileStatus[]> = {
  verify: ['waiting', 'verifying'],
  import: ['verified', 'importing'],
};

export function isBusy(items: QueueItem[]): boolean {
  return items.some((i) => BUSY.includes(i.status));
}

/** Files ready to import. */
export function readyCount(items: QueueItem[]): number {
  return items.filter((i) => i.status === 'verified').length;
}

/** The files a run will handle: waiting ones for verify, verified ones for import. */
export function runFiles(items: QueueItem[], phase: 'verify' | 'import'): string[] {
  const first = phase === 'verify' ? 'waiting' : 'verified';
  return items.filter((i) => i.status === first).map((i) => i.file);
}

/** Progress of a run: how many of its files have left the pending states. */
export function progress(
  items: QueueItem[],
  run: string[],
  phase: 'verify' | 'import',
): { done: number; total: number } {
  const inRun = items.filter((i) => run.includes(i.file));
  const done = inRun.filter((i) => !PENDING[phase].includes(i.status)).length;
  return { done, total: run.length };
}

export interface Totals {
  imported: number;
  rejected: number;
  new_events: number;
  known_events: number;
  conflicts: number;
  quarantined: number;
}

/** Sums of the imported files' reports, and how many files were refused. */
export function totals(items: QueueItem[]): Totals {
  const t: Totals = { imported: 0, rejected: 0, new_events: 0, known_events: 0, conflicts: 0, quarantined: 0 };
  for (const i of items) {
    if (i.status === 'rejected') t.rejected++;
    const r = i.report;
    if (i.status !== 'imported' || !r) continue;
    t.imported++;
    t.new_events += r.new_events;
    t.known_events += r.known_events;
    t.conflicts += r.conflicts;
    t.quarantined += r.quarantined;
  }
  return t;
}

/** The words for each state. */
export const STATUS_KEY: Record<FileStatus, Key> = {
  waiting: 'sync.status.waiting',
  needs_passphrase: 'sync.status.needs_passphrase',
  verifying: 'sync.status.verifying',
  verified: 'sync.status.verified',
  importing: 'sync.status.importing',
  imported: 'sync.status.imported',
  rejected: 'sync.status.rejected',
};
