// Native file dialogs (tauri-plugin-dialog). The UI only picks paths; reading and writing files is
// done by the command layer in Rust (exports take an `out` path, imports take `files`).
import { open, save } from '@tauri-apps/plugin-dialog';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Filters for the export formats the core writes. */
export const FILTERS: Record<'xlsx' | 'pdf' | 'csv' | 'bundle', FileFilter> = {
  xlsx: { name: 'Excel (XLSX)', extensions: ['xlsx'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  bundle: { name: 'Loket bundle', extensions: ['loket'] },
};

/** Asks where to save; null when the user cancels. */
export async function saveAs(defaultName: string, filter?: FileFilter): Promise<string | null> {
  const path = await save({ defaultPath: defaultName, filters: filter ? [filter] : undefined });
  return path ?? null;
}

/** Picks one or many files; an empty list when the user cancels. */
export async function pickFiles(filter?: FileFilter, multiple = true): Promise<string[]> {
  const picked = await open({ multiple, directory: false, filters: filter ? [filter] : undefined });
  if (picked == null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** Picks a folder (e.g. a USB stick); null when the user cancels. */
export async function pickFolder(): Promise<string | null> {
  const picked = await open({ directory: true, multiple: false });
  return typeof picked === 'string' ? picked : null;
}

/** A file name safe on FAT32 USB sticks: no reserved characters, spaces as dashes. */
export function safeFileName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}
