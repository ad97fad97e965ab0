/**
 * Reads compose files: every document's `services:` mapping, with `<<` merge keys honoured (compose
 * files use them with `x-` extension blocks) and aliases bounded by `limits.yamlAliases.compose`.
 *
 * - Broken YAML and alias limits become `compose/parse-error` (error); the other documents are read.
 * - A Go/Jinja-templated file (`{{ ... }}` where YAML structure goes) becomes one info-level
 *   `compose/parse-error`: it is not analyzed.
 * - A file with no services is not applicable. A file recognised only by its content (not named
 *   like a compose file) must also have at least one service with `image:` or `build:`.
 */
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from "yaml";
import type { FileKindHandler, HandlerReport, ParseOutcome, TextFile } from "../types.js";
import type { ResolvedConfig } from "../../config/schema.js";
import type { Deadline } from "../deadline.js";
import { basename, detectKindByPath } from "../detect.js";
import { nodeRange, parseYamlStream } from "../yaml/documents.js";
import { servicesOf, type ComposeModel, type ComposeService } from "./model.js";
import { composeRules } from "../../../rules/compose/index.js";

export const COMPOSE_PARSE_ERROR = "compose/parse-error";

function topLevelPair(root: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(root)) return undefined;
  return (root as YAMLMap<Node, Node>).items.find((p) => isScalar(p.key) && p.key.value === key);
}

export function parseCompose(file: TextFile, config: ResolvedConfig, deadline?: Deadline): ParseOutcome<ComposeModel> {
  const stream = parseYamlStream(
    file,
    {
      maxAliases: config.limits.yamlAliases.compose,
      maxDocuments: config.limits.maxDocumentsPerFile,
      merge: true,
    },
    deadline,
  );
  const problems: HandlerReport[] = [];
  for (const p of stream.problems) {
    if (p.kind === "templated") {
      problems.push({
        ruleId: COMPOSE_PARSE_ERROR,
        range: p.range,
        severity: "info",
        message: "templated compose file (Go/Jinja template markers), not analyzed; render it first and scan the output",
        fingerprintKey: "templated",
      });
    } else {
      problems.push({ ruleId: COMPOSE_PARSE_ERROR, range: p.range, message: p.kind === "syntax" ? `cannot be read as YAML: ${p.message}` : p.message, fingerprintKey: `${p.kind}:${p.message}` });
    }
  }
  if (stream.templated) return { problems };

  const namedLikeCompose = detectKindByPath(basename(file.path)) === "compose";
  const services: ComposeService[] = [];
  for (const { doc } of stream.documents) {
    const source = { doc, lineCounter: stream.lineCounter };
    const pair = topLevelPair(doc.contents, "services");
    if (!pair) continue;
    const value = pair.value;
    if (value === null || value === undefined || (isScalar(value) && value.value === null)) continue;
    if (!isMap(value)) {
      // Some other YAML with a `services:` list (found by content): not a compose file.
      if (!namedLikeCompose) continue;
      problems.push({
        ruleId: COMPOSE_PARSE_ERROR,
        range: nodeRange(stream.lineCounter, pair),
        message: "`services` must be a mapping of service names to their settings; the file was not analyzed",
        fingerprintKey: "services-not-a-mapping",
      });
      continue;
    }
    services.push(...servicesOf(source, value, pair));
  }

  if (services.length === 0) return { problems, notApplicable: "no compose services" };
  if (!namedLikeCompose && !services.some((s) => s.field("image") !== undefined || s.field("build") !== undefined)) {
    return { problems, notApplicable: "no compose service has image: or build:" };
  }
  return { model: { file, services }, problems };
}

export const composeHandler: FileKindHandler<ComposeModel> = {
  kind: "compose",
  parseErrorRuleId: COMPOSE_PARSE_ERROR,
  parse: parseCompose,
  rules: composeRules,
};
