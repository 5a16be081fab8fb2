import { describe, expect, it, vi } from 'vitest';
import { ALL_CLIPS, Announcer, announcement, counterClips, numberClips, ticketClips } from './voice';

describe('voice clips', () => {
  it('reads the issue example exactly', () => {
    expect(announcement('A-007', { code: 'L3', name: 'Loket 3' })).toEqual([
      'chime',
      'nomor_antrian',
      'lA',
      'd0',
      'd0',
      'd7',
      'silakan_ke',
      'loket',
      'd3',
    ]);
  });

  it('says numbers in Indonesian words', () => {
    expect(numberClips(0)).toEqual(['d0']);
    expect(numberClips(10)).toEqual(['sepuluh']);
    expect(numberClips(11)).toEqual(['sebelas']);
    expect(numberClips(12)).toEqual(['d2', 'belas']);
    expect(numberClips(20)).toEqual(['d2', 'puluh']);
    expect(numberClips(35)).toEqual(['d3', 'puluh', 'd5']);
    expect(numberClips(100)).toEqual(['seratus']);
    expect(numberClips(111)).toEqual(['seratus', 'sebelas']);
    expect(numberClips(305)).toEqual(['d3', 'ratus', 'd5']);
    expect(numberClips(1204)).toEqual(['d1', 'd2', 'd0', 'd4']);
    expect(numberClips(-1)).toEqual([]);
  });

  it('reads ticket numbers character by character, over 999 too', () => {
    expect(ticketClips('b-1000')).toEqual(['lB', 'd1', 'd0', 'd0', 'd0']);
  });

  it('names the counter by its trailing number, else spells its code', () => {
    expect(counterClips({ code: 'L12', name: 'Loket Dua Belas' })).toEqual(['d2', 'belas']);
    expect(counterClips({ code: 'X', name: 'Loket 4' })).toEqual(['d4']);
    expect(counterClips({ code: 'PAS', name: 'Paspor' })).toEqual(['lP', 'lA', 'lS']);
  });

  it('every clip it can ask for is a committed file', () => {
    const files = new Set(Object.keys(import.meta.glob('../../../public/voice/*.wav')).map((f) => f.split('/').pop()));
    for (const clip of ALL_CLIPS) expect(files.has(`${clip}.wav`), clip).toBe(true);
    for (const n of [0, 7, 11, 19, 20, 99, 100, 999]) {
      for (const clip of announcement(`Z-${n}`, { code: `K${n}` })) expect(ALL_CLIPS).toContain(clip);
    }
  });
});

describe('Announcer', () => {
  it('plays announcements one after the other and skips clips that fail', async () => {
    const played: string[] = [];
    let release: (() => void) | null = null;
    const play = vi.fn((clip: string) => {
      played.push(clip);
      if (clip === 'bad') return Promise.reject(new Error('no sound'));
      if (clip === 'slow') return new Promise<void>((r) => (release = r));
      return Promise.resolve();
    });
    const a = new Announcer(play);
    a.enqueue(['one', 'slow', 'two']);
    a.enqueue(['bad', 'three']);
    await Promise.resolve();
    expect(played).toEqual(['one', 'slow']);
    expect(a.pending).toBe(1);
    release!();
    await vi.waitFor(() => expect(a.played).toBe(2));
    expect(played).toEqual(['one', 'slow', 'two', 'bad', 'three']);
    expect(a.current).toEqual(['bad', 'three']);
    expect(a.skipped).toEqual(['bad']);
  });

  it('skips every clip when none can play, and still finishes the announcement', async () => {
    const a = new Announcer(() => Promise.reject(new Error('no sound device')));
    a.enqueue(['chime', 'nomor_antrian']);
    a.enqueue([]);
    await vi.waitFor(() => expect(a.played).toBe(1));
    expect(a.current).toEqual(['chime', 'nomor_antrian']);
    expect(a.skipped).toEqual(['chime', 'nomor_antrian']);
    expect(a.pending).toBe(0);
  });
});
