import { handler } from "@portal/sandbox/copilot";
import { serve, type Served } from "@/tests/helpers/serve";

export const TOKEN_PATH = "/sandbox/copilot/accounts/auth/realms/cardconnect/protocol/openid-connect/token";

export interface Credentials {
  username: string;
  password: string;
  client_secret: string;
  template_id: number;
}

export interface Harness {
  server: Served;
  creds: Credentials;
  token: string;
  /** Calls the API host with a bearer token and the version header. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  control(path: string, body: unknown): Promise<Response>;
  tokenRequest(fields: Record<string, string>): Promise<Response>;
  fetchToken(): Promise<string>;
  advanceClock(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** One server and one fresh API user per test file (files share the database, never an account). */
export async function harness(): Promise<Harness> {
  const server = await serve(handler);
  const control = (path: string, body: unknown) =>
    fetch(`${server.url}/sandbox/copilot/_control${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const creds = (await (await control("/users", {})).json()) as Credentials;
  const tokenRequest = (fields: Record<string, string>) =>
    fetch(server.url + TOKEN_PATH, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  const fetchToken = async () => {
    const r = await tokenRequest({
      grant_type: "password",
      client_id: "merchapi",
      client_secret: creds.client_secret,
      username: creds.username,
      password: creds.password,
    });
    return ((await r.json()) as { access_token: string }).access_token;
  };
  const h: Harness = {
    server,
    creds,
    token: await fetchToken(),
    api: (method, path, body, headers = {}) =>
      fetch(`${server.url}/sandbox/copilot/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${h.token}`,
          "x-copilotapi-version": "1.0",
          "content-type": "application/json",
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    control,
    tokenRequest,
    fetchToken,
    advanceClock: async (seconds) => {
      const r = await control("/clock", { username: creds.username, advance_seconds: seconds });
      if (r.status !== 200) throw new Error(`clock: ${r.status} ${await r.text()}`);
      // Tokens live on the same clock: take a fresh one so the test keeps talking.
      h.token = await fetchToken();
    },
    close: () => server.close(),
  };
  return h;
}

/** A complete application (every field the signature step needs), valid by CoPilot's rules. */
export function application(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dbaName: "Corner Bakery",
    legalBusinessName: "Corner Bakery LLC",
    akaBusinessName: "The Bakery",
    taxFilingName: "Corner Bakery LLC",
    taxFilingMethod: "EIN",
    businessStartDate: "04/15/2015",
    demographic: {
      businessIncorporatedStateCd: "CO",
      merchantTimeZone: "MT",
      websiteAddress: "www.cornerbakery.test",
      businessPhone: "303-555-0100",
      businessAddress: { address1: "1 Main St", city: "Denver", stateCd: "CO", zip: "80202", countryCd: "US" },
      mailingAddress: { address1: "1 Main St", city: "Denver", stateCd: "CO", zip: "80202", countryCd: "US" },
    },
    ownership: {
      owner: {
        ownerName: "Jane Baker",
        ownerEmail: "jane@cornerbakery.test",
        ownerDob: "07/04/1980",
        ownerPhone: "303-555-0101",
        ownerSSN: "123-45-6789",
        ownerTitle: "OWNER",
        ownerAddress: { address1: "9 Elm St", city: "Denver", stateCd: "CO", zip: "80203", countryCd: "US" },
      },
      ownershipTypeCd: "LLC",
      ownerOwnershipPct: 60,
      additionalOwners: [
        {
          ownerFirstName: "John",
          ownerLastName: "Baker",
          ownerPhone: "303-555-0102",
          ownerSSN: "987-65-4321",
          ownershipPct: 40,
        },
      ],
      driversLicenseNumber: "D1234567",
      driversLicenseStateCd: "CO",
    },
    bankDetail: {
      depositBank: {
        bankAcctNum: "000123456789",
        bankRoutingNum: "021000021",
        bankAcctTypeCd: "BIZ",
        bankName: "First Test Bank",
      },
    },
    merchantContactInfo: {
      contactName: "Jane Baker",
      contactEmail: "jane@cornerbakery.test",
      contactPhone: "303-555-0101",
    },
    processing: {
      platformDetails: { taxId: "841234567", mccId: "5462", businessDescription: "Bakery" },
      modeOfTransaction: { eCommercePct: 10, keyedPct: 0, mailOrderPct: 0, swipedPct: 90 },
    },
    ...overrides,
  };
}

export const ownerSiteUser = { firstName: "Jane", lastName: "Baker", email: "jane@cornerbakery.test" };

export async function createMerchant(h: Harness, merchant = application()): Promise<string> {
  const r = await h.api("POST", "/merchant", { templateId: h.creds.template_id, merchant, ownerSiteUser });
  const body = (await r.json()) as { merchantId: string; errors: unknown };
  if (r.status !== 200) throw new Error(`create merchant: ${r.status} ${JSON.stringify(body)}`);
  return body.merchantId;
}
