// The check-case contract (shared contracts/CHECK-CASE.md): input and output of a check,
// validated with zod so that every entry point (CLI, HTTP, browser) rejects the same bad input
// with the same messages.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
// A moment: ISO 8601 date and time, with an offset or Z. Without one it is read in the school's
// time zone (documented in docs/check-engine.md).
const isoMoment = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i,
    'expected a date and time such as 2026-11-26T16:05:00+01:00',
  );
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time as HH:MM');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const MEDIA_KINDS = ['photo', 'video', 'audio'] as const;
export const ROLES = ['student', 'employee', 'guardian', 'other'] as const;
export const CONSENT_CHANNELS = ['school_social_media', 'school_website', 'newsletter', 'personal_social_media'] as const;

const personBase = {
  id: nonEmpty,
  givenName: nonEmpty,
  prefix: z.string().optional(),
  familyName: nonEmpty,
  nicknames: z.array(nonEmpty).optional(),
  birthDate: isoDate.optional(),
};

export const personSchema = z.discriminatedUnion('kind', [
  z.object({ ...personBase, kind: z.literal('student'), group: z.string().optional() }),
  z.object({
    ...personBase,
    kind: z.literal('employee'),
    function: z.string().optional(),
    groups: z.array(z.string()).optional(),
  }),
  z.object({ ...personBase, kind: z.literal('guardian'), guardianOf: z.array(nonEmpty).optional() }),
  z.object({ ...personBase, kind: z.literal('other') }),
]);

const timetableSchema = z.record(
  z.string().regex(/^[1-7]$/, 'weekday keys are ISO weekdays 1 (Monday) to 7 (Sunday)'),
  z.array(z.tuple([hhmm, hhmm])),
);

export const DEFAULT_TIMETABLE: Record<string, [string, string][]> = {
  '1': [['08:30', '14:30']],
  '2': [['08:30', '14:30']],
  '3': [['08:30', '12:15']],
  '4': [['08:30', '14:30']],
  '5': [['08:30', '14:30']],
};

/** The finer categories of the abuse detector (text/abuse.ts AbuseCategory). */
export const ABUSE_CATEGORIES = [
  'insult', 'slur', 'curse', 'dehumanising', 'death_wish', 'threat', 'sexual', 'sextortion',
  'humiliation', 'exclusion', 'defamation', 'doxxing', 'stalking',
] as const;
/** The category a decency finding carries (docs/check-engine.md maps the finer ones onto these). */
export const DECENCY_CATEGORIES = ['insult', 'slur', 'threat', 'sexual', 'exclusion', 'humiliation', 'defamation', 'doxxing'] as const;

/**
 * A school's own decency terms, an extension of the contract: terms added to the built-in
 * lexicon (found like its insults, reported with their category) and terms removed from it
 * (never a hit by themselves). Prepared once per school.
 */
export const decencyTermsSchema = z.object({
  add: z.array(z.object({
    term: nonEmpty.max(100, 'a term has at most 100 characters'),
    category: z.enum(ABUSE_CATEGORIES),
    note: z.string().optional(),
  })).max(5000, 'at most 5,000 added terms').optional(),
  remove: z.array(nonEmpty.max(100, 'a term has at most 100 characters')).max(5000, 'at most 5,000 removed terms').optional(),
});

export const schoolSchema = z.object({
  name: z.string().default(''),
  aliases: z.array(z.string()).optional(),
  contact: z.object({ phone: z.string().optional(), email: z.string().optional() }).optional(),
  timezone: z.string().default('Europe/Amsterdam'),
  timetable: timetableSchema.optional(),
  holidays: z.array(z.tuple([isoDate, isoDate])).optional(),
  /**
   * Consent channels of the school's own (a school app, a class blog), by the code a post names
   * in channel.platform. An extension of the contract; the four standard channels need no listing.
   */
  consentChannels: z.array(z.string()).optional(),
  /** The school's own decency terms (A.7): see decencyTermsSchema. */
  decency: decencyTermsSchema.optional(),
});

export const organizationSchema = z.object({
  name: nonEmpty,
  aliases: z.array(z.string()).optional(),
  disclosure: z.string().optional(),
  disclaimer: z.string().optional(),
});

export const consentSchema = z.object({
  personId: nonEmpty,
  channel: nonEmpty, // the four standard channels, or a channel a school adds
  media: z.array(z.enum(MEDIA_KINDS)).min(1, 'name at least one media kind'),
  validFrom: isoDate.optional(),
  validUntil: isoDate.optional(),
  status: z.enum(['granted', 'refused', 'revoked']),
});

export const permissionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lesson_time'),
    personId: nonEmpty,
    from: isoMoment,
    until: isoMoment,
    grantedBy: z.string().optional(),
    reason: z.string().optional(),
  }),
  z.object({
    kind: z.literal('school_project'),
    personId: nonEmpty,
    studentIds: z.array(nonEmpty),
    project: z.string().optional(),
    from: isoDate,
    until: isoDate,
  }),
]);

