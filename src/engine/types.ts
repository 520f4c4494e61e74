/**
 * The engine's public vocabulary. The provider, the CLI and the CDKTF layer
 * depend on these shapes; the planner and executor implement them.
 */
import type { ApiVersion } from '../cloud-api/api-version';
import type { EngineError } from './engine-errors';
import type { RegionCode } from './regions';
import type { ResidencyChange } from './residency';
import type { StorageTarget } from './storage-modes';
import type { QuotaEntry } from './quota';

export type { ApiVersion, EngineError };

/** Storage status as read from GET /<id>/settings, upper-cased; unknown values kept verbatim. */
export type StorageStatus = 'IN_COUNTRY_STORAGE_ENABLED' | 'DEFAULT' | 'NO_STORAGE_ENABLED' | (string & {});

export type CodeVerificationStatus = 'VERIFIED' | 'NOT_VERIFIED' | 'EXPIRED' | (string & {});

export type PlatformType = 'CLOUD_API' | 'ON_PREMISE' | 'NOT_APPLICABLE' | (string & {});

/** What the API says about a number right now. */
export interface ObservedState {
  phoneNumberId: string;
  /** Whether the number is registered with Cloud API (can send and receive). */
  registered: boolean;
  platformType: PlatformType;
  codeVerificationStatus: CodeVerificationStatus;
  storage: {
    status: StorageStatus;
    /** Present only when status is IN_COUNTRY_STORAGE_ENABLED. */
    region?: string;
    /** Present only when status is NO_STORAGE_ENABLED (minutes message data stays in transit). */
    retentionMinutes?: number;
    /** Raw settings payload fields we do not model, for diagnostics. */
    extra?: Record<string, unknown>;
  };
  displayPhoneNumber?: string;
  verifiedName?: string;
  /** The phone number `status` as read when it does not tell registration (e.g. LINKED): `registered` is then a guess the engine never acts on. */
  unknownStatus?: string;
}

/**
 * What the user declared: one of the three storage modes (`storage`), or the
 * older shorthand `{ region }` (a region = in-country, null = Meta's default storage).
 */
export type DesiredState = ({ storage: StorageTarget } | { region: RegionCode | null }) & {
  /**
   * Opt-in: before deregistering a live number, set its two-step PIN to the configured one
   * (POST /<id> {"pin"}), so the register after the deregister cannot fail on a wrong PIN.
   * It changes the number's PIN.
   */
  setPinBeforeDeregister?: boolean;
};

export type StepKind = 'set_pin' | 'deregister' | 'write_settings' | 'register' | 'request_code' | 'verify_code';

export interface PlanStep {
  kind: StepKind;
  /** For write_settings and legacy register: the storage written. */
  storage?: StorageTarget;
  /** Same as `storage` for in-country (the region) and default (null); absent for No Storage. */
  region?: RegionCode | null;
  /** Human explanation, free of secrets. */
  reason: string;
}

export interface ConvergencePlan {
  steps: PlanStep[];
  /** True when some step deregisters a registered number (messaging stops until register). */
  takesNumberOffline: boolean;
  /** One-paragraph human summary of what will happen and why. */
  explanation: string;
  /** Set when the plan cannot proceed without user input (e.g. a legacy verification code). */
  requirement?: { kind: 'verification_code'; message: string };
  /** Set when the desired state cannot be reached at all (e.g. ON_PREMISE platform); no steps then. */
  impossible?: string;
  /** Set when the plan weakens or moves the number's data residency (reviewers must see it). */
  residency?: ResidencyChange;
}

export type EngineEvent =
  | { type: 'step_started'; step: PlanStep; index: number }
  | { type: 'step_finished'; step: PlanStep; index: number; durationMs: number }
  | { type: 'step_failed'; step: PlanStep; index: number; message: string }
  | { type: 'recovery_started'; reason: string }
  | { type: 'recovery_finished'; registered: boolean }
  | { type: 'retry'; operation: string; attempt: number; delayMs: number; reason: string }
  | { type: 'info'; message: string };

/**
 * Admission to the offline stretch of a change (deregister .. register), shared by the
 * converges of one provider configuration so at most N of their numbers are offline at once.
 */
export interface OfflineGate {
  /** Resolves when this number may go offline (rejects when `signal` aborts first); call the returned function once it is back. */
  enter(signal?: AbortSignal): Promise<() => void>;
}

export interface ConvergeOptions {
  /** The two-step PIN; required whenever the plan registers. Never logged. */
  pin?: string;
  /** One-time code for the legacy verification flow (v20 and older). */
  verificationCode?: string;
  onEvent?: (event: EngineEvent) => void;
  signal?: AbortSignal;
  /** Waited for before the deregister (so waiting adds no downtime); released after the register. */
  offlineGate?: OfflineGate;
  /**
   * The register/deregister calls sent to this number before (src/engine/quota.ts). The run
   * refuses, before any write, steps that would exceed Meta's quota by this ledger.
   */
  quotaLedger?: readonly QuotaEntry[];
}

export interface ConvergeResult {
  ok: boolean;
  /** The state as last read from the API after the run (the truth to record). */
  observed: ObservedState;
  /** Steps that completed, in order. */
  completed: PlanStep[];
  /** On failure: what went wrong, phrased for a user, naming the field and fix; never a secret. */
  error?: EngineError;
  /** True when a failure happened after deregister and the number was re-registered. */
  recovered?: boolean;
  /**
   * True when the last read failed, so `observed` is the last
   * state read or, when nothing could be read, a placeholder with status UNKNOWN.
   * Callers should then keep what they recorded before rather than trust `observed`.
   */
  observationFailed?: boolean;
  /** The plan that was run (or would have been), for logs and plan output. */
  plan?: ConvergencePlan;
  /** Set when the run stopped for user input (legacy verification code sent). */
  requirement?: ConvergencePlan['requirement'];
  /** The register and deregister calls this run sent (and Meta's quota errors), for the number's ledger. */
  quotaCalls?: QuotaEntry[];
}
