/**
 * The storage contract: every repository the services use, engine-neutral and async, so SQLite (db/) and
 * PostgreSQL (db/postgres/) implement the same thing and routes never see a database handle. Rules for implementers:
 * - every write method is atomic (it writes all it names or nothing) and durable before its promise resolves: the
 *   caller acknowledges to a person as soon as it does;
 * - rows are checked with zod on the way out, so a hand-edited row fails loudly instead of leaking odd data;
 * - no method returns a statement, a row object of the engine or a connection.
 */
import { z } from 'zod';
import type { AuditEntry } from '../../common/moderation.ts';
import type { Layer, PointRecord, PointStatus } from '../../common/points.ts';
import type { SubareaCounts, SubareaId } from '../../common/subareas.ts';
import type { BBox } from '../../common/geojson.ts';
import type { PublishMode, SessionPatch } from '../../common/sessions.ts';
import type { Role } from '../../common/accounts.ts';
import type { RequestStatus } from '../../common/contact-requests.ts';
import type { AmbassadorCardEdit } from '../../common/ambassador-card.ts';
import { Activity } from '../../common/activities.ts';
import type { TilePoint } from './point-rows.ts';

// ---------------------------------------------------------------------------------------------------------------
// Points, their audit log, idempotency keys, votes and photos

/** A point as stored: the full record plus what only the server needs. */
export interface StoredPoint {
  record: PointRecord;
  publicLng: number;
  publicLat: number;
  editTokenHash: string;
}

export interface AuditInput {
  at: string;
  /** A staff login, "author", "retention" or "session:<code>". */
  actor: string;
  action: AuditEntry['action'];
  pointId: string;
  reason?: string | null;
  /** Names of the fields an edit changed; never their values. */
  changed?: readonly string[] | null;
}

/**
 * An Idempotency-Key's replay row. The key is kept only as sha256(key), the edit token only sealed with the key
 * itself (crypto.ts sealWith), so a copy of the database alone reveals no edit token.
 */
export interface IdempotencyRow {
  pointId: string;
  bodyHash: string;
  tokenCiphertext: string;
}

export interface Replay extends IdempotencyRow {
  keyHash: string;
}

/** What `PointRepository.create` did: stored the point, or found the key taken and wrote nothing. */
export type CreateOutcome = { created: true } | { created: false; earlier: IdempotencyRow };

/** A point's new state and the audit entry saying who changed it: always written together. */
export interface PointWrite {
  point: StoredPoint;
  audit: AuditInput;
}

export interface PublishedFilter {
  subarea?: SubareaId;
  /** Tested on the published position. */
  bbox?: BBox;
  /** Only the newest this many, newest first (created_at, id descending); never with bbox. */
  newest?: number;
}

export interface PointRepository {
  get(id: string): Promise<StoredPoint | undefined>;
  /** Published points of a layer, oldest first (created_at, id), or with `newest` the newest first. */
  listPublished(layer: Layer, filter?: PublishedFilter): Promise<StoredPoint[]>;
  /**
   * Every published point of a layer as its map tiles draw it, in the same order: public positions only, and only
   * the few fields a tile carries, so a layer of a million pins is read without decoding a million records.
   */
  listForTiles(layer: Layer): Promise<TilePoint[]>;
  /** Oldest first. */
  listByStatus(status: PointStatus): Promise<StoredPoint[]>;
  /** A walk session's points in one status, oldest first: one indexed query, not one per pin. */
  listBySession(code: string, status: PointStatus): Promise<StoredPoint[]>;
  /** Points of a walk session per status. */
  countsBySession(code: string): Promise<Partial<Record<PointStatus, number>>>;
  /** Published pins per subarea and kind, for the subarea panels' live figures. */
  countsBySubarea(): Promise<Partial<Record<string, SubareaCounts>>>;
  /**
   * Inserts the point and its audit entry. With `replay`, the key is claimed in the same transaction through a
   * unique constraint: when an earlier submission holds it (even one committed a moment ago by another request or
   * process), nothing is written and that submission's row comes back instead. Check-then-insert is not enough on
   * an engine with real concurrency.
   */
  create(write: PointWrite, replay?: Replay): Promise<CreateOutcome>;
  /** Writes every mutable column (the id, layer, token and creation time never change) and the audit entry. */
  update(write: PointWrite): Promise<void>;
  /**
   * Deletes the point and everything hanging off it (photo, votes, replay key, contact requests' link), writing the
   * audit entry (who, what, when; never the content). False when it was already gone.
   */
  erase(id: string, audit: Omit<AuditInput, 'pointId'>): Promise<boolean>;
  /** Rejected points whose last rejection is older than `cutoff` (ISO); rows without one count from their last edit. */
  rejectedBefore(cutoff: string): Promise<string[]>;
  /** Published help offers last confirmed before `cutoff` (ISO). */
  unconfirmedHelpBefore(cutoff: string): Promise<string[]>;
  /** Points marked removed by older versions, which kept the content. */
  removedLeftovers(): Promise<string[]>;
  /** Sets each row's subarea to `subareaAt(public position)` where it differs, in one transaction; how many changed. */
  resyncSubareas(subareaAt: (lng: number, lat: number) => string | null): Promise<number>;
}

