/**
 * Reading every number of a WhatsApp Business Account: the listing pages
 * (largest page Graph serves), then, when storage is asked for, one
 * GET /{id}/settings per number with at most `concurrency` in flight. The
 * listing already carries the node fields, so a number costs one request.
 */
import type { GraphApiClient } from '../cloud-api/client';
import { CONNECTION_POOL_SIZE } from '../cloud-api/connection-pool';
import { PHONE_NUMBER_FIELDS } from '../cloud-api/phone-number-fields';
import { EngineFailure, toEngineError, type Wording } from './engine-errors';
import { ENGINE_INPUT_NAMES } from './engine-inputs';
import { toSummary, type PhoneNumberInfo, type PhoneNumberSummary } from './observe';
import { isStorageDisabled, modeOfStorage, normalizeRegion, normalizeStatus } from './storage-state';
import { requireGraphId } from './validation';

/** Graph serves at most 100 numbers per page. */
export const WABA_PAGE_SIZE = 100;
/** Storage reads in flight at once: as many as the client has sockets, so none waits for one. */
export const DEFAULT_STORAGE_CONCURRENCY = CONNECTION_POOL_SIZE;

export interface WabaReadOptions {
  /** Read each number's storage setting too (one request per number). */
  withStorage?: boolean;
  concurrency?: number;
  pageSize?: number;
  /** Leave out unregistered numbers before reading storage (saves their reads). */
  registeredOnly?: boolean;
  signal?: AbortSignal;
}

export type WabaNumber = PhoneNumberSummary &
  Partial<Pick<PhoneNumberInfo, 'storage_status' | 'storage_mode' | 'data_localization_region' | 'retention_minutes'>>;

/**
 * The numbers of a WABA page by page, as Graph lists them. With storage, the
 * next page is listed while this page's storage reads run, and its reads queue
 * behind this page's on the same `concurrency` slots: no slot idles at a page
 * boundary, and a caller that stops early leaves at most one page read ahead.
 */
export async function* wabaNumberPages(
  client: GraphApiClient,
  wabaId: string,
  options: WabaReadOptions = {},
  wording: Wording = ownWording(client),
): AsyncGenerator<WabaNumber[]> {
  requireGraphId(wabaId, 'wabaId', wording.names);
  const pages = client.phoneNumberPages(
    wabaId,
    { fields: PHONE_NUMBER_FIELDS, pageSize: options.pageSize ?? WABA_PAGE_SIZE },
    { signal: options.signal },
  );
  const slots = new Slots(options.concurrency ?? DEFAULT_STORAGE_CONCURRENCY);
  const quiet = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined); // awaited later, or never when the caller stops early: not an unhandled rejection
    return p;
  };
  /** Lists the next page and starts its storage reads; undefined after the last page. */
  const nextPage = () =>
    quiet(
      pages.next().then(
        (page) => {
          if (page.done) return undefined;
          const numbers: WabaNumber[] = page.value.map(toSummary).filter((n) => !options.registeredOnly || n.registered);
          const readOne = (n: WabaNumber) => slots.run(() => readStorage(client, wording, wabaId, n, options.signal));
          const read = options.withStorage ? Promise.all(numbers.map(readOne)) : Promise.resolve([]);
          return { numbers, read: quiet(read) };
        },
        (err: unknown) => Promise.reject(listingFailure(client, wording, wabaId, err)),
      ),
    );
  try {
    let current = await nextPage();
    while (current) {
      const following = nextPage();
      await current.read;
      yield current.numbers;
      current = await following;
    }
  } finally {
    slots.close();
    await pages.return(undefined).catch(() => undefined);
  }
}

/** A FIFO of at most `size` running tasks; a finished task hands its slot to the next waiting one. Closing drops the tasks not started. */
class Slots {
  private running = 0;
  private closed = false;
  private readonly waiting: Array<(granted: boolean) => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the listing was stopped');
    if (this.running < this.size) this.running += 1;
    else if (!(await new Promise<boolean>((resolve) => this.waiting.push(resolve)))) throw new Error('the listing was stopped');
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(true);
      else this.running -= 1;
    }
  }

  close(): void {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake(false);
  }
}

