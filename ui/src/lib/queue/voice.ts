// The display board's Indonesian voice: a called ticket and its counter become a sequence of
// short clips (ui/public/voice/*.wav, generated offline by scripts/gen-voice.sh), e.g. A-007 at
// "Loket 3" → chime, "nomor antrian", "a", "nol", "nol", "tujuh", "silakan ke", "loket", "tiga".

/** Clip of one digit 0–9 (`d0` = nol … `d9` = sembilan). */
const digit = (d: number): string => `d${d}`;
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(digit);

/** Clip name of one character of a ticket number or counter code (letters and digits), or null. */
export function charClip(ch: string): string | null {
  if (/^[0-9]$/.test(ch)) return digit(Number(ch));
  const up = ch.toUpperCase();
  if (/^[A-Z]$/.test(up)) return `l${up}`;
  return null;
}

/** A whole number 0–999 in Indonesian words (`12` → dua belas); larger ones digit by digit. */
export function numberClips(n: number): string[] {
  if (!Number.isInteger(n) || n < 0) return [];
  if (n >= 1000) return String(n).split('').map((c) => digit(Number(c)));
  if (n < 10) return [digit(n)];
  if (n === 10) return ['sepuluh'];
  if (n === 11) return ['sebelas'];
  if (n < 20) return [digit(n - 10), 'belas'];
  if (n < 100) {
    const rest = n % 10;
    return [digit(Math.floor(n / 10)), 'puluh', ...(rest ? [digit(rest)] : [])];
  }
  const rest = n % 100;
  const head = n < 200 ? ['seratus'] : [digit(Math.floor(n / 100)), 'ratus'];
  return [...head, ...(rest ? numberClips(rest) : [])];
}

/** A ticket number read character by character: `A-007` → a nol nol tujuh. */
export function ticketClips(number: string): string[] {
  return number
    .split('')
    .map(charClip)
    .filter((c): c is string => c !== null);
}

/**
 * How the counter is called: the number at the end of its name or code ("Loket 3", "L12") as a
 * number in words; otherwise its code spelled out ("PASPOR" → pe a es pe o er).
 */
export function counterClips(counter: { code: string; name?: string | null }): string[] {
  for (const text of [counter.name ?? '', counter.code]) {
    const m = /(\d+)\s*$/.exec(text.trim());
    if (m) return numberClips(Number(m[1]));
  }
  return ticketClips(counter.code);
}

/** The whole announcement of one call. */
export function announcement(number: string, counter: { code: string; name?: string | null }): string[] {
  return ['chime', 'nomor_antrian', ...ticketClips(number), 'silakan_ke', 'loket', ...counterClips(counter)];
}

export function clipUrl(clip: string): string {
  return `/voice/${clip}.wav`;
}

/** Every clip the app may play (the files scripts/gen-voice.sh writes). */
export const ALL_CLIPS: readonly string[] = [
  'chime',
  'nomor_antrian',
  'silakan_ke',
  'loket',
  ...DIGITS,
  'sepuluh',
  'sebelas',
  'belas',
  'puluh',
  'seratus',
  'ratus',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `l${c}`),
];

/**
 * Plays announcements one after the other; a new call waits for the current one to end. A clip
 * that cannot be played (no sound device, unsupported format) is skipped, never blocks the queue.
 */
export class Announcer {
  private queue: string[][] = [];
  private busy = false;
  /** The clip sequence being (or last) announced; the board shows it for tests and diagnostics. */
  current: string[] = [];
  /** Clips of `current` that could not be played (skipped). */
  skipped: string[] = [];
  /** Announcements finished so far. */
  played = 0;
  onChange: () => void = () => {};

  constructor(private play: (clip: string) => Promise<void>) {}

  enqueue(clips: string[]): void {
    if (clips.length === 0) return;
    this.queue.push(clips);
    void this.run();
  }

  get pending(): number {
    return this.queue.length;
  }

  private async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        this.current = next;
        this.skipped = [];
        this.onChange();
        for (const clip of next) {
          try {
            await this.play(clip);
          } catch {
            // skip a clip that cannot be played
            this.skipped.push(clip);
          }
        }
        this.played += 1;
        this.onChange();
      }
    } finally {
      this.busy = false;
    }
  }
}

/**
 * Plays one clip with an <audio> element. Resolves when it ends, or once its length (plus a
 * margin) has passed when no `ended` comes (an audio device that never drains); rejects when it
 * cannot be loaded or played, or has not loaded within `loadLimitMs`.
 */
export function playClip(clip: string, loadLimitMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const audio = new Audio(clipUrl(clip));
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      audio.pause();
      if (error) reject(new Error(`${clip}: ${error}`));
      else resolve();
    };
    let timer = setTimeout(() => finish('not loaded'), loadLimitMs);
    audio.addEventListener('loadedmetadata', () => {
      if (settled) return;
      clearTimeout(timer);
      const ms = Number.isFinite(audio.duration) ? audio.duration * 1000 : loadLimitMs;
      timer = setTimeout(() => finish(), ms + 750);
    });
    audio.addEventListener('ended', () => finish());
    audio.addEventListener('error', () => finish(`error ${audio.error?.code ?? ''}`.trim()));
    audio.play().catch((e: unknown) => finish(e instanceof Error ? e.name : 'play refused'));
  });
}