export const mediaItemSchema = z.object({
  kind: z.enum(MEDIA_KINDS),
  people: z.array(nonEmpty).default([]),
  unidentifiedPeople: z.number().int().min(0).default(0),
  blurred: z.array(z.string()).optional(),
  /** The upload this item is (an extension of the contract: the server fills people from its tags). */
  mediaId: z.string().optional(),
});

export const postSchema = z.object({
  author: z.union([
    z.object({ personId: nonEmpty }),
    z.object({ role: z.enum(ROLES) }),
  ], { error: 'give either { "personId": ... } or { "role": "student" | "employee" | "guardian" | "other" }' }),
  situation: z.enum(['work', 'private']).default('private'),
  channel: z.object({ kind: z.enum(['school', 'personal']), platform: z.string().optional() }),
  at: isoMoment.optional(),
  text: z.string().default(''),
  media: z.array(mediaItemSchema).default([]),
  connections: z.array(z.string()).optional(),
});

export const caseSchema = z
  .object({
    protocol: z.string().default('asko-2018'),
    organization: organizationSchema.optional(),
    school: schoolSchema.default({ name: '', timezone: 'Europe/Amsterdam' }),
    roster: z.array(personSchema).default([]),
    consents: z.array(consentSchema).default([]),
    permissions: z.array(permissionSchema).default([]),
    post: postSchema,
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.roster.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['roster', i, 'id'], message: `duplicate person id "${p.id}"` });
      ids.add(p.id);
    });
    const author = c.post.author;
    if ('personId' in author && !ids.has(author.personId)) {
      ctx.addIssue({ code: 'custom', path: ['post', 'author', 'personId'], message: `no person with id "${author.personId}" in the roster` });
    }
  });

export type Person = z.infer<typeof personSchema>;
export type School = z.infer<typeof schoolSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type Consent = z.infer<typeof consentSchema>;
export type Permission = z.infer<typeof permissionSchema>;
export type MediaItem = z.infer<typeof mediaItemSchema>;
export type Post = z.infer<typeof postSchema>;
export type CheckCase = z.infer<typeof caseSchema>;
export type CaseInput = z.input<typeof caseSchema>;
export type Role = (typeof ROLES)[number];
export type MediaKind = (typeof MEDIA_KINDS)[number];

// ---- Result -------------------------------------------------------------------------------

// One schema for the result: the TypeScript types below come from it, and the HTTP API's OpenAPI
// description uses it too.
export const VERDICTS = ['out_of_scope', 'allowed', 'allowed_with_changes', 'needs_review', 'not_allowed'] as const;
export const SEVERITIES = ['block', 'fix', 'review', 'info'] as const;

const spanSchema = z.tuple([z.number().int(), z.number().int()]).describe('UTF-16 offsets in post.text, end exclusive');
export const messageSchema = z.object({ nl: z.string(), en: z.string() });

export const fixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('replace'), span: spanSchema, text: z.string() }),
  z.object({ kind: z.literal('append'), text: z.string(), role: z.enum(['disclosure', 'disclaimer']).optional() }),
  z.object({ kind: z.literal('reschedule'), at: z.string() }),
  z.object({ kind: z.literal('blur'), media: z.number().int(), people: z.array(z.string()), unidentified: z.boolean() }),
]);

export const findingSchema = z.object({
  rule: z.string().describe('article id of the protocol, such as A.2'),
  severity: z.enum(SEVERITIES),
  code: z.string().describe('stable finding code, such as personal.name'),
  message: messageSchema,
  span: spanSchema.optional(),
  personId: z.string().optional(),
  fix: fixSchema.optional(),
  category: z.enum(DECENCY_CATEGORIES).optional().describe('decency findings only: what kind of abuse (insult, slur, threat, ...)'),
});

export const checkResultSchema = z.object({
  verdict: z.enum(VERDICTS),
  protocol: z.string(),
  findings: z.array(findingSchema),
});

export type Verdict = (typeof VERDICTS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Span = [number, number];
export type Message = z.infer<typeof messageSchema>;
export type Fix = z.infer<typeof fixSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
export type DecencyCategory = (typeof DECENCY_CATEGORIES)[number];
export type DecencyTerms = z.infer<typeof decencyTermsSchema>;

// ---- Validation errors with JSON paths ----------------------------------------------------

export interface CaseIssue {
  path: string;
  message: string;
}

export class CaseValidationError extends Error {
  readonly issues: CaseIssue[];
  constructor(issues: CaseIssue[]) {
    super(
      issues.length === 1
        ? `invalid case: ${formatIssue(issues[0]!)}`
        : `invalid case (${issues.length} problems): ${issues.map(formatIssue).join('; ')}`,
    );
    this.name = 'CaseValidationError';
    this.issues = issues;
  }
}

function formatIssue(i: CaseIssue): string {
  return i.path ? `${i.path}: ${i.message}` : i.message;
}

/** JSON path of a zod issue, written as `$.post.media[0].kind`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return s;
}

export function parseCase(input: unknown): CheckCase {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CaseValidationError([{ path: '$', message: 'a case is a JSON object with at least a "post"' }]);
  }
  const r = caseSchema.safeParse(input);
  if (!r.success) {
    throw new CaseValidationError(
      r.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })),
    );
  }
  return r.data;
}
