// Failed sign-ins per e-mail address: after MAX_FAILURES within the window, that address is
// refused (429) until the window has passed, whether or not it has an account, so the limit
// tells nothing either. Per IP address, @fastify/rate-limit limits the sign-in route as well.
// The counts are per process: enough for one server; several processes each count their own.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export class SignInThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until this key may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const recent = this.#recent(key);
    return recent.length >= MAX_FAILURES ? recent[0]! + WINDOW_MS - this.now() : 0;
  }

  fail(key: string): void {
    const recent = this.#recent(key);
    recent.push(this.now());
    this.#failures.set(key, recent);
    if (this.#failures.size > 100_000) this.#sweep();
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    return (this.#failures.get(key) ?? []).filter((t) => t > since);
  }

  #sweep(): void {
    for (const key of [...this.#failures.keys()]) if (this.#recent(key).length === 0) this.#failures.delete(key);
  }
}
