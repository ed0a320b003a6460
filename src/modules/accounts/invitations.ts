// Invitations and password resets: one-time links sent by e-mail (account_tokens). The database
// keeps only the SHA-256 of a token; the token itself is only in the mail (and, until the mail is
// sent, in the outbox row that carries it). A token works once and until it expires; a new
// invitation replaces the account's older unused ones. Used by the API (./routes.ts) and the CLI.
import { and, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accountTokens, accounts, people, schools } from '../../db/schema/index.ts';
import type { Role } from '../../policies/index.ts';
import { appendAudit } from '../audit/chain.ts';
import { newToken, sha256 } from '../auth/secrets.ts';
import { enqueueMail } from '../mail/mailer.ts';
import { INVITATION_PAGE, invitationMail, PASSWORD_RESET_PAGE, passwordResetMail, roleGrantedMail, tokenLink } from '../mail/templates.ts';
import { createAccount, findAccountByEmail, grantRole, hasRole } from './service.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
export const PASSWORD_RESET_TTL_MS = 3600_000;
/** At most this many reset mails per account per hour. */
export const RESETS_PER_HOUR = 3;

export type TokenPurpose = 'invitation' | 'password_reset';

/** A problem with the invitation itself, answered 400 with the JSON path of the field. */
export class InvitationError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly status: 400 | 404 | 409 = 400,
    readonly error = 'bad_request',
  ) {
    super(message);
  }
}

export interface InviteInput {
  schoolId: string;
  email: string;
  displayName: string;
  role: Role;
  personId?: string | null;
  /** Who invites: an account id, or "cli". */
  by: string;
  requestId?: string;
  now: Date;
  /** Where the links in the mail point. */
  publicUrl: string;
}

export interface InviteResult {
  accountId: string;
  /** A new account, or one without a password yet: an invitation link was sent. */
  invited: boolean;
  /** The account is new. */
  created: boolean;
  /** A mail was queued (an invitation, or a "you have a new role" notice). */
  mailQueued: boolean;
}

/**
 * Invites someone to a school with a role, in the caller's transaction: creates the account (no
 * password) or gives an existing one the role; queues an invitation (account without a password)
 * or a notice of the new role. Who may hand out which role is the caller's check.
 * Lock order: createAccount appends to the board chain first, then the school's.
 */
export async function inviteToSchool(tx: DbOrTx, input: InviteInput): Promise<InviteResult> {
  const [school] = await tx.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.id, input.schoolId));
  if (!school) throw new InvitationError('$.schoolId', 'There is no such school.', 404, 'not_found');
  if (input.personId) {
    const [person] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, input.personId), eq(people.schoolId, input.schoolId), eq(people.active, true)));
    if (!person) throw new InvitationError('$.personId', 'There is no active person with this id on the school’s roster.');
  }
  const grant = { schoolId: input.schoolId, role: input.role, personId: input.personId ?? null };
  const opt = input.requestId ? { requestId: input.requestId } : {};
  const existing = await findAccountByEmail(tx, input.email);
  if (existing?.closedAt) {
    throw new InvitationError('$.email', 'The account of this e-mail address is closed; it cannot be given a role.', 409, 'account_closed');
  }

  let accountId: string;
  let displayName: string;
  let heldAlready = false;
  if (!existing) {
    accountId = (await createAccount(tx, { email: input.email, displayName: input.displayName, roles: [grant], createdBy: input.by, ...opt })).id;
    displayName = input.displayName;
  } else {
    accountId = existing.id;
    displayName = existing.displayName;
    heldAlready = await hasRole(tx, accountId, input.schoolId, input.role);
    await grantRole(tx, accountId, grant, input.by, input.requestId);
  }
  const email = existing?.email ?? input.email.trim().toLowerCase();

  if (!existing || existing.passwordHash === null) {
    const token = await issueToken(tx, { accountId, purpose: 'invitation', by: input.by, now: input.now, ttlMs: INVITATION_TTL_MS, replace: true });
    await enqueueMail(
      tx,
      invitationMail({ to: email, displayName, schoolName: school.name, role: input.role, link: tokenLink(input.publicUrl, INVITATION_PAGE, token.token), expiresAt: token.expiresAt }),
      input.now,
    );
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.by, action: 'account.invite', subjectType: 'account', subjectId: accountId, fields: ['role', 'account_tokens'], at: input.now, ...opt });
    return { accountId, invited: true, created: !existing, mailQueued: true };
  }
  if (!heldAlready) {
    await enqueueMail(tx, roleGrantedMail({ to: email, displayName, schoolName: school.name, role: input.role, publicUrl: input.publicUrl }), input.now);
  }
  return { accountId, invited: false, created: false, mailQueued: !heldAlready };
}

