/**
 * `.helmignore`, as Helm documents it: one shell glob a line (`*`, `?`, `[...]`; no `**`), `#`
 * comments, a trailing `/` matches folders only, a leading `!` negates, a pattern with a `/`
 * matches the path from the chart root, one without matches the base name of any file or folder.
 * Helm also always ignores hidden files directly under `templates/`.
 */
import picomatch from "picomatch";

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  /** Matches the whole relative path (pattern had a slash) or the base name. */
  onPath: boolean;
  test: (s: string) => boolean;
}

export class HelmIgnore {
  private readonly rules: Rule[] = [];

  constructor(text = "") {
    for (const raw of text.split(/\r?\n/)) this.add(raw);
    this.add("templates/.?*");
  }

  private add(raw: string): void {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (line.includes("**")) return; // Helm refuses `**`; the rule is skipped
    let negate = false;
    if (line.startsWith("!")) {
      negate = true;
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith("/")) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    if (line.startsWith("/")) line = line.slice(1);
    if (line === "") return;
    const onPath = line.includes("/");
    const matcher = picomatch(line, { dot: true, noextglob: true, nobrace: true, noglobstar: true });
    this.rules.push({ negate, dirOnly, onPath, test: (s) => matcher(s) });
  }

  /** Whether `path` (relative to the chart root) is ignored; `isDir` for folders. */
  ignored(path: string, isDir: boolean): boolean {
    if (path === "." || path === "") return false;
    const base = path.slice(path.lastIndexOf("/") + 1);
    let result = false;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDir) continue;
      const hit = rule.test(rule.onPath ? path : base);
      if (!hit) continue;
      result = !rule.negate;
    }
    return result;
  }
}
