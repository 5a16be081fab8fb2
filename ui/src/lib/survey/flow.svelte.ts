// The survey kiosk's questionnaire as a pure state machine: welcome → U1..U9 → profile questions
// → suggestion → thanks. Answers are kept by unsur ID; a skipped unsur stays blank (null).

export const UNSUR = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type UnsurId = (typeof UNSUR)[number];
export type Score = 1 | 2 | 3 | 4;
export const SCORES: readonly Score[] = [1, 2, 3, 4];
export type ProfileField = 'gender' | 'age' | 'education' | 'occupation';

export interface ProfileQuestionCfg {
  field: string;
  options: string[];
}

export type Step =
  | { kind: 'welcome' }
  | { kind: 'unsur'; id: UnsurId; n: number }
  | { kind: 'profile' }
  | { kind: 'suggestion' }
  | { kind: 'thanks' };

/** The link to the desk when the survey was started for a ticket (or a desk's kiosk). */
export interface DeskLink {
  service?: string;
  counter?: string;
  staff?: string;
  ticket?: string;
  ticket_device?: string;
}

export function isProfileField(f: string): f is ProfileField {
  return f === 'gender' || f === 'age' || f === 'education' || f === 'occupation';
}

/** The steps of one questionnaire for the given settings. */
export function stepsFor(profile: ProfileQuestionCfg[], suggestion: boolean): Step[] {
  const steps: Step[] = [{ kind: 'welcome' }];
  UNSUR.forEach((id, i) => steps.push({ kind: 'unsur', id, n: i + 1 }));
  if (profile.some((q) => isProfileField(q.field) && q.options.length > 0)) steps.push({ kind: 'profile' });
  if (suggestion) steps.push({ kind: 'suggestion' });
  steps.push({ kind: 'thanks' });
  return steps;
}

export class Flow {
  index = $state(0);
  answers = $state<Record<UnsurId, Score | null>>(blankAnswers());
  profile = $state<Partial<Record<ProfileField, string>>>({});
  suggestion = $state('');

  constructor(readonly steps: Step[]) {}

  get step(): Step {
    return this.steps[this.index] ?? { kind: 'welcome' };
  }

  /** The step just before thanks: where the questionnaire is sent from. */
  get isLastQuestion(): boolean {
    return this.steps[this.index + 1]?.kind === 'thanks';
  }

  get answeredCount(): number {
    return UNSUR.filter((u) => this.answers[u] !== null).length;
  }

  next(): void {
    if (this.index < this.steps.length - 1) this.index += 1;
  }

  back(): void {
    if (this.index > 1) this.index -= 1;
  }

  toFirstQuestion(): void {
    this.index = 1;
  }

  /** Records the score of the current unsur (null: skipped); moves on unless it is the last
   *  question (then the caller sends). Returns whether the questionnaire is ready to send. */
  rate(score: Score | null): boolean {
    const s = this.step;
    if (s.kind !== 'unsur') return false;
    this.answers[s.id] = score;
    if (this.isLastQuestion) return true;
    this.next();
    return false;
  }

  /** Leaves the current unsur blank and moves on. */
  skip(): boolean {
    return this.rate(null);
  }

  /** Chooses a profile answer; choosing it again clears it. */
  choose(field: ProfileField, value: string): void {
    if (this.profile[field] === value) delete this.profile[field];
    else this.profile[field] = value;
  }

  finish(): void {
    this.index = this.steps.length - 1;
  }

  reset(): void {
    this.index = 0;
    this.answers = blankAnswers();
    this.profile = {};
    this.suggestion = '';
  }
}

export function blankAnswers(): Record<UnsurId, Score | null> {
  return Object.fromEntries(UNSUR.map((u) => [u, null])) as Record<UnsurId, Score | null>;
}

export interface SubmitPayload {
  service: string;
  answers: Record<string, number | null>;
  profile?: Partial<Record<ProfileField, string>>;
  suggestion?: string;
  staff?: string;
  counter?: string;
  ticket?: string;
  ticket_device?: string;
}

/** The `survey.submit` arguments, or null when nothing was rated or no service is known. */
export function payload(flow: Flow, link: DeskLink, fallbackService: string | null): SubmitPayload | null {
  const service = link.service || fallbackService;
  if (!service || flow.answeredCount === 0) return null;
  const out: SubmitPayload = { service, answers: { ...flow.answers } };
  const profile = Object.fromEntries(Object.entries(flow.profile).filter(([, v]) => v)) as SubmitPayload['profile'];
  if (profile && Object.keys(profile).length) out.profile = profile;
  const suggestion = flow.suggestion.trim();
  if (suggestion) out.suggestion = suggestion;
  for (const k of ['staff', 'counter', 'ticket', 'ticket_device'] as const) {
    if (link[k]) out[k] = link[k];
  }
  return out;
}
