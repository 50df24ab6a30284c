import type { CoPilotUser } from "./users";

/** What an authenticated API route receives. */
export interface ApiContext {
  req: Request;
  user: CoPilotUser;
  params: string[];
  origin: string;
  query: URLSearchParams;
}

export type ApiRoute = (ctx: ApiContext) => Promise<Response>;
