// Search text for SQL LIKE / ILIKE: the user's %, _ and \ match themselves (PostgreSQL's default
// escape character is the backslash).
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
