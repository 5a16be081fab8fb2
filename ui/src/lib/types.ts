// Shapes of command results, from the core's generated bindings (never hand-written twice).
export type { StatusInfo as Status, User as UserRow, Role, Actor, Commands, CommandName } from './bindings';
