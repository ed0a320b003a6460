// A protocol as data: the engine reads article ids, our own short wording and the
// organisation's standard sentences from here, so another board's protocol is data, not code.

export interface Text {
  nl: string;
  en: string;
}

export interface Article {
  id: string;
  section: 'U' | 'R' | 'A' | 'B' | 'C' | 'D';
  title: Text;
  /** What the article asks, in our own words (not the board's text). */
  summary: Text;
  /** How Postwijzer supports it. */
  software: 'check' | 'flow' | 'record' | 'none' | 'shown';
}

/**
 * Which article each rule of the engine cites. A protocol that lacks a rule leaves it out, and the
 * engine then does not run that rule.
 */
export interface RuleArticles {
  scope?: string;
  lessonTime?: string;
  personalData?: string;
  /** Personal data when an employee writes in a private situation. */
  personalDataPrivateEmployee?: string;
  permanence?: string;
  mediaConsent?: string;
  connections?: string;
  decency?: string;
  criminal?: string;
  disclosureWork?: string;
  disclosurePrivate?: string;
  disclaimer?: string;
  reputationEmployeeWork?: string;
  reputationEmployeePrivate?: string;
  reputationOther?: string;
}

export interface ProtocolDefinition {
  id: string;
  name: string;
  adopted: string;
  organization: { name: string; aliases: string[] };
  /** Standard sentences; `{org}` is replaced by the organisation's name. */
  sentences: { disclosure: Text; disclaimer: Text };
  rules: RuleArticles;
  articles: Article[];
  /** Measures by severity (D.3, D.5), for the incident flows. */
  measures: { employee: string[]; studentOrGuardian: string[] };
  /** The national confidential inspector's phone number (D.2). */
  inspectorPhone?: string;
}
