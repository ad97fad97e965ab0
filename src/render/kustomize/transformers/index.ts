/**
 * Kustomize's builtin transformers and generators, on the provenance-carrying node model of
 * ../resource.ts. Each function receives the resources of one kustomization (already including
 * what its bases produced) and the kustomization field as a Node, mutates the resources in place,
 * and gives every value it writes the origin of the kustomization entry that caused it (the
 * `newTag:` scalar of an `images:` entry, the `namespace:` value, the `namePrefix:` value, a
 * label's value...). Bad input becomes a RenderProblem at the entry's line; nothing throws.
 *
 * Order, as `kustomize build` (v5.5) runs them for one kustomization, after its resources and bases
 * are accumulated:
 *   1. runGenerators            configMapGenerator, secretGenerator (generatorOptions)
 *   2. patches                  (core: patchesStrategicMerge, patches, patchesJson6902)
 *   3. applyNamespace           namespace:
 *   4. applyNamePrefixSuffix    namePrefix: / nameSuffix:
 *   5. applyLabels              labels: / commonLabels:
 *   6. applyAnnotations         commonAnnotations:
 *   7. applyReplicas            replicas:
 *   8. applyImages              images:
 *   9. applyReplacements        replacements:
 *  10. collectVars              vars: (declarations only; collected per level)
 * Once, for the top-level kustomization only, after its whole accumulation:
 *  11. applyHashSuffixes        generated ConfigMaps/Secrets get their content hash suffix
 *  12. fixNameReferences        references to renamed resources follow the rename
 *  13. resolveVars              $(VAR) in container command/args/env values
 * (The exact order is checked against kubectl kustomize in the tests; the core pipeline owns it.)
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
