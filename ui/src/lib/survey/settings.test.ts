import { describe, expect, it } from 'vitest';
import { configFromForm, formFromConfig } from './settings';

describe('kiosk settings form', () => {
  it('round-trips the settings, one answer per line', () => {
    const c = {
      profile: [{ field: 'occupation', options: ['Petani', 'Nelayan'] }],
      suggestion: false,
      reset_seconds: 45,
      service: 'KTP',
    };
    const f = formFromConfig(c);
    expect(f.ask).toEqual({ gender: false, age: false, education: false, occupation: true });
    expect(f.options.occupation).toBe('Petani\nNelayan');
    f.options.occupation += '\n  \n Buruh ';
    f.ask.gender = true;
    f.options.gender = 'L\nP';
    expect(configFromForm(f)).toEqual({
      ok: true,
      config: {
        profile: [
          { field: 'gender', options: ['L', 'P'] },
          { field: 'occupation', options: ['Petani', 'Nelayan', 'Buruh'] },
        ],
        suggestion: false,
        reset_seconds: 45,
        service: 'KTP',
      },
    });
  });

  it('refuses a reset that is not a number', () => {
    const f = formFromConfig(null);
    expect(f.reset).toBe('60');
    f.reset = 'satu menit';
    expect(configFromForm(f)).toEqual({ ok: false, error: 'survey.settings_reset' });
  });
});
