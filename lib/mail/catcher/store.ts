import { randomUUID } from "node:crypto";

/** What the demo mail catcher keeps of one received message (in memory, newest last). */
export interface CaughtMessage {
  id: string;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  size: number;
}

export class MessageStore {
  private readonly items: CaughtMessage[] = [];
  constructor(private readonly limit = 500) {}

  add(m: Omit<CaughtMessage, "id" | "receivedAt">): CaughtMessage {
    const full = { ...m, id: randomUUID(), receivedAt: new Date().toISOString() };
    this.items.push(full);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    return full;
  }

  /** Newest first; optionally only messages whose envelope recipients include `to` (case-insensitive). */
  list(to?: string): CaughtMessage[] {
    const want = to?.trim().toLowerCase();
    const all = want ? this.items.filter((m) => m.envelopeTo.includes(want)) : this.items;
    return [...all].reverse();
  }

  get(id: string): CaughtMessage | undefined {
    return this.items.find((m) => m.id === id);
  }

  clear(): void {
    this.items.length = 0;
  }
}
