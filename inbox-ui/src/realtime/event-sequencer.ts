/**
 * Orders live events around a reconnect: while the catch-up request runs, live events are
 * held back; afterwards both are applied once each, in sequence order. Pure state, no I/O.
 */
export interface Sequenced {
  seq: number;
}

export class EventSequencer<E extends Sequenced> {
  private last: number | null = null;
  private catchingUp = false;
  private held: E[] = [];

  get lastSeq(): number | null {
    return this.last;
  }

  /** A live event arrived: returns what to apply now (nothing while catching up, or a repeat). */
  receive(event: E): E[] {
    if (this.catchingUp) {
      this.held.push(event);
      return [];
    }
    return this.accept([event]);
  }

  beginCatchUp(): void {
    this.catchingUp = true;
  }

  /** The catch-up answered (or failed, with no events): returns everything to apply, in order. */
  endCatchUp(missed: E[]): E[] {
    this.catchingUp = false;
    const pending = [...missed, ...this.held];
    this.held = [];
    return this.accept(pending);
  }

  private accept(events: E[]): E[] {
    const sorted = [...events].sort((a, b) => a.seq - b.seq);
    const out: E[] = [];
    for (const event of sorted) {
      if (this.last !== null && event.seq <= this.last) continue;
      this.last = event.seq;
      out.push(event);
    }
    return out;
  }
}
