// Demo data for the protocol: the demo board's current version ("2018") with a small official
// document made here (a one-page PDF written by hand), and confirmations by part of the demo staff
// (never by the people behind the demo sign-ins, so the demo shows both sides).
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/connection.ts';
import { isNotNull } from 'drizzle-orm';
import { accountRoles, acknowledgements, protocolDocuments, protocolVersions } from '../../db/schema/index.ts';
import type { DemoPlan } from '../demo/seed.ts';

/** PDF text strings: backslash and parentheses escaped, Latin-1 only. */
const pdfString = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, '?')})`;

/** A valid one-page PDF (Helvetica, A4) with these lines, the first one larger. */
export function minimalPdf(lines: string[]): Buffer {
  const text = lines
    .map((line, i) => (i === 0 ? `BT /F1 18 Tf 56 780 Td ${pdfString(line)} Tj ET` : `BT /F1 11 Tf 56 ${760 - i * 18} Td ${pdfString(line)} Tj ET`))
    .join('\n');
  const content = Buffer.from(text, 'latin1');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content.toString('latin1')}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const DEMO_PROTOCOL_VERSION = { version: '2018', adoptedOn: '2018-03-26' } as const;

/** The demo document: clearly a stand-in, not the board's text. */
export function demoProtocolPdf(boardName: string): Buffer {
  return minimalPdf([
    `Protocol sociale media - ${boardName}`,
    `Versie ${DEMO_PROTOCOL_VERSION.version}, vastgesteld op 26 maart 2018.`,
    '',
    'DEMO: dit bestand staat in voor het officiele document van het bestuur.',
    'In Postwijzer staan de artikelen in eigen, korte woorden met hun nummer (U.1 tot en met D.6).',
    '',
    'DEMO: this file stands in for the board\'s official document.',
  ]);
}

/** Adds the current version to the demo board, and confirmations by every other demo employee. */
export async function seedDemoProtocol(tx: DbOrTx, plan: DemoPlan): Promise<void> {
  // Run after the demo accounts: the people behind the sign-ins have not confirmed yet.
  const signInPeople = new Set((await tx.select({ personId: accountRoles.personId }).from(accountRoles).where(isNotNull(accountRoles.personId))).map((r) => r.personId!));
  const pdf = demoProtocolPdf(plan.board.name);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const [version] = await tx
    .insert(protocolVersions)
    .values({
      boardId: plan.board.id,
      protocolId: plan.board.protocolId ?? 'asko-2018',
      version: DEMO_PROTOCOL_VERSION.version,
      adoptedOn: DEMO_PROTOCOL_VERSION.adoptedOn,
      summary: 'De eerste versie van het protocol in Postwijzer. / The first version of the protocol in Postwijzer.',
      documentSha256: sha256,
      current: true,
    })
    .returning({ id: protocolVersions.id });
  await tx.insert(protocolDocuments).values({ versionId: version!.id, fileName: 'protocol-sociale-media-2018.pdf', size: pdf.length, sha256, bytes: pdf });
  const rows: (typeof acknowledgements.$inferInsert)[] = [];
  for (const s of plan.schools) {
    const staff = s.people.filter((p) => p.kind === 'employee' && !signInPeople.has(p.id));
    staff.forEach((p, i) => {
      if (i % 2 === 1) rows.push({ protocolVersionId: version!.id, personId: p.id });
    });
  }
  if (rows.length) await tx.insert(acknowledgements).values(rows);
}
