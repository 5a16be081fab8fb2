// Typed UI dictionary: Bahasa Indonesia is the default and the source of the key set; English must
// provide every key (the type checker enforces it). Placeholders are written `{name}`.

// Each capability keeps its strings in its own file under ./dict (merged below).
import * as complaints from './dict/complaints';
import * as daily from './dict/daily';
import * as desk from './dict/desk';
import * as officers from './dict/officers';
import * as queue from './dict/queue';
import * as survey from './dict/survey';
import * as sync from './dict/sync';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';
export const LOCALE_STORAGE_KEY = 'loket.locale';

const core = {
  'app.name': 'Loket',
  'app.tagline': 'Layanan antrian dan loket',

  'common.save': 'Simpan',
  'common.cancel': 'Batal',
  'common.add': 'Tambah',
  'common.edit': 'Ubah',
  'common.remove': 'Hapus',
  'common.back': 'Kembali',
  'common.next': 'Lanjut',
  'common.loading': 'Memuat…',
  'common.empty': 'Belum ada data.',
  'common.saved': 'Tersimpan.',
  'common.actions': 'Aksi',
  'common.yes': 'Ya',
  'common.no': 'Tidak',
  'common.active': 'Aktif',
  'common.inactive': 'Nonaktif',
  'common.optional': 'opsional',
  'common.required': '{field} wajib diisi.',
  'common.language': 'Bahasa',
  'common.retry': 'Coba lagi',
  'common.count': '{n} data',
  'common.none': '–',

  'lang.id': 'Bahasa Indonesia',
  'lang.en': 'English',

  'error.title': 'Terjadi kesalahan',
  'error.unknown': 'Terjadi kesalahan yang tidak diketahui.',
  'error.no_backend': 'Aplikasi desktop Loket tidak terhubung. Buka Loket dari menu aplikasi, bukan dari peramban.',
  'error.number': '{field} harus berupa angka bulat.',

  'setup.title': 'Penyiapan awal',
  'setup.intro': 'Perangkat ini belum disiapkan. Lengkapi data lokasi dan perangkat, lalu buat akun admin pertama.',
  'setup.step_device': 'Langkah 1 dari 2 · Lokasi dan perangkat',
  'setup.step_admin': 'Langkah 2 dari 2 · Akun admin pertama',
  'setup.site': 'Nama lokasi',
  'setup.site_hint': 'Nama MPP, kantor, atau perjalanan layanan keliling. Perangkat dengan nama lokasi yang sama menjadi satu lokasi.',
  'setup.device': 'Nama perangkat',
  'setup.device_hint': 'Misalnya: Loket 1, Meja Informasi.',
  'setup.kind': 'Jenis perangkat',
  'setup.tz': 'Zona waktu lokasi',
  'setup.admin_intro': 'Akun ini dipakai untuk mengatur data induk dan akun petugas. Ingat PIN-nya baik-baik.',
  'setup.pin_confirm': 'Ulangi PIN',
  'setup.pin_mismatch': 'PIN dan ulangan PIN tidak sama.',
  'setup.finish': 'Simpan dan selesai',
  'setup.done': 'Penyiapan selesai. Silakan masuk dengan akun admin.',

  'kind.counter': 'Loket (counter)',
  'kind.field': 'Layanan keliling (field)',
  'kind.supervisor': 'Supervisor',

  'tz.WIB': 'WIB · Waktu Indonesia Barat (UTC+7)',
  'tz.WITA': 'WITA · Waktu Indonesia Tengah (UTC+8)',
  'tz.WIT': 'WIT · Waktu Indonesia Timur (UTC+9)',

  'login.title': 'Masuk',
  'login.intro': 'Masukkan nama pengguna dan PIN Anda.',
  'login.username': 'Nama pengguna',
  'login.pin': 'PIN',
  'login.submit': 'Masuk',

  'lock.title': 'Layar terkunci',
  'lock.who': 'Layar dikunci untuk {user}. Masukkan PIN untuk melanjutkan.',
  'lock.unlock': 'Buka kunci',
  'lock.switch': 'Ganti petugas',

  'role.petugas': 'Petugas',
  'role.supervisor': 'Supervisor',
  'role.admin': 'Admin',
  'role.machine': 'Administrator mesin',

  'nav.label': 'Navigasi utama',
  'nav.home': 'Beranda',
  'nav.master': 'Data induk',
  'nav.agencies': 'Instansi',
  'nav.services': 'Layanan',
  'nav.counters': 'Loket',
  'nav.staff': 'Pegawai',
  'nav.holidays': 'Hari libur',
  'nav.admin': 'Administrasi',
  'nav.users': 'Pengguna',
  'nav.settings': 'Pengaturan',

  'shell.lock': 'Kunci layar',
  'shell.logout': 'Keluar',
  'shell.user': '{user} · {role}',

  'home.welcome': 'Selamat datang, {user}',
  'home.today': 'Hari ini',
  'home.site': 'Lokasi',
  'home.device': 'Perangkat',
  'home.zone': 'Zona waktu',
  'home.summary': 'Data induk',
  'home.petugas_hint': 'Layanan antrian loket akan tampil di sini.',

  'agency.title': 'Instansi',
  'agency.add': 'Tambah instansi',
  'agency.edit': 'Ubah instansi',
  'agency.code': 'Kode',
  'agency.name': 'Nama instansi',

  'service.title': 'Layanan',
  'service.add': 'Tambah layanan',
  'service.edit': 'Ubah layanan',
  'service.code': 'Kode',
  'service.agency': 'Instansi',
  'service.name': 'Nama layanan',
  'service.prefix': 'Huruf tiket',
  'service.prefix_short': 'Huruf',
  'service.prefix_hint': 'Satu huruf, unik untuk tiap layanan (misalnya A).',
  'service.minutes': 'Janji selesai (menit)',
  'service.minutes_short': 'Menit',
  'service.fee': 'Biaya',
  'service.product': 'Produk layanan',

  'counter.title': 'Loket',
  'counter.add': 'Tambah loket',
  'counter.edit': 'Ubah loket',
  'counter.code': 'Kode',
  'counter.name': 'Nama loket',
  'counter.services': 'Layanan yang dilayani',

  'staff.title': 'Pegawai',
  'staff.add': 'Tambah pegawai',
  'staff.edit': 'Ubah pegawai',
  'staff.nip': 'NIP',
  'staff.nip_hint': '18 digit tanpa spasi.',
  'staff.name': 'Nama',
  'staff.agency': 'Instansi',
  'staff.position': 'Jabatan',
  'staff.employment': 'Kepegawaian',

  'holiday.title': 'Hari libur',
  'holiday.add': 'Tambah hari libur',
  'holiday.edit': 'Ubah hari libur',
  'holiday.date': 'Tanggal',
  'holiday.name': 'Keterangan',
  'holiday.remove_confirm': 'Hapus hari libur {name} ({date})?',

  'user.title': 'Pengguna',
  'user.add': 'Tambah pengguna',
  'user.edit': 'Ubah pengguna',
  'user.username': 'Nama pengguna',
  'user.role': 'Peran',
  'user.nip': 'NIP pegawai',
  'user.nip_hint': 'Opsional: hubungkan akun dengan data pegawai.',
  'user.pin': 'PIN',
  'user.new_pin': 'PIN baru',
  'user.reset_pin': 'Reset PIN',
  'user.reset_pin_for': 'Reset PIN untuk {user}',
  'user.pin_reset_done': 'PIN {user} sudah diganti.',

  'settings.title': 'Pengaturan',
  'settings.idle': 'Kunci layar otomatis setelah tidak dipakai (menit)',
  'settings.idle_hint': 'Untuk PC loket yang dipakai bergantian. Bawaan 5 menit.',
  'settings.language_hint': 'Disimpan di perangkat ini.',
} as const satisfies Record<string, string>;

