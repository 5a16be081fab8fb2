import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn(async () => () => {}) }));

const { call, login, onAuthError, toApiError, ErrorCode } = await import('./api');

describe('api client', () => {
  beforeEach(() => {
    (globalThis as Record<string, unknown>).__TAURI_INTERNALS__ = {};
    invoke.mockReset();
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__TAURI_INTERNALS__;
  });

  it('sends the command, its args and the UI locale to api_call', async () => {
    invoke.mockResolvedValueOnce([{ code: 'DUK' }]);
    const rows = await call<{ code: string }[]>('agency.list', {});
    expect(rows).toEqual([{ code: 'DUK' }]);
    expect(invoke).toHaveBeenCalledWith('api_call', { command: 'agency.list', args: {}, locale: 'id' });
  });

  it('passes {code, message} errors through untouched', async () => {
    invoke.mockRejectedValueOnce({ code: 'forbidden', message: 'Peran Anda tidak boleh melakukan ini.' });
    await expect(call('user.add', {})).rejects.toEqual({
      code: 'forbidden',
      message: 'Peran Anda tidak boleh melakukan ini.',
    });
  });

  it('wraps other failures as internal errors', async () => {
    invoke.mockRejectedValueOnce('boom');
    await expect(call('status')).rejects.toEqual({ code: 'internal', message: 'boom' });
    expect(toApiError(new Error('x'))).toEqual({ code: 'internal', message: 'x' });
  });

  it('reports a missing desktop backend by code', () => {
    delete (globalThis as Record<string, unknown>).__TAURI_INTERNALS__;
    expect(toApiError(new TypeError('undefined')).code).toBe(ErrorCode.NoBackend);
  });

  it('notifies auth listeners when the session is gone or locked', async () => {
    const seen: string[] = [];
    const off = onAuthError((e) => seen.push(e.code));
    invoke.mockRejectedValueOnce({ code: 'locked', message: 'Terkunci' });
    await expect(call('agency.list')).rejects.toMatchObject({ code: 'locked' });
    invoke.mockRejectedValueOnce({ code: 'not_logged_in', message: 'Belum masuk' });
    await expect(login('sari', '1234')).rejects.toMatchObject({ code: 'not_logged_in' });
    invoke.mockRejectedValueOnce({ code: 'conflict', message: 'Sudah ada' });
    await expect(call('agency.add')).rejects.toMatchObject({ code: 'conflict' });
    off();
    expect(seen).toEqual(['locked', 'not_logged_in']);
  });
});
