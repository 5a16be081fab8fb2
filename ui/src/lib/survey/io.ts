// File dialogs of the survey screens. End-to-end tests cannot drive a native dialog, so a test
// may put the next answer in `globalThis.__loketE2eFiles` (consumed once); otherwise the native
// dialogs of lib/files.ts open. The path only goes to the core, as a dialog's answer would.
import { FILTERS, pickFiles, saveAs } from '../files';

interface E2eFiles {
  pick?: string[];
  save?: string;
}

function seam(): E2eFiles | undefined {
  return (globalThis as { __loketE2eFiles?: E2eFiles }).__loketE2eFiles;
}

export async function pickCsv(): Promise<string | null> {
  const s = seam();
  if (s?.pick) {
    const [path] = s.pick;
    delete s.pick;
    return path ?? null;
  }
  const [path] = await pickFiles(FILTERS.csv, false);
  return path ?? null;
}

export async function saveReport(name: string, format: 'xlsx' | 'pdf'): Promise<string | null> {
  const s = seam();
  if (s?.save) {
    const path = s.save;
    delete s.save;
    return path;
  }
  return saveAs(name, FILTERS[format]);
}

/** The file name of a path (Windows or POSIX). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
