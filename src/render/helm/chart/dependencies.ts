/**
 * Dependencies as Helm processes them before rendering, written from Helm's documentation
 * (Charts > Chart dependencies) and observed behaviour:
 *
 * - a dependency listed in Chart.yaml is matched by name with a chart of charts/ (versions are
 *   not checked); with `alias` the chart takes the alias as its name (and may appear twice);
 *   charts in charts/ not listed in Chart.yaml are always enabled;
 * - `tags`: a dependency is disabled when all its tags that are set are false (any true enables);
 *   `condition` (comma-separated paths, the first that holds a boolean wins) overrides tags; both
 *   are read from the merged values of the top-level chart (paths of a nested chart's
 *   dependencies are under that chart's key);
 * - `import-values`: `{child, parent}` copies the child's table at `child` to `parent` of the
 *   parent's values, a plain string NAME copies the child's `exports.NAME`; the parent's own
 *   values win over imported ones;
 * - `global` flows from parent to every subchart; coalescing is chart defaults < parent values.
 */
import { getOrigin, setOrigin } from "../../provenance.js";
import type { RenderProblem } from "../../types.js";
import type { GoValue } from "../template/values.js";
import { inDir, type Chart, type Dependency } from "./loader.js";
import { cloneValue, coalesceTables, mergeInto, pathToMap, pathValue, tableAt, type CoalesceWarn, type Values } from "./values.js";

/** A chart copy under another name (alias); files and subcharts are shared. */
function aliasChart(chart: Chart, alias: string): Chart {
  const raw = new Map(chart.metadata.raw);
  raw.set("name", alias);
  return { ...chart, metadata: { ...chart.metadata, name: alias, raw }, dependencies: [...chart.dependencies] };
}

/** Helm's chart name (the alias when aliased). */
export function chartName(chart: Chart): string {
  return chart.metadata.name;
}

/**
 * Coalesces a chart's default values (and its subcharts', under their names) under `dest`
 * (higher priority), as Helm's CoalesceValues: in place on `dest`, returned.
 */
export function coalesceChart(chart: Chart, dest: Values, merge: boolean, warn?: CoalesceWarn, prefix = ""): Values {
  const path = prefix === "" ? chartName(chart) : `${prefix}.${chartName(chart)}`;
  const defaults = cloneValue(chart.values);
  for (const [key, value] of defaults) {
    if (dest.has(key)) {
      const current = dest.get(key);
      if (current === null && !merge) dest.delete(key);
      else if (current instanceof Map) {
        if (value instanceof Map) coalesceTables(current, value, merge, warn, `${path}.${key}.`);
        else if (value !== null) warn?.(`warning: skipped value for ${path}.${key}: Not a table.`, dest, key);
      }
      // A scalar over a default table: Helm takes the scalar without a word.
    } else {
      dest.set(key, value);
      const origin = getOrigin(chart.values, key);
      if (origin) setOrigin(dest, key, origin);
    }
  }
  for (const sub of chart.dependencies) {
    const name = chartName(sub);
    let section = dest.get(name);
    if (section === undefined || section === null) {
      section = new Map();
      dest.set(name, section);
    } else if (!(section instanceof Map)) {
      warn?.(`warning: values for subchart ${path}.${name} are not a table; ignored`, dest, name);
      section = new Map();
      dest.set(name, section);
    }
    coalesceGlobals(section as Values, dest);
    coalesceChart(sub, section as Values, merge, warn, path);
  }
  return dest;
}

/** Copies the parent's `global` into a subchart's section (the parent's globals win). */
export function coalesceGlobals(dest: Values, src: Values): void {
  const sg = src.get("global");
  let dg = dest.get("global");
  if (!(dg instanceof Map)) dg = new Map();
  const target = dg as Values;
  if (sg instanceof Map) {
    for (const [key, value] of sg) {
      if (value instanceof Map) {
        const copy = cloneValue(value);
        const existing = target.get(key);
        if (existing === undefined) {
          target.set(key, copy);
        } else if (existing instanceof Map) {
          coalesceTables(copy, existing, true);
          target.set(key, copy);
        } else continue;
      } else if (target.get(key) instanceof Map) {
        continue;
      } else {
        target.set(key, value);
      }
      const origin = getOrigin(sg, key);
      if (origin) setOrigin(target, key, origin);
    }
  }
  dest.set("global", target);
}

/**
 * Applies Chart.yaml's dependencies to the loaded tree: aliases, then tags and conditions against
 * the top-level merged values (`userValues`), dropping disabled charts; then import-values.
 * Returns nothing: the tree is changed in place. Problems are warnings (Helm only logs them).
 */
export function processDependencies(top: Chart, userValues: Values, problems: RenderProblem[]): void {
  const cvals = coalesceChart(top, cloneValue(userValues), true);
  enableDependencies(top, cvals, "", problems, 0);
  importValues(top, problems, 0);
}

