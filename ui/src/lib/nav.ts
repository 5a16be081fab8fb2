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
  | 'queue-windows'
  // <<< queue
  // >>> desk (issue 4)
  | 'desk'
  | 'keliling'
  // <<< desk
  // >>> complaints (issue 5)
  | 'complaints'
  | 'complaint_new'
  | 'complaint_dashboard'
  | 'complaint_settings'
  // <<< complaints
  // >>> survey (issue 6)
  | 'survey-kiosk'
  | 'survey-ikm'
  // <<< survey
  // >>> sync (issue 7)
  | 'sync-export'
  | 'sync-import'
  | 'sync-devices'
  | 'sync-conflicts'
  // <<< sync
  // >>> officers (issue 8)
  | 'officers'
  | 'officers-jp'
  | 'officers-programs'
  | 'officers-mentoring'
  // <<< officers
  // >>> daily (issue 9)
  | 'daily'
  | 'daily-period'
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
  // The kiosk and the display board are opened (and the ticket printer set up) by a supervisor
  // or admin; the windows then run on their own.
  if (role === 'supervisor' || role === 'admin') {
    groups.push({ label: 'queue.nav.group', items: [{ screen: 'queue-windows', label: 'queue.nav.windows' }] });
  }
  // <<< queue
  // >>> desk (issue 4)
  const desk = deskNavGroup(role);
  if (desk) groups.push(desk);
  // <<< desk
  // >>> complaints (issue 5)
  // Every officer registers and follows up complaints; figures and SLA settings are the
  // supervisor's (the core refuses SLA and holiday changes to officers anyway).
  if (isRole(role)) {
    const items: NavItem[] = [
      { screen: 'complaints', label: 'complaints.nav_list' },
      { screen: 'complaint_new', label: 'complaints.nav_new' },
    ];
    if (role !== 'petugas') {
      items.push({ screen: 'complaint_dashboard', label: 'complaints.nav_dashboard' });
      items.push({ screen: 'complaint_settings', label: 'complaints.nav_settings' });
    }
    groups.push({ label: 'complaints.nav', items });
  }
  // <<< complaints
  // >>> survey (issue 6)
  if (isRole(role)) {
    const survey: NavItem[] = [{ screen: 'survey-kiosk', label: 'survey.nav_kiosk' }];
    if (role !== 'petugas') survey.push({ screen: 'survey-ikm', label: 'survey.nav_ikm' });
    groups.push({ label: 'survey.nav', items: survey });
  }
  // <<< survey
  // >>> sync (issue 7)
  // Petugas export from counter PCs and field laptops; supervisors and admins also import,
  // watch devices and settle conflicts.
  if (role === 'petugas') {
    groups.push({ label: 'sync.nav.group', items: [{ screen: 'sync-export', label: 'sync.nav.export' }] });
  } else if (role === 'supervisor' || role === 'admin') {
    groups.push({
      label: 'sync.nav.group',
      items: [
        { screen: 'sync-import', label: 'sync.nav.import' },
        { screen: 'sync-export', label: 'sync.nav.export' },
        { screen: 'sync-devices', label: 'sync.nav.devices' },
        { screen: 'sync-conflicts', label: 'sync.nav.conflicts' },
      ],
    });
  }
  // <<< sync
  // >>> officers (issue 8)
  // A petugas sees their own page (figures, JP, records); supervisors/admins the whole unit.
  if (role === 'petugas') {
    groups.push({ label: 'officers.nav.group', items: [{ screen: 'officers', label: 'officers.nav.mine' }] });
  } else if (role === 'supervisor' || role === 'admin') {
    groups.push({
      label: 'officers.nav.group',
      items: [
        { screen: 'officers', label: 'officers.nav.performance' },
        { screen: 'officers-jp', label: 'officers.nav.jp' },
        { screen: 'officers-programs', label: 'officers.nav.programs' },
        { screen: 'officers-mentoring', label: 'officers.nav.mentoring' },
      ],
    });
  }
  // <<< officers
  // >>> daily (issue 9)
  // Everyone reads the day's recap (officers read only); supervisors and admins also get periods.
  if (role === 'supervisor' || role === 'admin') {
    groups.push({
      label: 'daily.nav.group',
      items: [
        { screen: 'daily', label: 'daily.nav.day' },
        { screen: 'daily-period', label: 'daily.nav.period' },
      ],
    });
  } else if (role === 'petugas') {
    groups.push({ label: 'daily.nav.group', items: [{ screen: 'daily', label: 'daily.nav.day' }] });
  }
  // <<< daily
  if (role === 'supervisor' || role === 'admin') groups.push({ label: 'nav.master', items: MASTER });
  if (role === 'admin') groups.push({ label: 'nav.admin', items: ADMIN });
  return groups;
}

export function screensFor(role: string): Screen[] {
  return navFor(role).flatMap((g) => g.items.map((i) => i.screen));
}
