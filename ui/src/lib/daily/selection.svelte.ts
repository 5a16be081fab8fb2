// What the daily screens show, kept while the user moves between screens (the period recap's
// "open" jumps to a day). Empty site = this device's site.
class DailySelection {
  date = $state('');
  site = $state('');
}

export const selection = new DailySelection();
