import { afterAll, beforeAll, it } from "vitest";

/**
 * Adapter contract suites run the same test bodies against several targets: the embedded emulator over real HTTP
 * (always) and the real service when its credentials are set in the environment. A case is declared with one of the
 * gates `connectGates` returns:
 *
 * - `live`: runs wherever the target is configured (emulator always, real service when its env vars are set);
 * - `sandboxOnly`: runs only where the emulator's control plane exists (`_control` hooks, forced settlement, fault
 *   injection, emulator-only test data) — skipped on a real service with that reason.
 *
 * Skipped cases are never counted as passed: vitest reports them as skipped, and their number and reason are printed
 * once the suite is collected (vitest runs no hooks in a suite whose tests are all skipped, so not in afterAll).
 */
export interface ContractTarget {
  name: string;
  /** False when the target's credentials are not set: every case on it is skipped. */
  enabled: boolean;
  /** True for the emulator: cases that need its control plane run only here. */
  hasControl: boolean;
  /** What to set to run the target (printed with the skip count when it is off). */
  enableWith?: string;
}

export function connectGates(
  target: ContractTarget,
  controlReason = "they need the emulator's control plane (_control hooks, settlement, faults, test data)",
): { live: typeof it; sandboxOnly: typeof it; skipped: readonly string[] } {
  const skipped: string[] = [];
  // Printed once collection has registered the cases (a timer re-armed on each skip, so cases declared in nested
  // describe blocks, collected later, are counted too).
  let notice: ReturnType<typeof setTimeout> | undefined;
  const announce = () => {
    clearTimeout(notice);
    notice = setTimeout(() => {
      console.warn(
        `[contract] ${target.name}: ${skipped.length} case(s) skipped — ${
          target.enabled ? controlReason : `set ${target.enableWith ?? "the target's credentials"} to run them`
        }`,
      );
    }, 0);
  };
  const gated = (skip: boolean): typeof it => {
    const base = it.skipIf(skip);
    return ((name: string, ...rest: unknown[]) => {
      if (skip) {
        skipped.push(name);
        announce();
      }
      return (base as (...a: unknown[]) => void)(name, ...rest);
    }) as unknown as typeof it;
  };
  return {
    live: gated(!target.enabled),
    sandboxOnly: gated(!target.enabled || !target.hasControl),
    skipped,
  };
}

/**
 * A target for one describe block: `ctx` is set up before its tests (when the target is configured) and closed
 * after them; the gates of `connectGates`, and `control()`, the emulator's control plane (only call it inside a
 * `sandboxOnly` case).
 */
export function connectTarget<C extends { close?: () => Promise<void>; control?: unknown }>(
  target: ContractTarget & { setup(): Promise<C> },
  controlReason?: string,
) {
  const ctx = {} as C;
  beforeAll(async () => {
    if (target.enabled) Object.assign(ctx, await target.setup());
  });
  afterAll(async () => {
    await ctx.close?.();
  });
  const control = (): NonNullable<C["control"]> => {
    if (!ctx.control) throw new Error("this case needs the emulator's control plane");
    return ctx.control as NonNullable<C["control"]>;
  };
  return { ctx, control, ...connectGates(target, controlReason) };
}

/** True when every named environment variable is set and non-empty (tests may read process.env; lib code may not). */
export function envSet(...names: string[]): boolean {
  return names.every((n) => Boolean(process.env[n]?.trim()));
}
