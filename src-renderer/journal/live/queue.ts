// Edits of one cell (lesson, term mark) leave this page one after another: the next is sent
// once the previous is answered, so it names the version that answer brought. Sent together,
// both would name the same version and the second would be refused as stale by the host.

export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs send after every earlier run on any of these keys has settled (succeeded or not). */
  run<T>(keys: readonly string[], send: () => Promise<T>): Promise<T> {
    const earlier = keys.flatMap((k) => this.tails.get(k) ?? []);
    const result = earlier.length ? Promise.allSettled(earlier).then(send) : send();
    const tail = result.catch(() => undefined);
    for (const k of keys) this.tails.set(k, tail);
    void tail.then(() => {
      for (const k of keys) if (this.tails.get(k) === tail) this.tails.delete(k);
    });
    return result;
  }

  /** Keys with a write still waiting or in flight. */
  busy(): number {
    return this.tails.size;
  }
}
