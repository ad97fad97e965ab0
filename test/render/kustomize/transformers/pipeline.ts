/**
 * Test helper: a minimal Kustomize build over the transformers only (resources files and
 * sub-kustomization folders, generators, the builtin transformers in kustomize's order, then hash
 * suffixes, name references and vars at the top), and the same tree run through
 * `kubectl kustomize` for comparison. The real pipeline lives in the core renderer; this one
 * exists so the transformers can be checked against kubectl on whole trees.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
import { mapGet, toPlain, type MapNode, type Resource, type ScalarNode } from "../../../../src/render/kustomize/resource.js";
import {
  applyAnnotations,
  applyHashSuffixes,
  applyImages,
  applyLabels,
  applyNamePrefixSuffix,
  applyNamespace,
  applyReplacements,
  applyReplicas,
  collectVars,
  mergeConfigs,
  readTransformerConfig,
  fixNameReferences,
  resolveVars,
  runGenerators,
  type TransformContext,
  type TransformerConfig,
  type VarDecl,
} from "../../../../src/render/kustomize/transformers/index.js";
import type { RenderProblem } from "../../../../src/render/types.js";
import { joinPath, MemorySourceView } from "../../../../src/source/view.js";
import { parseNodes } from "./nodes.js";

export type Files = Record<string, string | Uint8Array>;

export async function miniBuild(files: Files, root: string): Promise<{ resources: Resource[]; problems: RenderProblem[] }> {
  const view = new MemorySourceView(files);
  const problems: RenderProblem[] = [];
  const vars: VarDecl[] = [];
  const textOf = (p: string) => {
    const v = files[p];
    return v === undefined ? undefined : typeof v === "string" ? v : new TextDecoder().decode(v);
  };
  const level = async (dir: string): Promise<{ rs: Resource[]; config: TransformerConfig }> => {
    const file = dir === "" ? "kustomization.yaml" : `${dir}/kustomization.yaml`;
    const k = parseNodes(textOf(file) ?? "", file)[0] as MapNode;
    const ctx: TransformContext = {
      file,
      dir,
      view,
      problems,
      readYaml: async (path) => {
        const t = textOf(path);
        return t === undefined ? undefined : parseNodes(t, path);
      },
    };
    const rs: Resource[] = [];
    const configs: TransformerConfig[] = [];
    const list = mapGet(k, "resources");
    for (const item of list?.type === "seq" ? list.items : []) {
      const p = joinPath(dir, String((item as ScalarNode).value))!;
      const sub = p === "" ? "kustomization.yaml" : `${p}/kustomization.yaml`;
      if (files[sub] !== undefined) {
        const built = await level(p);
        rs.push(...built.rs);
        configs.push(built.config);
      } else rs.push(...parseNodes(textOf(p) ?? "", p).map((node) => ({ node: node as MapNode, file: p })));
    }
    const confList = mapGet(k, "configurations");
    for (const item of confList?.type === "seq" ? confList.items : []) {
      const p = joinPath(dir, String((item as ScalarNode).value))!;
      configs.push(readTransformerConfig(parseNodes(textOf(p) ?? "", p)[0]!, { ...ctx, file: p }));
    }
    ctx.config = mergeConfigs(...configs);
    await runGenerators(rs, k, ctx);
    const f = (key: string) => mapGet(k, key);
    if (f("namespace")) applyNamespace(rs, f("namespace") as ScalarNode, ctx);
    if (f("namePrefix") || f("nameSuffix")) applyNamePrefixSuffix(rs, f("namePrefix") as ScalarNode | undefined, f("nameSuffix") as ScalarNode | undefined, ctx);
    applyLabels(rs, f("labels"), f("commonLabels"), ctx);
    applyAnnotations(rs, f("commonAnnotations"), ctx);
    if (f("replicas")) applyReplicas(rs, f("replicas")!, ctx);
    if (f("images")) applyImages(rs, f("images")!, ctx);
    if (f("replacements")) await applyReplacements(rs, f("replacements")!, ctx);
    if (f("vars")) vars.push(...collectVars(f("vars")!, ctx));
    return { rs, config: ctx.config };
  };
  const { rs: resources, config } = await level(root);
  applyHashSuffixes(resources);
  fixNameReferences(resources, config.nameReference);
  const file = root === "" ? "kustomization.yaml" : `${root}/kustomization.yaml`;
  resolveVars(resources, vars, { file, dir: root, view, problems, config });
  return { resources, problems };
}

export function kubectlAvailable(): boolean {
  const r = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  return r.status === 0 && /Kustomize Version/.test(r.stdout);
}

/** Writes the tree to a temporary folder and returns kubectl kustomize's documents as plain values. */
export function kubectlBuild(files: Files, root: string): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), "kx-"));
  try {
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), content);
    }
    const r = spawnSync("kubectl", ["kustomize", join(dir, root)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`kubectl kustomize failed: ${r.stderr}`);
    return parseAllDocuments(r.stdout as string)
      .map((d) => d.toJS() as unknown)
      .filter((x) => x !== null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Order-independent comparison key. */
export function sorted(docs: unknown[]): unknown[] {
  const key = (d: unknown) => {
    const o = d as { kind?: string; metadata?: { name?: string; namespace?: string } };
    return `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;
  };
  return [...docs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function plain(resources: Resource[]): unknown[] {
  return resources.map((r) => toPlain(r.node));
}
