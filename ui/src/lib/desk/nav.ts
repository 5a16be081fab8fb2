// Which desk screen the menu offers on this device: the Layanan Keliling screen on a field
// laptop, the desk elsewhere; nothing while the device's status is unknown.
import { app } from '../state.svelte';
import type { NavGroup } from '../nav';
import { deskScreenFor } from './trip';

export function deskNavGroup(role: string): NavGroup | null {
  if (role !== 'petugas' && role !== 'supervisor' && role !== 'admin') return null;
  const screen = deskScreenFor(app.status?.device_kind);
  if (!screen) return null;
  return { label: null, items: [{ screen, label: screen === 'keliling' ? 'desk.nav_keliling' : 'desk.nav' }] };
}