/** A new one-time token for an account. `replace`: the account's unused tokens of this purpose stop working. */
export async function issueToken(
  tx: DbOrTx,
  t: { accountId: string; purpose: TokenPurpose; by: string; now: Date; ttlMs: number; replace?: boolean },
): Promise<{ token: string; expiresAt: Date }> {
  if (t.replace) await revokeUnused(tx, t.accountId, [t.purpose], t.now);
  const token = newToken();
  const expiresAt = new Date(t.now.getTime() + t.ttlMs);
  await tx.insert(accountTokens).values({ accountId: t.accountId, purpose: t.purpose, tokenHash: sha256(token), createdBy: t.by, createdAt: t.now, expiresAt });
  return { token, expiresAt };
}

/** Ends the account's unused, unexpired tokens of these purposes (they expire now). */
export async function revokeUnused(tx: DbOrTx, accountId: string, purposes: TokenPurpose[], now: Date): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ expiresAt: now })
    .where(and(eq(accountTokens.accountId, accountId), inArray(accountTokens.purpose, purposes), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)));
}

export interface TokenAccount {
  tokenId: string;
  accountId: string;
  email: string;
}

/** The account of a usable token (known, this purpose, unused, unexpired, account open), or null. Reads only. */
export async function findUsableToken(db: DbOrTx, token: string, purpose: TokenPurpose, now: Date): Promise<TokenAccount | null> {
  const [row] = await db
    .select({ tokenId: accountTokens.id, accountId: accounts.id, email: accounts.email })
    .from(accountTokens)
    .innerJoin(accounts, eq(accounts.id, accountTokens.accountId))
    .where(
      and(
        eq(accountTokens.tokenHash, sha256(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
        isNull(accounts.closedAt),
      ),
    );
  return row ?? null;
}

/**
 * Uses a token (in the caller's transaction): marks it used if it still is usable, so two requests
 * with one token cannot both succeed. Returns false when it was not usable (any more).
 */
export async function consumeToken(tx: DbOrTx, tokenId: string, now: Date): Promise<boolean> {
  const used = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.id, tokenId), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .returning({ id: accountTokens.id });
  return used.length === 1;
}

export interface ResetRequest {
  email: string;
  now: Date;
  publicUrl: string;
  requestId?: string;
}

/**
 * A password-reset request, in the caller's transaction. Queues a reset mail when the address has
 * an open account that has a password or was invited, and it had fewer than RESETS_PER_HOUR reset
 * mails in the last hour. Both paths read the same and append one audit event, so that neither the
 * answer nor (much) its timing tells whether the address has an account.
 */
export async function requestPasswordReset(tx: DbOrTx, r: ResetRequest): Promise<'queued' | 'limited' | 'no_account'> {
  const [account] = await tx
    .select({
      id: accounts.id,
      email: accounts.email,
      displayName: accounts.displayName,
      closedAt: accounts.closedAt,
      hasPassword: sql<boolean>`${accounts.passwordHash} is not null`,
    })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, r.email.trim().toLowerCase()));
  const accountId = account?.id ?? '00000000-0000-0000-0000-000000000000';
  const since = new Date(r.now.getTime() - 3600_000);
  const [counts] = await tx
    .select({
      resets: count(sql`case when ${accountTokens.purpose} = 'password_reset' and ${accountTokens.createdAt} > ${since} then 1 end`),
      invitations: count(sql`case when ${accountTokens.purpose} = 'invitation' then 1 end`),
    })
    .from(accountTokens)
    .where(eq(accountTokens.accountId, accountId));
  const eligible = account && !account.closedAt && (account.hasPassword || (counts?.invitations ?? 0) > 0);
  const limited = eligible && (counts?.resets ?? 0) >= RESETS_PER_HOUR;
  const outcome = !eligible ? 'no_account' : limited ? 'limited' : 'queued';
  if (outcome === 'queued') {
    const t = await issueToken(tx, { accountId, purpose: 'password_reset', by: 'anonymous', now: r.now, ttlMs: PASSWORD_RESET_TTL_MS });
    await enqueueMail(tx, passwordResetMail({ to: account!.email, displayName: account!.displayName, link: tokenLink(r.publicUrl, PASSWORD_RESET_PAGE, t.token), expiresAt: t.expiresAt }), r.now);
  }
  await appendAudit(tx, {
    schoolId: null,
    actor: 'anonymous',
    action: outcome === 'limited' ? 'auth.password_reset_limited' : 'auth.password_reset_requested',
    subjectType: 'account',
    subjectId: eligible ? accountId : null,
    ...(outcome === 'queued' ? { fields: ['account_tokens'] } : {}),
    ...(r.requestId ? { requestId: r.requestId } : {}),
    at: r.now,
  });
  return outcome;
}
