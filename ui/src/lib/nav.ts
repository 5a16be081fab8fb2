// Navigation by role. This only hides menu entries for convenience: the command layer decides
// every permission, and its refusals are shown as they come.
import type { Key } from './i18n';
// >>> desk (issue 4)
import { deskNavGroup } from './desk/nav';
// <<< desk

export type Role = 'petugas' | 'supervisor' | 'admin';
// Each capability adds its screens inside its own anchors (one line per screen).
export type Screen =
  | 'home'
  | 'agencies'
  | 'services'
  | 'counters'
  | 'staff'
  | 'holidays'
  | 'users'
  | 'settings'
  // >>> queue (issue 4)
  // <<< queue
  // >>> desk (issue 4)
  | 'desk'
  | 'keliling'
  // <<< desk
  // >>> complaints (issue 5)
  // <<< complaints
  // >>> survey (issue 6)
  // <<< survey
  // >>> sync (issue 7)
  // <<< sync
  // >>> officers (issue 8)
  // <<< officers
  // >>> daily (issue 9)
  // <<< daily

export interface NavItem {
  screen: Screen;
  label: Key;
}

export interface NavGroup {
  label: Key | null;
  items: NavItem[];
}

const MASTER: NavItem[] = [
  { screen: 'agencies', label: 'nav.agencies' },
  { screen: 'services', label: 'nav.services' },
  { screen: 'counters', label: 'nav.counters' },
  { screen: 'staff', label: 'nav.staff' },
  { screen: 'holidays', label: 'nav.holidays' },
];

const ADMIN: NavItem[] = [
  { screen: 'users', label: 'nav.users' },
  { screen: 'settings', label: 'nav.settings' },
];

export function isRole(value: unknown): value is Role {
  return value === 'petugas' || value === 'supervisor' || value === 'admin';
}

export function navFor(role: string): NavGroup[] {
  const groups: NavGroup[] = [{ label: null, items: [{ screen: 'home', label: 'nav.home' }] }];
  // Each capability pushes its own group(s) for the roles that use it, between its anchors.
  // >>> queue (issue 4)
  // <<< queue
  // >>> desk (issue 4)
  const desk = deskNavGroup(role);
  if (desk) groups.push(desk);
  // <<< desk
  // >>> complaints (issue 5)
  // <<< complaints
  // >>> survey (issue 6)
  // <<< survey
  // >>> sync (issue 7)
  // <<< sync
  // >>> officers (issue 8)
  // <<< officers
  // >>> daily (issue 9)
  // <<< daily
  if (role === 'supervisor' || role === 'admin') groups.push({ label: 'nav.master', items: MASTER });
  if (role === 'admin') groups.push({ label: 'nav.admin', items: ADMIN });
  return groups;
}

export function screensFor(role: string): Screen[] {
  return navFor(role).flatMap((g) => g.items.map((i) => i.screen));
}
