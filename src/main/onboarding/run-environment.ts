import type { SignInClientIds } from '../../shared/cloud/sign-in-app';
import type { RunEntry } from '../../shared/onboarding/run-entry';
import type { RunProgress } from '../../shared/onboarding/run-progress';
import type { RunRecord } from '../../shared/onboarding/run-record';
import type { SignInBrowserFactory } from '../sign-in/browser-opener';
import type { DiscoveryTarget } from './discover-tenant';
import type { PollPolicy } from './poll-until';
import type { RunStore } from './run-store';

/** How long a run waits, at most. */
export interface RunLimits {
  /** For the administrator to finish Microsoft's sign-in or consent pages. */
  readonly signInTimeoutMs: number;
  /** For Microsoft Entra ID to make writes visible to reads (30 to 60 s is common; longer happens). */
  readonly replicationDeadlineMs: number;
  /** The first wait between two verification reads; it doubles up to `maxPollIntervalMs`. */
  readonly firstPollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  /** For one HTTP request to Microsoft (discovery, token, Graph) before it counts as a lost connection. */
  readonly requestTimeoutMs: number;
}

/** Default waits: ten minutes for the pages, three for replication. */
export const DEFAULT_RUN_LIMITS: RunLimits = {
  signInTimeoutMs: 10 * 60_000,
  replicationDeadlineMs: 3 * 60_000,
  firstPollIntervalMs: 2_000,
  maxPollIntervalMs: 15_000,
  requestTimeoutMs: 60_000,
};

/** Where the runs of this app connect, and with which sign-in app. */
export interface RunConnection {
  /** Microsoft's clouds, or the practice tenant only. */
  readonly target: DiscoveryTarget;
  /**
   * The application (client) ID of the tool's own public-client sign-in app in each cloud: Microsoft needs a
   * registration per national cloud, and a run signs in with the one of the cloud its client's tenant is in.
   */
  readonly signInClientIds: SignInClientIds;
  /** The practice tenant's certificate (PEM), trusted for its loopback origins only; absent for Microsoft. */
  readonly trustedCertificate?: string;
}

/** Everything a run reaches outside itself through. */
export interface RunEnvironment {
  readonly toolVersion: string;
  readonly connection: RunConnection;
  readonly runs: RunStore;
  readonly browsers: SignInBrowserFactory;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly limits?: Partial<RunLimits>;
  /** Called after every journal entry with the new record, the entry, and how many entries the journal holds now. */
  readonly onRecord?: (record: RunRecord, entry: RunEntry, journalLength: number) => void;
  readonly onProgress?: (progress: RunProgress) => void;
  /** Called for every Graph HTTP request the run makes (method, URL, status): the request count. */
  readonly onGraphRequest?: (method: string, url: string, status: number) => void;
}

/** What a step of the run reaches the run through: its record, its journal, its progress and its waits. */
export interface StepContext {
  /** The run's record as of its last journal entry. */
  readonly record: () => RunRecord;
  /** Appends an entry to the run's journal, durably, before it returns. */
  readonly append: (entry: RunEntry) => Promise<void>;
  /** The time of an entry. */
  readonly stamp: () => string;
  readonly progress: (
    phase: RunProgress['phase'],
    message: string,
    done?: number | null,
    total?: number | null,
  ) => void;
  readonly limits: () => RunLimits;
  /** How to wait for Microsoft's replication, saying `message` (in `phase`) during each pause. */
  readonly replication: (say?: {
    readonly phase: RunProgress['phase'];
    readonly message: string;
  }) => PollPolicy & { readonly onWait: () => void };
}
