// E-mail configuration: SMTP_URL (smtp://user:password@host:587, or smtps:// for port 465),
// MAIL_FROM, and POSTWIJZER_PUBLIC_URL, the address people open the links in mails at. Without
// SMTP_URL nothing is sent anywhere: mails wait in the outbox table (docs/operations.md).

export const DEFAULT_MAIL_FROM = 'Postwijzer <no-reply@postwijzer.local>';

export interface MailOptions {
  /** smtp://user:password@host:587 or smtps://...:465. Unset: mails stay in the outbox, unsent. */
  smtpUrl?: string;
  /** The sender. Default "Postwijzer <no-reply@postwijzer.local>". */
  from?: string;
  /** Where people open the links in mails (no trailing slash needed). Default http://localhost:<port>. */
  publicUrl?: string;
  /** How often mails that are due (new ones another process queued, retries) are looked for. Default 60 s. */
  sweepIntervalMs?: number;
}

export class MailConfigError extends Error {}

/** Checks an SMTP URL without ever quoting it (it may hold a password). */
export function assertSmtpUrl(url: string, name = 'SMTP_URL'): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new MailConfigError(`${name} is not a URL; use smtp://user:password@host:587 (or smtps://...:465).`);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new MailConfigError(`${name} must start with smtp:// or smtps://.`);
  if (!u.hostname) throw new MailConfigError(`${name} has no host name.`);
}

export function assertPublicUrl(url: string, name = 'POSTWIJZER_PUBLIC_URL'): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new MailConfigError(`${name} is not a URL; use the address people open Postwijzer at, e.g. https://postwijzer.school.nl.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new MailConfigError(`${name} must start with https:// (or http://).`);
}

/** MailOptions from SMTP_URL, MAIL_FROM and POSTWIJZER_PUBLIC_URL; empty values count as unset. */
export function mailOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): MailOptions {
  const opts: MailOptions = {};
  if (env.SMTP_URL) {
    assertSmtpUrl(env.SMTP_URL);
    opts.smtpUrl = env.SMTP_URL;
  }
  if (env.MAIL_FROM) opts.from = env.MAIL_FROM;
  if (env.POSTWIJZER_PUBLIC_URL) {
    assertPublicUrl(env.POSTWIJZER_PUBLIC_URL);
    opts.publicUrl = env.POSTWIJZER_PUBLIC_URL;
  }
  return opts;
}

/** One line for the start-up output: where mail goes. Never the user name or password of the URL. */
export function describeMail(opts: MailOptions | undefined): string {
  if (!opts?.smtpUrl) return 'E-mail: niet ingesteld (geen SMTP_URL); e-mails worden niet verstuurd maar blijven in de outbox staan.';
  try {
    const u = new URL(opts.smtpUrl);
    return `E-mail: via ${u.protocol === 'smtps:' ? 'SMTPS' : 'SMTP'} op ${u.host}`;
  } catch {
    return 'E-mail: via SMTP';
  }
}

/** The base of links in mails, without a trailing slash. */
export function linkBase(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}
