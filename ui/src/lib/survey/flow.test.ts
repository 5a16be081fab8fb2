import { describe, expect, it } from 'vitest';
import { Flow, payload, stepsFor } from './flow.svelte';

const PROFILE = [{ field: 'gender', options: ['Laki-laki', 'Perempuan'] }];

describe('survey kiosk flow', () => {
  it('asks the nine unsur by ID, then the profile and the suggestion', () => {
    const steps = stepsFor(PROFILE, true).map((s) => (s.kind === 'unsur' ? s.id : s.kind));
    expect(steps).toEqual(['welcome', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'profile', 'suggestion', 'thanks']);
    const short = stepsFor([], false);
    expect(short[short.length - 2]).toEqual({ kind: 'unsur', id: 'U9', n: 9 });
    expect(stepsFor([{ field: 'religion', options: ['x'] }], false).some((s) => s.kind === 'profile')).toBe(false);
  });

  it('stores rated, skipped and changed answers by unsur ID', () => {
    const f = new Flow(stepsFor(PROFILE, true));
    f.next();
    f.rate(4); // U1
    f.skip(); // U2
    f.rate(2); // U3
    f.back();
    f.rate(3); // U3 again
    expect(f.step).toEqual({ kind: 'unsur', id: 'U4', n: 4 });
    for (let i = 0; i < 6; i++) f.rate(1);
    expect(f.step.kind).toBe('profile');
    f.choose('gender', 'Perempuan');
    f.choose('gender', 'Laki-laki');
    f.next();
    expect(f.isLastQuestion).toBe(true);
    f.suggestion = '  Antrean lebih cepat  ';
    const p = payload(f, { counter: 'L1', staff: '1', ticket: 'A-007' }, 'KTP');
    expect(p).toEqual({
      service: 'KTP',
      answers: { U1: 4, U2: null, U3: 3, U4: 1, U5: 1, U6: 1, U7: 1, U8: 1, U9: 1 },
      profile: { gender: 'Laki-laki' },
      suggestion: 'Antrean lebih cepat',
      counter: 'L1',
      staff: '1',
      ticket: 'A-007',
    });
  });

  it('clears a profile answer chosen twice, and never goes back to the welcome page', () => {
    const f = new Flow(stepsFor(PROFILE, false));
    f.choose('gender', 'Perempuan');
    f.choose('gender', 'Perempuan');
    expect(f.profile).toEqual({});
    f.next();
    f.back();
    expect(f.step).toEqual({ kind: 'unsur', id: 'U1', n: 1 });
  });

  it('sends nothing when every unsur was skipped or no service is known', () => {
    const f = new Flow(stepsFor([], false));
    f.next();
    for (let i = 0; i < 8; i++) expect(f.skip()).toBe(false);
    expect(f.skip()).toBe(true); // U9 is the last question: ready to send, stays on U9
    expect(f.step).toEqual({ kind: 'unsur', id: 'U9', n: 9 });
    expect(payload(f, {}, 'KTP')).toBeNull();
    f.toFirstQuestion();
    f.rate(3);
    expect(payload(f, {}, null)).toBeNull();
    expect(payload(f, { service: 'IMB' }, 'KTP')?.service).toBe('IMB');
    f.reset();
    expect(f.index).toBe(0);
    expect(f.answeredCount).toBe(0);
  });
});
