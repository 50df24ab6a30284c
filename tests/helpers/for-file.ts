import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";

interface Closable {
  close(): Promise<void>;
}

/**
 * The usual test-file setup in one line: `const w = openForFile(makeWorld)` opens the world (a harness, a served
 * origin…) before the file's tests, and closes it and then the database pool after them.
 *
 * The returned object stands for the value `open()` resolves to (reads and writes go to it); using it before
 * `beforeAll` has run throws.
 * Other `afterAll` hooks the file registers later run before this one (vitest runs after-hooks as a stack), so
 * they can still use the value.
 */
export function openForFile<T extends Closable>(open: () => Promise<T>): T {
  // Registered first, so it runs last: after the value is closed.
  afterAll(async () => {
    await closeDb();
  });
  return openForBlock(open);
}

/**
 * `openForFile` for one `describe` block (or a file that closes the pool itself): opens the value before the
 * block's tests and closes it after them, and leaves the database pool open.
 */
export function openForBlock<T extends Closable>(open: () => Promise<T>): T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await open();
  });
  afterAll(async () => {
    await value?.close();
  });
  const opened = (key: PropertyKey): T => {
    if (!value) throw new Error(`used .${String(key)} before the file's beforeAll opened it`);
    return value;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const target = opened(key);
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === "function" ? v.bind(target) : v;
    },
    set: (_, key, v) => Reflect.set(opened(key), key, v),
    has: (_, key) => key in opened(key),
  });
}
