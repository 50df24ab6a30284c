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
  let value: T | undefined;
  beforeAll(async () => {
    value = await open();
  });
  afterAll(async () => {
    await value?.close();
    await closeDb();
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
