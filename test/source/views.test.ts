/**
 * The source views renderers read through: nothing above the root is readable (paths or links),
 * blobs are fetched once per SHA with bounded concurrency, and a git revision lists its tree.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DiskSourceView } from "../../src/source/disk.js";
import { gitSourceView } from "../../src/source/git.js";
import { TreeSourceView } from "../../src/source/tree.js";
import { joinPath, MemorySourceView, normalizePath } from "../../src/source/view.js";

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cr-view-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("paths", () => {
  it.each([
    ["a/./b//c", "a/b/c"],
    ["./a/b/../c", "a/c"],
    ["/a", "a"],
    ["a/..", ""],
    ["..", undefined],
    ["a/../../b", undefined],
  ])("normalizePath(%j) = %j", (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });
  it("joinPath refuses absolute and escaping paths", () => {
    expect(joinPath("overlays/prod", "../../base")).toBe("base");
    expect(joinPath("overlays/prod", "../../../etc/passwd")).toBeUndefined();
    expect(joinPath("overlays/prod", "/etc/passwd")).toBeUndefined();
  });
});

describe("DiskSourceView", () => {
  it("reads files and lists folders inside the root only; links out of the root are missing", async () => {
    mkdirSync(join(dir, "repo/base"), { recursive: true });
    writeFileSync(join(dir, "repo/base/a.yaml"), "a: 1\n");
    writeFileSync(join(dir, "secret.txt"), "token\n");
    symlinkSync(join(dir, "secret.txt"), join(dir, "repo/base/leak.txt"));
    symlinkSync(join(dir, "repo/base/a.yaml"), join(dir, "repo/inside.yaml"));
    const view = new DiskSourceView(join(dir, "repo"));
    expect(text(await view.readFile("base/a.yaml"))).toBe("a: 1\n");
    expect(text(await view.readFile("inside.yaml"))).toBe("a: 1\n");
    expect(await view.readFile("../secret.txt")).toBeUndefined();
    expect(await view.readFile("base/leak.txt")).toBeUndefined();
    expect(await view.stat("base")).toBe("dir");
    expect(await view.list("base")).toEqual([{ name: "a.yaml", type: "file" }]);
    expect(await view.list("")).toEqual([
      { name: "base", type: "dir" },
      { name: "inside.yaml", type: "file" },
    ]);
  });

  it("refuses a file over its size limit with an error that names it", async () => {
    writeFileSync(join(dir, "big.yaml"), "x".repeat(2000));
    const view = new DiskSourceView(dir, 1000);
    await expect(view.readFile("big.yaml")).rejects.toThrow("big.yaml: 2000 bytes is more than the 1000-byte limit");
  });
});

describe("TreeSourceView", () => {
  it("fetches each blob once, shares the cache between views, and never runs more fetches than allowed", async () => {
    let active = 0;
    let peak = 0;
    const fetched: string[] = [];
    const fetchBlob = async (entry: { sha: string }) => {
      active += 1;
      peak = Math.max(peak, active);
      fetched.push(entry.sha);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
      return new TextEncoder().encode(`content of ${entry.sha}`);
    };
    const cache = new Map<string, Promise<Uint8Array>>();
    const files = Array.from({ length: 20 }, (_, i) => ({ path: `d/f${i}.yaml`, sha: `sha${i}` }));
    const head = new TreeSourceView("head", { files }, fetchBlob, cache, { concurrency: 3 });
    const base = new TreeSourceView("base", { files: [{ path: "old/name.yaml", sha: "sha0" }] }, fetchBlob, cache, { concurrency: 3 });
    await Promise.all(files.map((f) => head.readFile(f.path)));
    expect(text(await base.readFile("old/name.yaml"))).toBe("content of sha0");
    expect(fetched.sort()).toEqual(files.map((f) => f.sha).sort());
    expect(peak).toBeLessThanOrEqual(3);
    expect(await head.list("d")).toHaveLength(20);
    expect(await head.stat("d")).toBe("dir");
    expect(await head.readFile("d/missing.yaml")).toBeUndefined();
    expect(head.blobSha("d/f3.yaml")).toBe("sha3");
  });

  it("a failed fetch is not cached: the next read tries again", async () => {
    let calls = 0;
    const view = new TreeSourceView("v", { files: [{ path: "a", sha: "s" }] }, async () => {
      calls += 1;
      if (calls === 1) throw new Error("HTTP 502");
      return new Uint8Array([104, 105]);
    });
    await expect(view.readFile("a")).rejects.toThrow("HTTP 502");
    expect(text(await view.readFile("a"))).toBe("hi");
  });
});

describe("gitSourceView", () => {
  it("lists the revision's tree relative to the working folder and reads blobs from it", async () => {
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=a@b", "-c", "user.name=a", ...args], { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    mkdirSync(join(dir, "sub/base"), { recursive: true });
    writeFileSync(join(dir, "sub/base/a.yaml"), "old\n");
    writeFileSync(join(dir, "top.yaml"), "top\n");
    git("add", ".");
    git("commit", "-qm", "one");
    writeFileSync(join(dir, "sub/base/a.yaml"), "new\n");
    const view = await gitSourceView(join(dir, "sub"), "HEAD");
    expect(view.paths()).toEqual(["base/a.yaml"]);
    expect(text(await view.readFile("base/a.yaml"))).toBe("old\n");
    expect(await view.readFile("../top.yaml")).toBeUndefined();
  });
});

describe("MemorySourceView", () => {
  it("derives folders from file paths", async () => {
    const view = new MemorySourceView({ "a/b/c.yaml": "x", "a/d.yaml": "y" });
    expect(await view.list("a")).toEqual([
      { name: "b", type: "dir" },
      { name: "d.yaml", type: "file" },
    ]);
    expect(await view.stat("a/b")).toBe("dir");
    expect(await view.list("a/d.yaml")).toBeUndefined();
  });
});
