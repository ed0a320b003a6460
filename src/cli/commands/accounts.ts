// postwijzer accounts invite --school ID|BRIN --email E --name N --role R [--person ID]
// postwijzer accounts list --school ID|BRIN
// Invites someone to a school (any role: this is how a school's first director or HR gets in) and
// lists a school's accounts. The invitation is queued in the outbox; with SMTP_URL set it is sent
// right away, otherwise it waits there until a server with e-mail sends it. Acts as "cli" in the
// audit trail.
import { parseArgs } from 'node:util';
import type { Role } from '../../policies/roles.ts';
import { isRole, ROLES } from '../../policies/roles.ts';
import { UsageError } from '../errors.ts';

export const summary = 'invite someone to a school, or list a school’s accounts';

const USAGE =
  'use "postwijzer accounts invite --school ID|BRIN --email E --name N --role R [--person ID]" or "postwijzer accounts list --school ID|BRIN"';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'invite' && sub !== 'list') throw new UsageError(sub === undefined ? `say what to do: ${USAGE}.` : `unknown "accounts ${sub}"; ${USAGE}.`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { school: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, person: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length) throw new UsageError(`unexpected "${positionals[0]}"; ${USAGE}.`);
  if (!values.school?.trim()) throw new UsageError(`--school is required (the school's id or BRIN); ${USAGE}.`);
  if (sub === 'list') {
    for (const o of ['email', 'name', 'role', 'person'] as const) if (values[o] !== undefined) throw new UsageError(`"accounts list" takes only --school, not --${o}.`);
    return list(values.school);
  }
  const email = values.email?.trim() ?? '';
  if (!EMAIL.test(email)) throw new UsageError(values.email === undefined ? '--email is required.' : `--email must be an e-mail address, not "${values.email}".`);
  const name = values.name?.trim() ?? '';
  if (!name) throw new UsageError('--name is required (the name people see, e.g. "Karim El Amrani").');
  if (name.length > 200) throw new UsageError('--name is too long: at most 200 characters.');
  const role = values.role ?? '';
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}${values.role === undefined ? '' : `, not "${values.role}"`}.`);
  if (values.person !== undefined && !UUID.test(values.person)) throw new UsageError(`--person takes a person id (a UUID), not "${values.person}".`);
  return invite({ school: values.school, email, name, role, person: values.person ?? null });
}

async function openSchool(idOrBrin: string) {
  const { migrate, openDatabase } = await import('../../db/connection.ts');
  const { findSchool } = await import('../../modules/accounts/list.ts');
  const database = await openDatabase();
  try {
    await migrate(database);
    const school = await findSchool(database.db, idOrBrin);
    if (!school) throw new UsageError(`there is no school with id or BRIN "${idOrBrin}".`);
    return { database, school };
  } catch (e) {
    await database.close();
    throw e;
  }
}

async function invite(a: { school: string; email: string; name: string; role: Role; person: string | null }): Promise<number> {
  const { mailOptionsFromEnv, MailConfigError } = await import('../../modules/mail/config.ts');
  let mail;
  try {
    mail = mailOptionsFromEnv();
  } catch (e) {
    if (e instanceof MailConfigError) throw new UsageError(e.message);
    throw e;
  }
  const { InvitationError, inviteToSchool } = await import('../../modules/accounts/invitations.ts');
  const { Mailer } = await import('../../modules/mail/mailer.ts');
  const { database, school } = await openSchool(a.school);
  try {
    const publicUrl = mail.publicUrl ?? `http://localhost:${process.env.PORT || 3000}`;
    let result;
    try {
      result = await database.db.transaction((tx) =>
        inviteToSchool(tx, { schoolId: school.id, email: a.email, displayName: a.name, role: a.role, personId: a.person, by: 'cli', now: new Date(), publicUrl }),
      );
    } catch (e) {
      if (e instanceof InvitationError) throw new UsageError(e.message.replace(/\.$/, '') + '.');
      throw e;
    }
    const what = result.invited
      ? `${result.created ? 'Account created' : 'Account without a password yet'}, role ${a.role} at ${school.brin} (${school.name}); an invitation link (valid 7 days) was queued`
      : `Existing account given the role ${a.role} at ${school.brin} (${school.name})${result.mailQueued ? '; a notice was queued' : ' (it had that role already)'}`;
    process.stdout.write(`${what}. Account id: ${result.accountId}\n`);
    if (result.mailQueued) {
      if (mail.smtpUrl) {
        const mailer = new Mailer(database.db, mail);
        try {
          const r = await mailer.drain();
          process.stdout.write(r.failed || !r.sent ? 'The e-mail could not be sent yet; it stays in the outbox and a server with SMTP_URL tries again.\n' : 'The e-mail was sent.\n');
        } finally {
          await mailer.close();
        }
      } else {
        process.stdout.write('E-mail is not configured (SMTP_URL): the e-mail waits in the outbox until a server with SMTP_URL sends it.\n');
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

async function list(idOrBrin: string): Promise<number> {
  const { listSchoolAccounts } = await import('../../modules/accounts/list.ts');
  const { database, school } = await openSchool(idOrBrin);
  try {
    const rows = await listSchoolAccounts(database.db, school.id);
    process.stdout.write(`${rows.length} account${rows.length === 1 ? '' : 's'} at ${school.brin} (${school.name}):\n`);
    for (const r of rows) {
      const state = [
        r.closedAt ? 'closed' : r.hasPassword ? 'active' : 'invited',
        r.secondFactorEnrolled ? '2FA' : null,
        r.lastSignInAt ? `last sign-in ${r.lastSignInAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never signed in',
      ].filter(Boolean);
      process.stdout.write(`  ${r.id}  ${r.displayName} <${r.email}>  ${r.roles.join(', ')}  (${state.join('; ')})\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
