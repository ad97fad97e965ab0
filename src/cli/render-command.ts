/**
 * `container-review render PATH`: prints what a kustomization or a chart deploys, as
 * `kustomize build PATH` or `helm template PATH` would print it. Exit 0 with the output on
 * standard output; a failed render prints each problem (file:line: message) on standard error and
 * exits 2; problems that did not stop the render (a remote resource not fetched) are printed on
 * standard error with exit 0.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { isChartFile, isKustomizationFile, KUSTOMIZATION_NAMES } from "../render/discover.js";
import { helmRootLabel, type HelmCliOptions, type Renderers } from "../render/run.js";
import type { RenderProblem, RenderResult } from "../render/types.js";
import { DiskSourceView } from "../source/disk.js";
import { dirnameOf, type SourceView } from "../source/view.js";
import { UsageError } from "./usage-error.js";

export const RENDER_USAGE = `Render options (container-review render PATH):
  PATH is a folder with kustomization.yaml (kustomize build) or Chart.yaml (helm template).
      --release-name NAME           Helm release name (default: release-name)
  -n, --namespace NS                Helm release namespace (default: default)
      --values FILE                 Helm values file, repeatable (also -f after render)
      --set K=V, --set-string K=V   Helm values on the command line, repeatable
      --set-file K=FILE             a Helm value read from a file, repeatable
      --kube-version V              Kubernetes version for .Capabilities
      --api-versions V              extra API versions for .Capabilities, repeatable
  -s, --show-only FILE              only this template's output, repeatable
      --skip-tests                  leave out chart tests
      --include-crds                include the chart's crds/ folder
`;

interface CliIoLike {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

function readCliFile(path: string, cwd: string, what: string): string {
  try {
    return readFileSync(resolve(cwd, path), "utf8");
  } catch {
    throw new UsageError(`${what} ${path}: cannot be read`);
  }
}

function describeProblem(p: RenderProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ""}` : p.file;
  return `${p.severity}: ${where}: ${p.message}`;
}

/** The view (rooted at the working folder when PATH is inside it, else at the file-system root) and PATH in it. */
function viewFor(path: string, cwd: string): { view: SourceView; dir: string; root: string } {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (!rel.startsWith("..") && !isAbsolute(rel)) return { view: new DiskSourceView(cwd), dir: rel.split(sep).join("/"), root: cwd };
  return { view: new DiskSourceView("/"), dir: absolute.split(sep).join("/").replace(/^\/+/, ""), root: "/" };
}

export async function runRender(args: string[], renderers: Renderers, io: CliIoLike): Promise<number> {
  // Helm's `-f` is the values file here too (scan's `-f` is --format; render has no --format).
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      values: { type: "string", short: "f", multiple: true },
      "release-name": { type: "string" },
      namespace: { type: "string", short: "n" },
      set: { type: "string", multiple: true },
      "set-string": { type: "string", multiple: true },
      "set-file": { type: "string", multiple: true },
      "kube-version": { type: "string" },
      "api-versions": { type: "string", short: "a", multiple: true },
      "show-only": { type: "string", short: "s", multiple: true },
      "skip-tests": { type: "boolean" },
      "include-crds": { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("render needs exactly one PATH (a folder with kustomization.yaml or Chart.yaml)");
  const located = viewFor(positionals[0]!, io.cwd);
  const view = located.view;
  const dir = isKustomizationFile(located.dir) || isChartFile(located.dir) ? dirnameOf(located.dir) : located.dir;
  const kind = await detectRoot(view, dir);
  if (!kind) throw new UsageError(`${positionals[0]}: no ${KUSTOMIZATION_NAMES.join(", ")} or Chart.yaml in this folder`);

  const helmOptionsGiven = ["values", "release-name", "namespace", "set", "set-string", "set-file", "kube-version", "api-versions", "show-only", "skip-tests", "include-crds"].some(
    (k) => (values as Record<string, unknown>)[k] !== undefined,
  );
  let result: RenderResult;
  if (kind === "kustomize") {
    if (helmOptionsGiven) throw new UsageError("Helm options (--values, --set, ...) apply to charts, not to kustomizations");
    if (!renderers.kustomize) throw new UsageError("Kustomize rendering is not available in this build");
    result = await renderers.kustomize(view, dir, {});
  } else {
    if (!renderers.helm) throw new UsageError("Helm rendering is not available in this build");
    const options: HelmCliOptions = {
      ...(values["release-name"] !== undefined ? { releaseName: values["release-name"] } : {}),
      ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
      ...(values.values ? { values: values.values.map((path) => ({ path, text: readCliFile(path, io.cwd, "--values") })) } : {}),
      ...(values.set ? { set: values.set } : {}),
      ...(values["set-string"] ? { setString: values["set-string"] } : {}),
      ...(values["set-file"]
        ? {
            setFile: values["set-file"].map((entry) => {
              const eq = entry.indexOf("=");
              if (eq <= 0) throw new UsageError(`--set-file ${entry}: expected KEY=FILE`);
              const file = entry.slice(eq + 1);
              readCliFile(file, io.cwd, "--set-file");
              const inView = relative(located.root, resolve(io.cwd, file));
              if (inView.startsWith("..") || isAbsolute(inView)) throw new UsageError(`--set-file ${entry}: the file must be inside ${located.root}`);
              return { key: entry.slice(0, eq), path: inView.split(sep).join("/") };
            }),
          }
        : {}),
      ...(values["kube-version"] !== undefined ? { kubeVersion: values["kube-version"] } : {}),
      ...(values["api-versions"] ? { apiVersions: values["api-versions"] } : {}),
      ...(values["show-only"] ? { showOnly: values["show-only"] } : {}),
      ...(values["skip-tests"] ? { skipTests: true } : {}),
      ...(values["include-crds"] ? { includeCrds: true } : {}),
    };
    const request = { dir, valuesFiles: [], options };
    result = { ...(await renderers.helm(view, request, {})), root: helmRootLabel(request) };
  }
  for (const p of result.problems) io.stderr(`container-review: ${describeProblem(p)}\n`);
  if (result.problems.some((p) => p.severity === "error")) return 2;
  io.stdout(result.text);
  return 0;
}

async function detectRoot(view: SourceView, dir: string): Promise<"kustomize" | "helm" | undefined> {
  const prefix = dir === "" ? "" : `${dir}/`;
  for (const name of KUSTOMIZATION_NAMES) if ((await view.stat(prefix + name)) === "file") return "kustomize";
  if ((await view.stat(`${prefix}Chart.yaml`)) === "file") return "helm";
  return undefined;
}
