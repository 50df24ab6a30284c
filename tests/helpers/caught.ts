/** The error `p` rejects with, to assert on its class and fields; throws when `p` resolves instead. */
export async function caught<T>(p: Promise<T>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}
