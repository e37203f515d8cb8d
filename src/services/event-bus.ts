import type { EventBus, StoredEvent } from './ports.js';

/** In-process bus: events are already durable in the events table when published. */
export function createEventBus(): EventBus {
  const listeners = new Set<(e: StoredEvent) => void>();
  return {
    publish(events) {
      for (const e of events) for (const l of listeners) l(e);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
