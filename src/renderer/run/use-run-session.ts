import { useSyncExternalStore } from 'react';
import type { RunSession, RunSessionState } from './run-session';

/** The run session's state, re-rendering on every change. */
export const useRunSession = (session: RunSession): RunSessionState =>
  useSyncExternalStore(session.subscribe, session.getState);
