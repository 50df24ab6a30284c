/** The gateway's response envelope: `{status, msg, data, total_count?}`; failures `{status:"failed", msg}`. */
export function ok(data: unknown, totalCount?: number): Response {
  const body: Record<string, unknown> = { status: "success", msg: "success", data };
  if (totalCount !== undefined) body.total_count = totalCount;
  return json(200, body);
}

/** Deletes answer `{status, msg}` without a `data` key, as the seed documents. */
export function okNoData(): Response {
  return json(200, { status: "success", msg: "success" });
}

export function fail(httpStatus: number, msg: string): Response {
  return json(httpStatus, { status: "failed", msg });
}

export function json(httpStatus: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status: httpStatus,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** A 4xx whose message names the bad field, thrown from deep validation and turned into `fail()` by the router. */
export class GatewayError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

export function badRequest(msg: string): GatewayError {
  return new GatewayError(400, `bad request error: ${msg}`);
}

export function notFound(what = "record"): GatewayError {
  return new GatewayError(404, `${what} not found`);
}
