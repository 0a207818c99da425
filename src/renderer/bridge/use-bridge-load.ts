import { type DependencyList, useEffect } from 'react';

/**
 * Asks the bridge for something when the component mounts, and again whenever `deps` change. An answer (or a
 * failure) that arrives after the component unmounted or the deps changed is dropped, so a slow answer never
 * overwrites a newer one.
 */
export const useBridgeLoad = <T>(
  load: () => Promise<T>,
  onLoaded: (value: T) => void,
  onFailed: (error: unknown) => void,
  deps: DependencyList,
): void => {
  useEffect(
    () => {
      let cancelled = false;
      void load()
        .then((value) => {
          if (!cancelled) onLoaded(value);
        })
        .catch((error: unknown) => {
          if (!cancelled) onFailed(error);
        });
      return () => {
        cancelled = true;
      };
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on.
    deps,
  );
};
