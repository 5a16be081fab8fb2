// Printing a ticket by this PC's settings: raw ESC/POS through the core (`queue.print_to`, which
// records the attempt), the system print dialog with the 58/80 mm HTML layout (recorded with
// `queue.print`), or not at all.
import { call } from '../api';
import type { PrinterSettings } from '../bindings/PrinterSettings';
import type { QueuePrintOutcome } from '../bindings/QueuePrintOutcome';
import { printMode } from './kiosk';

export type { PrinterSettings };

export type PrintResult = { kind: 'printed' } | { kind: 'failed'; error: string } | { kind: 'off' };

/**
 * Prints `ticket` the configured way. `htmlPrint` shows the HTML slip and opens the system print
 * dialog (it resolves once the dialog is done). Failures are results, not exceptions: the core
 * has already recorded them.
 */
export async function printTicket(
  ticketId: string,
  settings: PrinterSettings,
  htmlPrint: () => Promise<void>,
  run: typeof call = call,
): Promise<PrintResult> {
  const mode = printMode(settings.mode);
  if (mode === 'off') return { kind: 'off' };
  if (mode === 'escpos') {
    const out = await run<QueuePrintOutcome>('queue.print_to', { ticket: ticketId });
    return out.printed ? { kind: 'printed' } : { kind: 'failed', error: out.error ?? '' };
  }
  try {
    await htmlPrint();
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await run('queue.print', { ticket: ticketId, result: 'failed', error });
    return { kind: 'failed', error };
  }
  await run('queue.print', { ticket: ticketId, result: 'printed' });
  return { kind: 'printed' };
}