function enableDependencies(chart: Chart, cvals: Values, path: string, problems: RenderProblem[], depth: number): void {
  if (depth > 50) return;
  const listed = chart.metadata.dependencies;
  const kept: Chart[] = [];
  // Charts in charts/ that Chart.yaml does not list stay, ahead of the listed ones.
  for (const existing of chart.dependencies) {
    if (!listed.some((d) => d.name === existing.metadata.name)) kept.push(existing);
  }
  const resolved: { dep: Dependency; chart: Chart }[] = [];
  for (const dep of listed) {
    const found = chart.dependencies.find((c) => c.metadata.name === dep.name);
    if (!found) continue;
    const sub = dep.alias ? aliasChart(found, dep.alias) : found;
    resolved.push({ dep, chart: sub });
  }
  // Re-coalesce this chart's section now that aliases are known, so conditions see defaults.
  const tree: Chart = { ...chart, dependencies: [...kept, ...resolved.map((r) => r.chart)] };
  const section = path === "" ? cvals : tableAt(cvals, path.slice(0, -1));
  if (section) coalesceChart(tree, section, true);
  for (const { dep, chart: sub } of resolved) {
    let enabled = dep.enabled;
    // tags
    const tags = cvals.get("tags");
    if (dep.tags.length > 0 && tags instanceof Map) {
      let hasTrue = false;
      let hasFalse = false;
      for (const tag of dep.tags) {
        const v = tags.get(tag);
        if (v === true) hasTrue = true;
        else if (v === false) hasFalse = true;
      }
      if (!hasTrue && hasFalse) enabled = false;
      else if (hasTrue || (!hasTrue && !hasFalse)) enabled = true;
    }
    // conditions
    if (dep.condition) {
      for (const raw of dep.condition.split(",")) {
        const cond = raw.trim();
        if (cond === "") continue;
        const v = pathValue(cvals, path + cond);
        if (typeof v === "boolean") {
          enabled = v;
          break;
        }
        if (v !== undefined && v !== null) {
          problems.push({
            file: chartYamlOf(chart),
            message: `condition path '${path + cond}' for chart ${dep.name} returned non-bool value`,
            severity: "warning",
          });
        }
      }
    }
    if (enabled) kept.push(sub);
  }
  chart.dependencies = kept;
  chart.metadata = { ...chart.metadata, dependencies: listed.filter((d) => kept.some((k) => k.metadata.name === (d.alias ?? d.name))) };
  for (const sub of kept) {
    sub.parent = chart;
    enableDependencies(sub, cvals, `${path}${sub.metadata.name}.`, problems, depth + 1);
  }
}

export function chartYamlOf(chart: Chart): string {
  return inDir(chart.dir, "Chart.yaml");
}

function importValues(chart: Chart, problems: RenderProblem[], depth: number): void {
  if (depth > 50) return;
  for (const sub of chart.dependencies) importValues(sub, problems, depth + 1);
  const deps = chart.metadata.dependencies;
  if (!deps.some((d) => d.importValues.length > 0)) return;
  const cvals = coalesceChart(chart, new Map(), true);
  let imported: Values = new Map();
  for (const dep of deps) {
    const childName = dep.alias ?? dep.name;
    for (const iv of dep.importValues) {
      let child: string;
      let parent: string;
      if (typeof iv === "string") {
        child = `exports.${iv}`;
        parent = ".";
      } else if (iv instanceof Map && typeof iv.get("child") === "string" && typeof iv.get("parent") === "string") {
        child = iv.get("child") as string;
        parent = iv.get("parent") as string;
      } else {
        problems.push({ file: chartYamlOf(chart), message: `import-values of ${dep.name}: an entry must be a string or {child, parent}`, severity: "warning" });
        continue;
      }
      const table = tableAt(cvals, `${dep.name}.${child}`) ?? tableAt(cvals, `${childName}.${child}`);
      if (!table) {
        problems.push({
          file: chartYamlOf(chart),
          message: `import-values: missing table ${child} in chart ${childName}`,
          severity: "warning",
        });
        continue;
      }
      imported = mergeInto(imported, pathToMap(parent, cloneValue(table)));
    }
  }
  // The parent's own values win over imported ones.
  chart.values = coalesceTables(cvals, imported, true);
}

/** The values `.Values` holds for the top-level chart: user values coalesced over every default. */
export function renderValues(top: Chart, userValues: Values, warn?: CoalesceWarn): Values {
  return coalesceChart(top, cloneValue(userValues), false, warn);
}

/** A subchart's section of the rendered values (`.Values` inside its templates). */
export function subValues(values: Values, name: string): Values {
  const v: GoValue | undefined = values.get(name);
  return v instanceof Map ? v : new Map();
}
