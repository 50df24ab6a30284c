import { request } from "node:http";

/** fetch() refuses TRACE (a forbidden method), so the 405 check speaks plain HTTP. */
export function trace(url: string): Promise<{ status: number; allow: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "TRACE" }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow }));
    });
    req.on("error", reject);
    req.end();
  });
}
