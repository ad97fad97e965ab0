/**
 * Kustomize's builtin transformers and generators, on the provenance-carrying node model of
 * ../resource.ts. Each function receives the resources of one kustomization (already including
 * what its bases produced) and the kustomization field as a Node, mutates the resources in place,
 * and gives every value it writes the origin of the kustomization entry that caused it (the
 * `newTag:` scalar of an `images:` entry, the `namespace:` value, the `namePrefix:` value, a
 * label's value...). Bad input becomes a RenderProblem at the entry's line; nothing throws.
 *
 * Order (the core pipeline, src/render/kustomize/build.ts, owns it), as `kustomize build` v5.5 runs
 * them for one kustomization after its resources, bases and components are accumulated:
 *   runGenerators            configMapGenerator, secretGenerator (generatorOptions)
 *   (core)                   patchesStrategicMerge, patches
 *   applyNamespace           namespace:
 *   applyNamePrefixSuffix    namePrefix: / nameSuffix:
 *   applyLabels              labels: / commonLabels:
 *   applyAnnotations         commonAnnotations:
 *   (core)                   patchesJson6902
 *   applyReplicas            replicas:
 *   applyImages              images:
 *   applyReplacements        replacements:
 *   collectVars              vars: (declarations only; collected per level)
 * then once, for the top-level kustomization, after the whole accumulation:
 *   applyHashSuffixes        generated ConfigMaps/Secrets get their content hash suffix
 *   fixNameReferences        references to renamed resources follow the rename
 *                            (pass the merged configurations' nameReference as `extra`)
 *   resolveVars              $(VAR) in the fields kustomize substitutes
 *
 * `configurations:` files: read each with readTransformerConfig (ctx.file = the file), merge a
 * kustomization's own with its bases' (mergeConfigs) and set ctx.config before its transformers.
 *
 * Renames are tracked beside the resources (recordPreviousName / previousNames, recordAffix),
 * keyed by the Resource object: replace `resource.node` in place, or copyNameHistory to a new one.
 * Generated resources are marked the same way (isGenerated).
 */
export type { TransformContext, ResId, NameHistoryEntry } from "./context.js";
export { problemAt, resId, recordPreviousName, previousNames, copyNameHistory, recordAffix, affixesOf } from "./context.js";

/** `namespace:`: sets metadata.namespace of namespaced kinds, ServiceAccount subjects of (Cluster)RoleBindings, renames Namespace objects. */
export { applyNamespace } from "./namespace.js";
/** `namePrefix:`/`nameSuffix:`: renames resources (except Namespace/CRD-like kinds Kustomize skips), recording the previous names. */
export { applyNamePrefixSuffix } from "./prefix-suffix.js";
/** `labels:` (pairs, includeSelectors, includeTemplates) and legacy `commonLabels:`; `commonAnnotations:`. */
export { applyLabels, applyAnnotations } from "./labels.js";
/** `images:`: name/newName/newTag/digest on containers and initContainers of every pod template. */
export { applyImages } from "./images.js";
/** `replicas:`: spec.replicas of Deployments, ReplicaSets, StatefulSets and ReplicationControllers by name. */
export { applyReplicas } from "./replicas.js";
/** configMapGenerator / secretGenerator with generatorOptions; behavior create/merge/replace. */
export { runGenerators, applyHashSuffixes, kustomizeHash, isGenerated } from "./generators.js";
/** `replacements:` (inline or `path:`), with select/reject, fieldPaths and options delimiter/index/create. */
export { applyReplacements } from "./replacements.js";
/** Legacy `vars:`: collected per kustomization, resolved once at the top. */
export { collectVars, resolveVars, type VarDecl } from "./vars.js";
/** `configurations:` files: custom field specs for commonLabels, commonAnnotations, images, nameReference, varReference. */
export { readTransformerConfig, mergeConfigs, emptyConfig, type TransformerConfig } from "./config.js";
/** References to renamed resources (pod specs, RBAC, Ingress, HPA...), after prefixes/suffixes and hashes. */
export { fixNameReferences, NAME_REFERENCES, type NameReference } from "./nameref.js";
