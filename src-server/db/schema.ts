import type { Generated } from 'kysely';

/** Row types of the reference ENT database (same tables on SQLite and PostgreSQL). Booleans are 0/1 integers. */
export type Year = 'new' | 'old';

export interface SchoolsTable { uai: string; name: string; new_version: number; old_version: number; /** Town, when known (0005). */ commune?: string | null }
export interface AccountsTable {
  id: string;
  year: Year;
  login: string;
  password_hash: string | null;
  email: string | null;
  nom: string;
  prenom: string;
  date_naissance: string | null;
  sexe: string | null;
  niveau: string | null;
  class_id: string | null;
  school_uai: string;
  base_eleves_director: number;
  chosen_class_id: string | null;
  disabled: number;
  merged_into: string | null;
  personal_decision: string | null;
  /** Bumped by every password change (grants proven before it stop working). */
  security_version: Generated<number>;
}
export interface RolesTable { account_id: string; role: string; school_uai: string; class_id: string | null }
export interface ClassesTable { id: string; year: Year; school_uai: string; label: string; levels: string; position: number }
export interface ParentLinksTable { parent_id: string; pupil_id: string }
export interface SpacesTable { id: string; year: Year; school_uai: string; kind: string; class_id: string | null; owner_id: string | null }
export interface ItemsTable { id: string; space_id: string; app: string; title: string; created_at: string }
export interface LicencesTable { id: string; school_uai: string; class_id: string; product: string; seats: number }
export interface RosterChangesTable { id: string; school_uai: string; year: Year; version: number; description: string; created_at: string }
export interface SessionsTable { id: string; account_id: string; created_at: string; expires_at: string; revoked_at: string | null; revoked_reason: string | null }
/** One row per refresh token ever issued; `used_at` set when rotated (a second use revokes the session). */
export interface RefreshTokensTable { token_hash: string; session_id: string; account_id: string; expires_at: string; used_at: string | null }
export interface OneTimeCodesTable { code_hash: string; account_id: string; purpose: string; created_at: string; expires_at: string; used_at: string | null }
export interface RateLimitsTable { key: string; points: number; expire: number | null }
/** `apps`: the personal apps chosen, comma-separated; null when everything moved. */
export interface PersonalClaimsTable { old_account_id: string; new_account_id: string; method: string; created_at: string; apps: string | null }
/**
 * One move per old class space: by the school's accepted batch (`kind` school, `merge_id`) or by a teacher who taught
 * it (`kind` teacher, `account_id`, `moved`: JSON counts per app). `apps` comma-separated.
 */
export interface ClassSpaceClaimsTable { old_class_id: string; new_class_id: string; kind: string; merge_id: string | null; account_id: string | null; apps: string; moved: string | null; created_at: string }
/** A teacher's one answer for their old class spaces: `recovered` or `declined`. */
export interface TeacherSpaceAnswersTable { account_id: string; decision: string; created_at: string }
export interface OndePupilsTable { school_uai: string; onde_key: string; account_id: string }
export interface MailOutboxTable { id: string; recipient: string; subject: string; body: string; created_at: string; sent_at: string | null; secret: string | null; secret_erased_at: string | null }
export interface SupportRequestsTable {
  id: string;
  nom: string;
  prenom: string;
  email: string;
  school_uai: string;
  classe: string;
  message: string | null;
  created_at: string;
}
export interface MergesTable {
  id: string;
  school_uai: string;
  idempotency_key: string;
  request_hash: string;
  batch: string;
  accepted_at: string;
  accepted_by_role: string;
  accepted_by_account: string;
  status: string;
  finished_at: string | null;
  /** Letters marked printed (or expired): the generated passwords are erased. */
  credentials_released_at: string | null;
  credentials_released_by: string | null;
}
export interface MergeStepsTable { merge_id: string; name: string; position: number; label: string; total: number; done: number; status: string }
export interface MergeOpsTable { merge_id: string; seq: number; step: string; kind: string; src: string; dst: string; apps: string; done: number }
/** `password`: sealed with the server's credentials key until the letters are printed or expire. */
export interface PupilCredentialsTable { merge_id: string; account_id: string; login: string; password: string | null; fetched: number }
export interface CredentialFetchesTable { merge_id: string; account_id: string; role: string; at: string }

export interface DB {
  schools: SchoolsTable;
  accounts: AccountsTable;
  roles: RolesTable;
  classes: ClassesTable;
  parent_links: ParentLinksTable;
  spaces: SpacesTable;
  items: ItemsTable;
  licences: LicencesTable;
  roster_changes: RosterChangesTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  one_time_codes: OneTimeCodesTable;
  rate_limits: RateLimitsTable;
  personal_claims: PersonalClaimsTable;
  class_space_claims: ClassSpaceClaimsTable;
  teacher_space_answers: TeacherSpaceAnswersTable;
  onde_pupils: OndePupilsTable;
  mail_outbox: MailOutboxTable;
  support_requests: SupportRequestsTable;
  merges: MergesTable;
  merge_steps: MergeStepsTable;
  merge_ops: MergeOpsTable;
  pupil_credentials: PupilCredentialsTable;
  credential_fetches: CredentialFetchesTable;
}
