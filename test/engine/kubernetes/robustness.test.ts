/**
 * Property test: whatever shape a pod-bearing manifest takes (wrong types, nulls, nested junk in
 * every securityContext field), the model and the Pod Security rules never throw and every finding
 * stays inside the file.
 */
import { expect, it } from "@jest/globals";
import fc from "fast-check";
import { stringify } from "yaml";
import { scan } from "../../../src/engine/scan.js";

const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -2, max: 70000 }), fc.constantFrom("", "ALL", "Unconfined", "RuntimeDefault", "Default", "Unmasked", "spc_t", "windows", "true", "0"));
const junk = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("type", "add", "drop", "name", "host", "path", "hostProcess"), tie("value"), { maxKeys: 3 })),
})).value;

const securityContext = fc.record(
  {
    privileged: junk,
    allowPrivilegeEscalation: junk,
    runAsNonRoot: junk,
    runAsUser: junk,
    procMount: junk,
    capabilities: fc.oneof(junk, fc.record({ add: junk, drop: junk }, { requiredKeys: [] })),
    seccompProfile: fc.oneof(junk, fc.record({ type: junk }, { requiredKeys: [] })),
    appArmorProfile: fc.oneof(junk, fc.record({ type: junk }, { requiredKeys: [] })),
    seLinuxOptions: fc.oneof(junk, fc.record({ type: junk, user: junk, role: junk }, { requiredKeys: [] })),
    windowsOptions: fc.oneof(junk, fc.record({ hostProcess: junk }, { requiredKeys: [] })),
    sysctls: fc.oneof(junk, fc.array(fc.record({ name: junk, value: junk }, { requiredKeys: [] }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const container = fc.oneof(
  junk,
  fc.record(
    {
      name: junk,
      securityContext: fc.oneof(junk, securityContext),
      ports: fc.oneof(junk, fc.array(fc.record({ hostPort: junk }, { requiredKeys: [] }), { maxLength: 2 })),
      livenessProbe: fc.oneof(junk, fc.record({ httpGet: fc.record({ host: junk }, { requiredKeys: [] }) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  ),
);
const podSpec = fc.record(
  {
    hostNetwork: junk,
    hostPID: junk,
    hostUsers: junk,
    os: fc.oneof(junk, fc.record({ name: junk }, { requiredKeys: [] })),
    securityContext: fc.oneof(junk, securityContext),
    volumes: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ name: junk, hostPath: junk, nfs: junk }, { requiredKeys: [] })), { maxLength: 2 })),
    containers: fc.oneof(junk, fc.array(container, { maxLength: 2 })),
    initContainers: fc.oneof(junk, fc.array(container, { maxLength: 2 })),
  },
  { requiredKeys: [] },
);

it("never throws and keeps findings inside the file for arbitrary pod specs", () => {
  fc.assert(
    fc.property(fc.constantFrom("Pod", "Deployment", "CronJob", "List"), podSpec, fc.boolean(), (kind, spec, asJson) => {
      const object =
        kind === "Pod"
          ? { apiVersion: "v1", kind, metadata: { name: "p" }, spec }
          : kind === "CronJob"
            ? { apiVersion: "batch/v1", kind, metadata: { name: "c" }, spec: { jobTemplate: { spec: { template: { spec } } } } }
            : kind === "List"
              ? { apiVersion: "v1", kind, items: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "i" }, spec }] }
              : { apiVersion: "apps/v1", kind, metadata: { name: "d" }, spec: { template: { spec } } };
      const content = asJson ? JSON.stringify(object, null, 2) : stringify(object);
      const result = scan([{ path: asJson ? "m.json" : "m.yaml", content }]);
      expect(result.errors).toEqual([]);
      const lines = content.split("\n").length;
      for (const f of result.findings) {
        expect(f.line).toBeGreaterThanOrEqual(1);
        expect(f.endLine).toBeLessThanOrEqual(lines);
      }
    }),
    { numRuns: 150, seed: 20261130 },
  );
});
