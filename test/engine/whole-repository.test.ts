import { expect, it } from "@jest/globals";
import { scan } from "../../src/engine/scan.js";

const DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n";

it("runs repository-wide rules only when it sees the whole repository", () => {
  const files = [{ path: "deploy/web.yaml", content: DEPLOYMENT }];
  const ids = (wholeRepository?: boolean) => scan(files, undefined, { wholeRepository }).findings.map((f) => f.ruleId);
  expect(ids()).toContain("k8s/missing-network-policy");
  expect(ids(true)).toContain("k8s/missing-network-policy");
  expect(ids(false)).not.toContain("k8s/missing-network-policy");
  // Per-file rules are unaffected.
  expect(ids(false)).toContain("k8s/run-as-non-root");
});