/** Append-only: who did what to which point, when and why. Written by PointRepository's writes. */
export interface AuditRepository {
  forPoint(pointId: string): Promise<AuditEntry[]>;
}

export interface IdempotencyRepository {
  /** Forgets keys first seen before `cutoff` (ISO); how many. */
  purgeBefore(cutoff: string): Promise<number>;
}

export interface VoteRepository {
  /** One vote per (point, hashed device id); `counted` false when this device had voted already. */
  add(pointId: string, deviceHash: string, at: string): Promise<{ counted: boolean; votes: number }>;
}

export interface StoredPhoto {
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
  createdAt: string;
}

export interface PhotoRepository {
  get(pointId: string): Promise<StoredPhoto | undefined>;
  /** Stores (or replaces) the photo and the point's new state (its photo metadata) together. */
  put(pointId: string, photo: StoredPhoto, write: PointWrite): Promise<void>;
  /** Deletes the photo and writes the point's new state together. */
  remove(pointId: string, write: PointWrite): Promise<void>;
}

/** The public data's version: the number of the last change to a published point. */
export interface ChangeLogRepository {
  current(): Promise<number>;
  /** Points changed after `since`, each once, or null when the log no longer reaches back that far. */
  since(since: number, layer?: Layer): Promise<{ id: string; layer: Layer }[] | null>;
  /** Drops all but the newest `keep` changes. */
  prune(keep: number): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Walk sessions

export interface SessionRow {
  code: string;
  name: string;
  subarea: SubareaId;
  date: string;
  publishMode: PublishMode;
  closed: boolean;
  createdBy: string;
  createdAt: string;
}

/** Walk sessions themselves; which points belong to one is PointRepository.listBySession. */
export interface SessionRepository {
  /** False when the code is taken (the caller draws another). */
  insert(s: SessionRow): Promise<boolean>;
  get(code: string): Promise<SessionRow | undefined>;
  /** Newest walk first. */
  list(): Promise<SessionRow[]>;
  update(code: string, patch: SessionPatch): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Staff accounts, their sessions and their audit log

export interface Account {
  id: number;
  login: string;
  passwordHash: string;
  role: Role;
  subarea: SubareaId | null;
  email: string | null;
}

/** What a live session grants: who, in which role, where. */
export type SessionAccount = Pick<Account, 'login' | 'role' | 'subarea'>;

export type AccountInput = Omit<Account, 'id'>;

/** Staff accounts and their sessions; session tokens are stored only as sha256 hashes. */
export interface AuthRepository {
  findAccount(login: string): Promise<Account | undefined>;
  list(): Promise<Account[]>;
  /** E-mail addresses of the ambassadors of one subarea. */
  ambassadorEmails(subarea: string): Promise<string[]>;
  /** Creates the login or replaces its settings, ending its open sessions in the same transaction; says which. */
  upsertAccount(a: AccountInput, at: string): Promise<'created' | 'updated'>;
  /** Stores a session (and sweeps expired ones). */
  createSession(tokenHash: string, accountId: number, at: string, expiresAt: string): Promise<void>;
  /** The account behind a live session, or undefined when unknown or expired. */
  sessionAccount(tokenHash: string, at: string): Promise<SessionAccount | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
}

export const STAFF_ACTIONS = [
  'card-edit',
  'view-helper-contact',
  'request-handed-over',
  'request-failed',
  'request-reopened',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export interface StaffAuditEntry {
  at: string;
  actor: string;
  action: StaffAction;
  /** What it concerned: `subarea:<id>` or `contact-request:<id>`; never its content. */
  subject: string;
}

/** Append-only log of staff actions that concern no single point. */
export interface StaffAuditRepository {
  /** All entries in one transaction. */
  append(entries: readonly StaffAuditEntry[]): Promise<void>;
  forSubject(subject: string): Promise<StaffAuditEntry[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Contact requests and ambassadors' cards

export type MailState = 'none' | 'pending' | 'sent' | 'failed';

export interface RequestRow {
  id: string;
  pointId: string;
  subarea: SubareaId;
  status: RequestStatus;
  name: string;
  phone: string | null;
  email: string | null;
  message: string;
  shareDirect: boolean;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  ambassadorMail: MailState;
  helperMail: MailState;
  mailAttempts: number;
  mailNextAt: string | null;
}

export type MailProgress = Pick<RequestRow, 'ambassadorMail' | 'helperMail' | 'mailAttempts' | 'mailNextAt'>;

/** The only place a resident's name, contact and message are kept. */
export interface ContactRequestRepository {
  insert(r: RequestRow): Promise<void>;
  get(id: string): Promise<RequestRow | undefined>;
  /** Open ones first, newest first. `subarea` null: every subarea. */
  inbox(subarea: string | null): Promise<RequestRow[]>;
  /** Newest first. */
  forPoint(pointId: string): Promise<RequestRow[]>;
  /** Sets the status and note (closed_at follows) and writes the staff audit entry together. */
  setStatus(id: string, status: RequestStatus, note: string | null, audit: StaffAuditEntry): Promise<void>;
  setMail(id: string, m: MailProgress): Promise<void>;
  /** Ids of requests whose notices are due for another attempt. */
  mailDue(at: string): Promise<string[]>;
  /** Erases requests closed before `cutoff`; how many. */
  purgeClosedBefore(cutoff: string): Promise<number>;
}

export interface AmbassadorCardRepository {
  all(): Promise<Map<string, AmbassadorCardEdit>>;
  /** Stores the subarea's card and the staff audit entry together. */
  put(subarea: string, edit: AmbassadorCardEdit, audit: StaffAuditEntry): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Activities (the ambassadors' calendar)

export interface ActivityRange {
  subarea?: SubareaId;
  /** ISO instants: activities ending after `from` and starting before `to`. */
  from?: string;
  to?: string;
}

export const ActivityAuditEntry = z.strictObject({
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: Activity.nullable(),
  after: Activity.nullable(),
});
export type ActivityAuditEntry = z.infer<typeof ActivityAuditEntry>;

export interface ActivityRepository {
  list(range: ActivityRange): Promise<Activity[]>;
  get(id: string): Promise<Activity | undefined>;
  /** Writes the activity (insert or replace) and its audit entry in one transaction. */
  save(activity: Activity, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void>;
  remove(id: string, audit: Omit<ActivityAuditEntry, 'after'>): Promise<void>;
  history(id: string): Promise<ActivityAuditEntry[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// The offline gazetteer

/** One street of an import, with all its numbered address points (positions in WGS84). */
export interface ImportStreet {
  name: string;
  words: string;
  points: { number: string; numberKey: string; postcode: string | null; lng: number; lat: number }[];
}

export interface StreetRow {
  id: number;
  name: string;
  words: string;
  lng: number;
  lat: number;
}

export interface AddressPointRow {
  streetId: number;
  street: string;
  number: string;
  postcode: string | null;
  lng: number;
  lat: number;
}

/** One typed word: it matches a street word it begins, or any of `alternatives` exactly (one-typo neighbours). */
export interface StreetTerm {
  prefix: string;
  alternatives: readonly string[];
}

/** The search rules live in geocode/, not here. */
export interface AddressRepository {
  /** Replaces the whole gazetteer in one transaction; on any error the previous one stays. */
  replaceAll(streets: ImportStreet[], meta: Record<string, string>): Promise<void>;
  size(): Promise<{ streets: number; points: number }>;
  /** Every distinct street word, for the one-typo lookup. */
  words(): Promise<string[]>;
  /**
   * Streets matching every term (the term's word as a prefix of one of the street's words, or one of its exact
   * alternatives), best first. Words are already folded (lower case, no diacritics); the engine picks its own
   * full-text search.
   */
  matchStreets(terms: readonly StreetTerm[], limit: number): Promise<StreetRow[]>;
  /** Address points of these streets with this folded number. */
  numbered(streetIds: number[], numberKey: string): Promise<AddressPointRow[]>;
  /** Address points inside a lng/lat box (the caller computes distances). */
  within(west: number, south: number, east: number, north: number): Promise<AddressPointRow[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// The aggregate createApp receives

export interface Store {
  readonly points: PointRepository;
  readonly audit: AuditRepository;
  readonly idempotency: IdempotencyRepository;
  readonly votes: VoteRepository;
  readonly photos: PhotoRepository;
  readonly changes: ChangeLogRepository;
  readonly sessions: SessionRepository;
  readonly auth: AuthRepository;
  readonly staffAudit: StaffAuditRepository;
  readonly contactRequests: ContactRequestRepository;
  readonly ambassadorCards: AmbassadorCardRepository;
  readonly activities: ActivityRepository;
  readonly addresses: AddressRepository;
  /** Which engine, for logs and the health answer's details: "sqlite", "postgres". */
  readonly engine: string;
  /**
   * Why the store cannot take a write right now, or undefined when it can (GET /api/health). A read alone answers
   * happily on a full disk or a read-only file while every contribution fails, so this must really write.
   */
  writeProblem(): Promise<string | undefined>;
  /**
   * Called after erasing personal data: make sure no copy of the erased rows stays behind in the engine's logs
   * (SQLite: checkpoint and truncate the WAL; secure_delete already zeroes freed pages).
   */
  afterErasure(): Promise<void>;
  close(): Promise<void>;
}
