// The ticket kiosk's logic: services grouped by agency, priority groups, the print choice and
// the reset timer. The screen (screens/queue/Kiosk.svelte) stays thin.
import type { Agency } from '../bindings/Agency';
import type { Service } from '../bindings/Service';
import type { Ticket } from '../bindings/Ticket';

export const PRIORITY_GROUPS = ['lansia', 'disabilitas', 'hamil', 'balita'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

export interface ServiceGroup {
  agency: string;
  name: string;
  services: Service[];
}

/** Active services grouped by agency (agencies in name order, services in prefix order). */
export function groupServices(services: Service[], agencies: Agency[]): ServiceGroup[] {
  const names = new Map(agencies.map((a) => [a.code, a.name]));
  const groups = new Map<string, ServiceGroup>();
  for (const s of services) {
    if (!s.active) continue;
    let g = groups.get(s.agency);
    if (!g) {
      g = { agency: s.agency, name: names.get(s.agency) ?? s.agency, services: [] };
      groups.set(s.agency, g);
    }
    g.services.push(s);
  }
  const out = [...groups.values()];
  for (const g of out) g.services.sort((a, b) => a.prefix.localeCompare(b.prefix) || a.name.localeCompare(b.name));
  return out.sort((a, b) => a.name.localeCompare(b.name, 'id'));
}

/** How many tickets wait before `ticket` in its service's call order (null if it is not waiting). */
export function waitingAhead(ticket: Pick<Ticket, 'id'>, line: Pick<Ticket, 'id'>[]): number | null {
  const i = line.findIndex((t) => t.id === ticket.id);
  return i < 0 ? null : i;
}

export type PrintMode = 'html' | 'escpos' | 'off';

export function printMode(mode: string | null | undefined): PrintMode {
  return mode === 'escpos' || mode === 'off' ? mode : 'html';
}

/** Paper class for the HTML print layout (`slip-58` or `slip-80`). */
export function paperClass(mm: number | null | undefined): 'slip-58' | 'slip-80' {
  return mm === 58 ? 'slip-58' : 'slip-80';
}

/**
 * Counts down to the kiosk's start screen; any touch restarts the count. `tick` is called every
 * second with the seconds left; `expire` once at zero.
 */
export class ResetTimer {
  private left = 0;
  private handle: ReturnType<typeof setInterval> | null = null;

  constructor(
    private seconds: number,
    private tick: (left: number) => void,
    private expire: () => void,
  ) {}

  start(seconds = this.seconds): void {
    this.stop();
    this.seconds = seconds;
    this.left = seconds;
    this.tick(this.left);
    this.handle = setInterval(() => {
      this.left -= 1;
      this.tick(this.left);
      if (this.left <= 0) {
        this.stop();
        this.expire();
      }
    }, 1000);
  }

  /** A touch: start over, if counting. */
  touch(): void {
    if (this.handle !== null) this.start();
  }

  stop(): void {
    if (this.handle !== null) clearInterval(this.handle);
    this.handle = null;
  }

  get running(): boolean {
    return this.handle !== null;
  }
}

/**
 * Which second window this webview is: `?view=kiosk|board`, else its window label (the shell
 * gives them those labels), or null for the main window.
 */
export function windowView(search: string, label: string | null = null): 'kiosk' | 'board' | null {
  const v = new URLSearchParams(search).get('view') ?? label;
  return v === 'kiosk' || v === 'board' ? v : null;
}
