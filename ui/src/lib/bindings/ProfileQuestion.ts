export type ProfileQuestion = { field: string, options: Array<string>, };
