/** Helpers for tests against real HTTP servers on 127.0.0.1. */
import { createServer as createNetServer } from "node:net";

export interface HttpAnswer {
  status: number;
  contentType: string | null;
  body: string;
}

export async function httpGet(url: string, method = "GET"): Promise<HttpAnswer> {
  const res = await fetch(url, { method });
  return { status: res.status, contentType: res.headers.get("content-type"), body: await res.text() };
}

/** A port that was free a moment ago (Probot's Server treats port 0 as "use 3000"). */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
