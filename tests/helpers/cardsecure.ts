/**
 * What the CardSecure iFrame does in the browser: the card number goes to (sandbox) CardSecure's tokenize endpoint,
 * `<origin>/sandbox/cardpointe/<site>-uat/cardsecure/api/v1/ccn/tokenize`, and the page gets a token. `fetchImpl` is
 * the browser's fetch when the test has one of its own.
 */
export async function cardSecureToken(
  tokenizeUrl: string,
  card = "4111111111111111",
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const res = await fetchImpl(tokenizeUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account: card, expiry: "1230" }),
  });
  const json = (await res.json()) as { token?: string };
  if (!json.token) throw new Error(`CardSecure refused: ${JSON.stringify(json)}`);
  return json.token;
}
