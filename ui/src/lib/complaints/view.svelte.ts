// Where the complaints list opens: the Home reminders and the registration form send the user
// to a view (overdue, due soon) or straight to one complaint.
import type { Filters } from './model';

class ComplaintsView {
  /** The list's quick view to apply on the next visit (null: keep the user's filters). */
  preset = $state<Filters['view'] | null>(null);
  /** A complaint number to open in the detail view. */
  open = $state<string | null>(null);
}

export const complaintsView = new ComplaintsView();
