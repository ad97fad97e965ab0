/**
 * The one configuration schema (`.github/container-review.yml` for the app, `--config FILE` for the
 * CLI), validated with ajv so that unknown keys and wrong types are reported, never ignored.
 */
import type { Severity } from "../engine/types.js";

export type RuleSetting = "off" | "on" | Severity | boolean;
export type FailScope = "new" | "all";

/** The configuration as a user writes it: every key optional. */
export interface UserConfig {
  rules?: Record<string, RuleSetting>;
  /** Severity threshold ("error", "warning", "info", "none"), a scope ("new", "all"), or both. */
  failOn?: Severity | "none" | FailScope | { severity?: Severity | "none"; scope?: FailScope };
  profile?: "baseline" | "restricted";
  allowedRegistries?: string[];
  nonRootBaseImages?: string[];
  extraTooling?: string[];
  extraDaemons?: string[];
  /** Dockerfile stage judged as the final image (default: the last stage). */
  target?: string;
  paths?: { include?: string[]; exclude?: string[] };
  allowSuppressions?: boolean;
  limits?: {
    maxFileBytes?: number;
    maxDocumentsPerFile?: number;
    maxFiles?: number;
    yamlAliases?: { kubernetes?: number; compose?: number };
    scanSeconds?: number;
  };
  review?: {
    event?: "COMMENT" | "REQUEST_CHANGES";
    maxComments?: number;
    /** Lowest severity that gets a review comment (default warning); the rest stay in the check run. */
    minSeverity?: Severity;
  };
  /** Rendering of Kustomize overlays and Helm charts (on by default). */
  render?: { kustomize?: boolean; helm?: boolean; maxRoots?: number };
  /** Helm charts: values files each chart is also rendered with, by chart folder. */
  helm?: { charts?: Record<string, { valuesFiles?: string[] }> };
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  failOn: { severity: Severity | "none"; scope: FailScope };
  profile: "baseline" | "restricted";
  allowedRegistries: string[] | null;
  nonRootBaseImages: string[];
  extraTooling: string[];
  extraDaemons: string[];
  target: string | null;
  paths: { include: string[]; exclude: string[] };
  allowSuppressions: boolean;
  limits: {
    maxFileBytes: number;
    maxDocumentsPerFile: number;
    maxFiles: number;
    yamlAliases: { kubernetes: number; compose: number };
    scanSeconds: number;
  };
  review: { event: "COMMENT" | "REQUEST_CHANGES"; maxComments: number; minSeverity: Severity };
  render: { kustomize: boolean; helm: boolean; maxRoots: number };
  helm: { charts: Record<string, { valuesFiles: string[] }> };
}

const severityEnum = ["error", "warning", "info"];
const stringList = { type: "array", items: { type: "string", minLength: 1 } };

export const configJsonSchema = {
  $id: "https://container-review.dev/schema/config.json",
  type: "object",
  additionalProperties: false,
  properties: {
    rules: {
      type: "object",
      additionalProperties: {
        anyOf: [{ type: "boolean" }, { enum: ["off", "on", ...severityEnum] }],
      },
    },
    failOn: {
      anyOf: [
        { enum: [...severityEnum, "none", "new", "all"] },
        {
          type: "object",
          additionalProperties: false,
          properties: { severity: { enum: [...severityEnum, "none"] }, scope: { enum: ["new", "all"] } },
        },
      ],
    },
    profile: { enum: ["baseline", "restricted"] },
    allowedRegistries: stringList,
    nonRootBaseImages: stringList,
    extraTooling: stringList,
    extraDaemons: stringList,
    target: { type: "string", minLength: 1 },
    paths: {
      type: "object",
      additionalProperties: false,
      properties: { include: stringList, exclude: stringList },
    },
    allowSuppressions: { type: "boolean" },
    limits: {
      type: "object",
      additionalProperties: false,
      properties: {
        maxFileBytes: { type: "integer", minimum: 1 },
        maxDocumentsPerFile: { type: "integer", minimum: 1 },
        maxFiles: { type: "integer", minimum: 1 },
        yamlAliases: {
          type: "object",
          additionalProperties: false,
          properties: {
            kubernetes: { type: "integer", minimum: 0 },
            compose: { type: "integer", minimum: 0 },
          },
        },
        scanSeconds: { type: "number", exclusiveMinimum: 0 },
      },
    },
    review: {
      type: "object",
      additionalProperties: false,
      properties: {
        event: { enum: ["COMMENT", "REQUEST_CHANGES"] },
        maxComments: { type: "integer", minimum: 0 },
        minSeverity: { enum: severityEnum },
      },
    },
    render: {
      type: "object",
      additionalProperties: false,
      properties: {
        kustomize: { type: "boolean" },
        helm: { type: "boolean" },
        maxRoots: { type: "integer", minimum: 0 },
      },
    },
    helm: {
      type: "object",
      additionalProperties: false,
      properties: {
        charts: {
          type: "object",
          additionalProperties: {
            type: "object",
            additionalProperties: false,
            properties: { valuesFiles: stringList },
          },
        },
      },
    },
  },
} as const;

export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  rules: {},
  failOn: { severity: "error", scope: "new" },
  profile: "restricted",
  allowedRegistries: null,
  nonRootBaseImages: [],
  extraTooling: [],
  extraDaemons: [],
  target: null,
  paths: { include: [], exclude: [] },
  allowSuppressions: true,
  limits: {
    maxFileBytes: 1024 * 1024,
    maxDocumentsPerFile: 1000,
    maxFiles: 3000,
    yamlAliases: { kubernetes: 0, compose: 100 },
    scanSeconds: 60,
  },
  review: { event: "COMMENT", maxComments: 50, minSeverity: "warning" },
  render: { kustomize: true, helm: true, maxRoots: 100 },
  helm: { charts: {} },
}) as ResolvedConfig;
