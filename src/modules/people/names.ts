// A person's name as people write it: given name, prefix ("van der"), family name.
export interface NameParts {
  givenName: string;
  prefix?: string | null;
  familyName: string;
}

export function fullName(p: NameParts): string {
  return [p.givenName, p.prefix, p.familyName].filter(Boolean).join(' ');
}