/** Every number of a WABA (all pages), with storage when asked. */
export async function readWabaNumbers(
  client: GraphApiClient,
  wabaId: string,
  options: WabaReadOptions = {},
  wording: Wording = ownWording(client),
): Promise<WabaNumber[]> {
  const all: WabaNumber[] = [];
  for await (const page of wabaNumberPages(client, wabaId, options, wording)) all.push(...page);
  return all;
}

/** Failures worded with the client's redaction and the engine's own input names. */
function ownWording(client: GraphApiClient): Wording {
  return { redact: (text) => client.redact(text), names: ENGINE_INPUT_NAMES };
}

/** One number's storage, read into `n`; the client refuses an answer without storage_configuration.status. */
async function readStorage(client: GraphApiClient, wording: Wording, wabaId: string, n: WabaNumber, signal?: AbortSignal): Promise<void> {
  let settings;
  try {
    settings = await client.getSettings(n.id, { signal });
  } catch (err) {
    throw new EngineFailure(toEngineError(err, wording, `Reading the storage of number ${n.id} in WhatsApp Business Account ${wabaId}`));
  }
  const sc = settings.storage_configuration;
  n.storage_status = String(normalizeStatus(sc?.status));
  const region = normalizeRegion(sc?.data_localization_region);
  if (region !== undefined) n.data_localization_region = region;
  const retention = typeof sc?.retention_minutes === 'number' ? sc.retention_minutes : undefined;
  const mode = modeOfStorage({
    status: n.storage_status,
    ...(region !== undefined ? { region } : {}),
    ...(retention !== undefined ? { retentionMinutes: retention } : {}),
  });
  if (mode !== undefined) n.storage_mode = mode;
  if (retention !== undefined) n.retention_minutes = retention;
}

/** A failed listing, said about the WABA: kind not_found means the token cannot see it (Graph answers alike for a missing WABA). */
function listingFailure(client: GraphApiClient, wording: Wording, wabaId: string, err: unknown): EngineFailure {
  const e = toEngineError(err, wording);
  const cause = err instanceof Error ? client.redact(err.message) : e.message;
  switch (e.kind) {
    case 'not_found':
      return new EngineFailure({
        ...e,
        field: 'wabaId',
        message:
          `WhatsApp Business Account ${wabaId} does not exist or this token cannot see it (it may belong to another business): ` +
          `check ${wording.names.wabaId} and that the token's system user is assigned to this WABA. (${cause})`,
      });
    case 'permission':
      return new EngineFailure({
        ...e,
        message: `The token may not list the numbers of WhatsApp Business Account ${wabaId}: grant whatsapp_business_management to the system user for this WABA. (${cause})`,
      });
    default:
      return new EngineFailure({ ...e, message: `Could not list the numbers of WhatsApp Business Account ${wabaId}: ${e.message}` });
  }
}

/** Which numbers of a WABA a listing keeps. */
export interface WabaNumberFilter {
  /** Only numbers registered with Cloud API. */
  registeredOnly?: boolean;
  /** Only numbers whose storage status is this (e.g. IN_COUNTRY_STORAGE_ENABLED, DEFAULT). */
  storageStatus?: string;
  /** Only numbers keeping data in this region. */
  region?: string;
}

/** Storage filters need each number's storage read. */
export function filterNeedsStorage(filter: WabaNumberFilter): boolean {
  return filter.storageStatus !== undefined || filter.region !== undefined;
}

export function filterWabaNumbers(numbers: readonly WabaNumber[], filter: WabaNumberFilter): WabaNumber[] {
  const status = filter.storageStatus === undefined ? undefined : normalizeStatus(filter.storageStatus);
  // DEFAULT (what reads say) and IN_COUNTRY_STORAGE_DISABLED (what writes say) both mean "off".
  const wantsOff = status !== undefined && isStorageDisabled({ status });
  const statusMatches = (n: WabaNumber) =>
    n.storage_status !== undefined &&
    (wantsOff ? isStorageDisabled({ status: n.storage_status }) : normalizeStatus(n.storage_status) === status);
  const region = filter.region?.toUpperCase();
  return numbers.filter(
    (n) =>
      (!filter.registeredOnly || n.registered) &&
      (status === undefined || statusMatches(n)) &&
      (region === undefined || n.data_localization_region === region),
  );
}
