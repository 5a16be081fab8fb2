import { describe, expect, it } from 'vitest';
import { baseName, pickCsv, saveReport } from './io';

describe('survey file dialogs', () => {
  it('takes the next answer from the test seam once', async () => {
    (globalThis as { __loketE2eFiles?: unknown }).__loketE2eFiles = { pick: ['/tmp/a.csv'], save: '/tmp/r.pdf' };
    expect(await pickCsv()).toBe('/tmp/a.csv');
    expect(await saveReport('x.pdf', 'pdf')).toBe('/tmp/r.pdf');
    expect((globalThis as { __loketE2eFiles?: object }).__loketE2eFiles).toEqual({});
  });

  it('names a file from Windows and POSIX paths', () => {
    expect(baseName('C:\\Data\\survei kertas.csv')).toBe('survei kertas.csv');
    expect(baseName('/home/sari/survei.csv')).toBe('survei.csv');
  });
});
