import { describe, expect, it, vi } from 'vitest';
import { printTicket, type PrinterSettings } from './print';

const base: PrinterSettings = { mode: 'html', device: null, paper_mm: 80, kiosk_reset_s: 20 };

describe('printTicket', () => {
  it('sends raw ESC/POS through the core and reports its failure', async () => {
    const run = vi.fn().mockResolvedValueOnce({ printed: true }).mockResolvedValueOnce({ printed: false, error: '/dev/usb/lp0: No such device' });
    const html = vi.fn();
    const s = { ...base, mode: 'escpos', device: '/dev/usb/lp0' };
    expect(await printTicket('t1', s, html, run as never)).toEqual({ kind: 'printed' });
    expect(await printTicket('t1', s, html, run as never)).toEqual({ kind: 'failed', error: '/dev/usb/lp0: No such device' });
    expect(run).toHaveBeenCalledWith('queue.print_to', { ticket: 't1' });
    expect(html).not.toHaveBeenCalled();
  });

  it('records the HTML print and its failure', async () => {
    const run = vi.fn().mockResolvedValue({});
    expect(await printTicket('t2', base, () => Promise.resolve(), run as never)).toEqual({ kind: 'printed' });
    expect(run).toHaveBeenLastCalledWith('queue.print', { ticket: 't2', result: 'printed' });
    expect(await printTicket('t2', base, () => Promise.reject(new Error('no printer')), run as never)).toEqual({ kind: 'failed', error: 'no printer' });
    expect(run).toHaveBeenLastCalledWith('queue.print', { ticket: 't2', result: 'failed', error: 'no printer' });
  });

  it('does nothing when printing is off', async () => {
    const run = vi.fn();
    expect(await printTicket('t3', { ...base, mode: 'off' }, vi.fn(), run as never)).toEqual({ kind: 'off' });
    expect(run).not.toHaveBeenCalled();
  });
});
