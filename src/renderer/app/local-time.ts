// Dates and times as the technician's computer writes them. The first date a page formats loads the locale's data
// (about 30 ms in Chromium); `loadLocaleData` does that while the window is idle, so the first one on screen (the
// verification's time, as the technician waits for the verdict) costs nothing extra.

/** A moment as the computer's locale writes a date and time. */
export const localDateTime = (iso: string): string => new Date(iso).toLocaleString();

/** A moment as the computer's locale writes a time of day. */
export const localTime = (iso: string): string => new Date(iso).toLocaleTimeString();

/** Loads the locale's date data once the window is idle (at once where it has no idle callback). */
export const loadLocaleData = (scope: { requestIdleCallback?: (callback: () => void) => unknown }): void => {
  const load = (): void => {
    localDateTime(new Date(0).toISOString());
  };
  if (scope.requestIdleCallback === undefined) load();
  else scope.requestIdleCallback(load);
};
