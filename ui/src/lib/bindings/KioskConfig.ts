import type { ProfileQuestion } from "./ProfileQuestion";
export type KioskConfig = { profile: Array<ProfileQuestion>, suggestion: boolean, reset_seconds: number, service: string | null, };
