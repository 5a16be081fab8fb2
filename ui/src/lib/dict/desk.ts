// UI strings of the desk and Layanan Keliling screens. Bahasa Indonesia is the source of the key set; English must
// provide every key (the type checker enforces it). Keys start with 'desk.'.
export const id = {} as const satisfies Record<string, string>;

export const en: Record<keyof typeof id, string> = {};
