// Kiosk settings form ↔ `survey.kiosk_configure` arguments.
import type { KioskConfig } from '../bindings/KioskConfig';
import type { ProfileField } from './flow.svelte';

export const PROFILE_FIELDS: readonly ProfileField[] = ['gender', 'age', 'education', 'occupation'];

export interface SettingsForm {
  ask: Record<ProfileField, boolean>;
  options: Record<ProfileField, string>;
  suggestion: boolean;
  reset: string;
  service: string;
}

export function formFromConfig(c: KioskConfig | null): SettingsForm {
  const ask = { gender: false, age: false, education: false, occupation: false };
  const options = { gender: '', age: '', education: '', occupation: '' };
  for (const q of c?.profile ?? []) {
    if ((PROFILE_FIELDS as readonly string[]).includes(q.field)) {
      ask[q.field as ProfileField] = true;
      options[q.field as ProfileField] = q.options.join('\n');
    }
  }
  return { ask, options, suggestion: c?.suggestion ?? true, reset: String(c?.reset_seconds ?? 60), service: c?.service ?? '' };
}

export type SettingsCheck = { ok: true; config: KioskConfig } | { ok: false; error: 'survey.settings_reset' };

/** The settings to save (the core checks the lists; the UI checks the number). */
export function configFromForm(f: SettingsForm): SettingsCheck {
  const reset = f.reset.trim();
  if (!/^\d+$/.test(reset)) return { ok: false, error: 'survey.settings_reset' };
  const profile = PROFILE_FIELDS.filter((field) => f.ask[field]).map((field) => ({
    field,
    options: f.options[field]
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean),
  }));
  return {
    ok: true,
    config: { profile, suggestion: f.suggestion, reset_seconds: Number(reset), service: f.service || null },
  };
}
