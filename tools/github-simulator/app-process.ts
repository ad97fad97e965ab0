/**
 * Runs the real, built app as a child process (`npm start`, the way it runs in production) against the
 * simulator: a freshly generated RSA key, a webhook secret, GHE_HOST pointing at the simulator, HOST=127.0.0.1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export interface AppKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateAppKeys(): AppKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartAppOptions {
  cwd: string;
  appId: number;
  privateKeyPem: string;
  webhookSecret: string;
  /** `127.0.0.1:PORT` of the simulator. */
  gheHost: string;
  port?: number;
  logLevel?: string;
  /**
   * Command and arguments. Default: `npm start`; the environment variable CONTAINER_REVIEW_APP_COMMAND
   * (space-separated) overrides it, e.g. `node lib/src/github/server.js`.
   */
  command?: string[];
  extraEnv?: Record<string, string>;
  startTimeoutMs?: number;
}

export interface RunningApp {
  /** `http://127.0.0.1:PORT/api/github/webhooks` */
  webhookUrl: string;
  port: number;
  pid: number;
  /** Everything the app wrote to stdout and stderr so far. */
  output(): string;
  /** True once the process has exited (a crash shows here). */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** SIGTERM to the app's process group, SIGKILL after `killAfterMs` (default 5 s); resolves when it exited. */
  stop(killAfterMs?: number): Promise<void>;
}

/** How the app is started: `npm start` (as in production), unless overridden. */
export function appCommand(cwd: string): string[] {
  const override = process.env.CONTAINER_REVIEW_APP_COMMAND?.trim();
  if (override) return override.split(/\s+/);
  const pkgPath = join(cwd, "package.json");
  const pkg = existsSync(pkgPath) ? JSON.parse(readFileSync(pkgPath, "utf8")) : {};
  if (!pkg.scripts?.start) throw new Error(`${pkgPath} has no "start" script to run the app with`);
  return ["npm", "start", "--silent"];
}

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  const [command, ...args] = options.command ?? appCommand(options.cwd);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    APP_ID: String(options.appId),
    PRIVATE_KEY: options.privateKeyPem,
    WEBHOOK_SECRET: options.webhookSecret,
    PORT: String(port),
    HOST: "127.0.0.1",
    GHE_HOST: options.gheHost,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: options.logLevel ?? "info",
    LOG_FORMAT: "json",
    NODE_ENV: "production",
    NO_PROXY: "127.0.0.1,localhost",
    ...options.extraEnv,
  };
  // Its own process group, so that stop() ends npm and the node process it starts, and nothing else.
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );

  // If the parent goes away without calling stop() (a crashed test run), take the app with it.
  const killOnParentExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  process.once("exit", killOnParentExit);
  void exitedPromise.then(() => process.removeListener("exit", killOnParentExit));

  const stop = async (killAfterMs = 5000) => {
    if (exit) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, killAfterMs);
    await exitedPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exit) throw new Error(`the app exited during start-up (${JSON.stringify(exit)}):\n${output.slice(-4000)}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ping`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer /ping within the start timeout:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    port,
    pid: child.pid!,
    output: () => output,
    exited: () => exit,
    stop,
  };
}