const id = {
  ...core,
  ...queue.id,
  ...desk.id,
  ...complaints.id,
  ...survey.id,
  ...sync.id,
  ...officers.id,
  ...daily.id,
};

export type Key = keyof typeof id;
export type Dictionary = Record<Key, string>;

const coreEn: Record<keyof typeof core, string> = {
  'app.name': 'Loket',
  'app.tagline': 'Queue and counter services',

  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.add': 'Add',
  'common.edit': 'Edit',
  'common.remove': 'Remove',
  'common.back': 'Back',
  'common.next': 'Next',
  'common.loading': 'Loading…',
  'common.empty': 'No data yet.',
  'common.saved': 'Saved.',
  'common.actions': 'Actions',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.active': 'Active',
  'common.inactive': 'Inactive',
  'common.optional': 'optional',
  'common.required': '{field} is required.',
  'common.language': 'Language',
  'common.retry': 'Try again',
  'common.count': '{n} rows',
  'common.none': '–',

  'lang.id': 'Bahasa Indonesia',
  'lang.en': 'English',

  'error.title': 'Something went wrong',
  'error.unknown': 'An unknown error occurred.',
  'error.no_backend': 'The Loket desktop app is not connected. Open Loket from the applications menu, not from a browser.',
  'error.number': '{field} must be a whole number.',

  'setup.title': 'First-time setup',
  'setup.intro': 'This device has not been set up yet. Enter the site and device, then create the first admin account.',
  'setup.step_device': 'Step 1 of 2 · Site and device',
  'setup.step_admin': 'Step 2 of 2 · First admin account',
  'setup.site': 'Site name',
  'setup.site_hint': 'The MPP, office or mobile-service trip. Devices with the same site name form one site.',
  'setup.device': 'Device name',
  'setup.device_hint': 'For example: Counter 1, Information desk.',
  'setup.kind': 'Device kind',
  'setup.tz': 'Site time zone',
  'setup.admin_intro': 'This account manages master data and officer accounts. Keep its PIN safe.',
  'setup.pin_confirm': 'Repeat PIN',
  'setup.pin_mismatch': 'The PIN and its repetition differ.',
  'setup.finish': 'Save and finish',
  'setup.done': 'Setup complete. Please log in with the admin account.',

  'kind.counter': 'Counter',
  'kind.field': 'Mobile service (field)',
  'kind.supervisor': 'Supervisor',

  'tz.WIB': 'WIB · Western Indonesia Time (UTC+7)',
  'tz.WITA': 'WITA · Central Indonesia Time (UTC+8)',
  'tz.WIT': 'WIT · Eastern Indonesia Time (UTC+9)',

  'login.title': 'Log in',
  'login.intro': 'Enter your username and PIN.',
  'login.username': 'Username',
  'login.pin': 'PIN',
  'login.submit': 'Log in',

  'lock.title': 'Screen locked',
  'lock.who': 'Locked for {user}. Enter the PIN to continue.',
  'lock.unlock': 'Unlock',
  'lock.switch': 'Switch officer',

  'role.petugas': 'Officer',
  'role.supervisor': 'Supervisor',
  'role.admin': 'Admin',
  'role.machine': 'Machine administrator',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.master': 'Master data',
  'nav.agencies': 'Agencies',
  'nav.services': 'Services',
  'nav.counters': 'Counters',
  'nav.staff': 'Staff',
  'nav.holidays': 'Holidays',
  'nav.admin': 'Administration',
  'nav.users': 'Users',
  'nav.settings': 'Settings',

  'shell.lock': 'Lock screen',
  'shell.logout': 'Log out',
  'shell.user': '{user} · {role}',

  'home.welcome': 'Welcome, {user}',
  'home.today': 'Today',
  'home.site': 'Site',
  'home.device': 'Device',
  'home.zone': 'Time zone',
  'home.summary': 'Master data',
  'home.petugas_hint': 'The counter queue will appear here.',

  'agency.title': 'Agencies',
  'agency.add': 'Add agency',
  'agency.edit': 'Edit agency',
  'agency.code': 'Code',
  'agency.name': 'Agency name',

  'service.title': 'Services',
  'service.add': 'Add service',
  'service.edit': 'Edit service',
  'service.code': 'Code',
  'service.agency': 'Agency',
  'service.name': 'Service name',
  'service.prefix': 'Ticket letter',
  'service.prefix_short': 'Letter',
  'service.prefix_hint': 'One letter, unique per service (e.g. A).',
  'service.minutes': 'Promised completion (minutes)',
  'service.minutes_short': 'Minutes',
  'service.fee': 'Fee',
  'service.product': 'Service product',

  'counter.title': 'Counters',
  'counter.add': 'Add counter',
  'counter.edit': 'Edit counter',
  'counter.code': 'Code',
  'counter.name': 'Counter name',
  'counter.services': 'Services served',

  'staff.title': 'Staff',
  'staff.add': 'Add staff member',
  'staff.edit': 'Edit staff member',
  'staff.nip': 'NIP',
  'staff.nip_hint': '18 digits without spaces.',
  'staff.name': 'Name',
  'staff.agency': 'Agency',
  'staff.position': 'Position',
  'staff.employment': 'Employment',

  'holiday.title': 'Holidays',
  'holiday.add': 'Add holiday',
  'holiday.edit': 'Edit holiday',
  'holiday.date': 'Date',
  'holiday.name': 'Description',
  'holiday.remove_confirm': 'Remove the holiday {name} ({date})?',

  'user.title': 'Users',
  'user.add': 'Add user',
  'user.edit': 'Edit user',
  'user.username': 'Username',
  'user.role': 'Role',
  'user.nip': 'Staff NIP',
  'user.nip_hint': 'Optional: link the account to a staff member.',
  'user.pin': 'PIN',
  'user.new_pin': 'New PIN',
  'user.reset_pin': 'Reset PIN',
  'user.reset_pin_for': 'Reset PIN for {user}',
  'user.pin_reset_done': 'The PIN of {user} was changed.',

  'settings.title': 'Settings',
  'settings.idle': 'Lock the screen after inactivity (minutes)',
  'settings.idle_hint': 'For shared counter PCs. Default 5 minutes.',
  'settings.language_hint': 'Stored on this device.',
};

const en: Dictionary = {
  ...coreEn,
  ...queue.en,
  ...desk.en,
  ...complaints.en,
  ...survey.en,
  ...sync.en,
  ...officers.en,
  ...daily.en,
};

export const DICTIONARIES: Record<Locale, Dictionary> = { id, en };

export type Params = Record<string, string | number>;

/** Looks a key up and fills `{placeholders}`; unknown placeholders are left visible. */
export function translate(locale: Locale, key: Key, params?: Params): string {
  const text = DICTIONARIES[locale][key] ?? DICTIONARIES[DEFAULT_LOCALE][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Minimal Storage shape so tests can pass a fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStore(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage disabled
  }
}

export function loadLocale(store: KeyValueStore | undefined = defaultStore()): Locale {
  try {
    const saved = store?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(saved) ? saved : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function saveLocale(locale: Locale, store: KeyValueStore | undefined = defaultStore()): void {
  try {
    store?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage full or disabled: the choice simply is not remembered.
  }
}
