// One action at a time on a screen: `busy` while it runs, its error or its success note after.
import type { ApiError } from '../api';
import { describeError } from '../state.svelte';

export class Runner {
  busy = $state(false);
  error = $state<ApiError | null>(null);
  notice = $state<string | null>(null);

  /** Runs `work`; its result (a note, or null for none) becomes the notice, a failure the error. */
  async run(work: () => Promise<string | null>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      this.notice = await work();
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
    }
  }

  /** A client-side refusal, shown like the core's. */
  invalid(message: string): void {
    this.error = { code: 'invalid', message };
    this.notice = null;
  }
}
