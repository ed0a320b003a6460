/** Bad input or usage: the CLI prints the message as one sentence and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
