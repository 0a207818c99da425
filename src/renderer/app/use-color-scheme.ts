import { useSyncExternalStore } from 'react';

const query = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

/** Follows the operating system's light or dark preference, live. */
export const useColorScheme = (): 'light' | 'dark' =>
  useSyncExternalStore(
    (onChange) => {
      const list = query();
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => (query().matches ? 'dark' : 'light'),
  );
