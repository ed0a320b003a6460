// A real SMTP server on loopback for tests (smtp-server): it keeps every message it receives, and
// helpers read the text part and wait for a message to arrive.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestSmtp {
  url: string;
  inbox: ReceivedMail[];
  mailsTo(address: string): ReceivedMail[];
  /** Waits until `address` has received `n` mails, and gives the n-th one's text. */
  nthMail(address: string, n?: number, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const inbox: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const port = (smtp.server.address() as AddressInfo).port;
  const mailsTo = (address: string) => inbox.filter((m) => m.to.includes(address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    mailsTo,
    async nthMail(address, n = 1, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (mailsTo(address).length < n) {
        if (Date.now() > until) throw new Error(`no mail number ${n} arrived (got ${mailsTo(address).length})`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return textOf(mailsTo(address)[n - 1]!.raw);
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** The decoded text/plain part of a raw message (quoted-printable, base64 or plain). */
export function textOf(raw: string): string {
  const lines = raw.split(/\r?\n/);
  let i = lines.findIndex((l) => /^content-type:\s*text\/plain/i.test(l));
  if (i === -1) throw new Error('no text/plain part');
  let encoding = '7bit';
  for (; i < lines.length && lines[i] !== ''; i++) {
    const m = /^content-transfer-encoding:\s*(\S+)/i.exec(lines[i]!);
    if (m) encoding = m[1]!.toLowerCase();
  }
  const body: string[] = [];
  for (i += 1; i < lines.length && !lines[i]!.startsWith('--'); i++) body.push(lines[i]!);
  if (encoding === 'base64') return Buffer.from(body.join(''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const soft = body.join('\n').replace(/=\n/g, '');
    const bytes: number[] = [];
    for (let j = 0; j < soft.length; j++) {
      if (soft[j] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(j + 1, j + 3))) {
        bytes.push(parseInt(soft.slice(j + 1, j + 3), 16));
        j += 2;
      } else bytes.push(...Buffer.from(soft[j]!, 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body.join('\n');
}
