import type { Finding, Fix, Message, Severity, Span } from '../case.ts';

/** One finding; optional parts are left out rather than set to undefined. */
export function finding(
  rule: string,
  severity: Severity,
  code: string,
  message: Message,
  extra: { span?: Span; personId?: string; fix?: Fix } = {},
): Finding {
  const f: Finding = { rule, severity, code, message };
  if (extra.span) f.span = extra.span;
  if (extra.personId) f.personId = extra.personId;
  if (extra.fix) f.fix = extra.fix;
  return f;
}
