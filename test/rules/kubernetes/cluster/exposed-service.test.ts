import { ruleTester } from "../../../helpers/rule-tester.js";

function service(spec: string, annotations = ""): string {
  return [
    "apiVersion: v1", // 1
    "kind: Service", // 2
    "metadata:", // 3
    "  name: shop", // 4
    ...(annotations ? ["  annotations:", ...annotations.split("\n").map((l) => `    ${l}`)] : []),
    "spec:",
    ...spec.split("\n").map((l) => `  ${l}`),
  ].join("\n") + "\n";
}

const PORTS = "ports:\n  - port: 80\n    targetPort: 8080";

ruleTester("k8s/exposed-service", {
  valid: [
    { code: service(`type: ClusterIP\n${PORTS}`) },
    { name: "no type means ClusterIP", code: service(PORTS) },
    { name: "ExternalName", code: service("type: ExternalName\nexternalName: db.example.com") },
    { name: "internal AWS load balancer", code: service(`type: LoadBalancer\n${PORTS}`, 'service.beta.kubernetes.io/aws-load-balancer-scheme: "internal"') },
    { name: "internal GKE load balancer", code: service(`type: LoadBalancer\n${PORTS}`, 'networking.gke.io/load-balancer-type: "Internal"') },
    { name: "internal Azure load balancer", code: service(`type: LoadBalancer\n${PORTS}`, 'service.beta.kubernetes.io/azure-load-balancer-internal: "true"') },
    { name: "a Deployment with a field called type", code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  type: NodePort\n" },
  ],
  invalid: [
    {
      code: service(`type: NodePort\nports:\n  - port: 80\n    nodePort: 30080`),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 17,
          severity: "warning",
          resource: "Service/shop",
          message: 'Service "shop" is a NodePort: it listens on every node\'s address (port 30080), outside any Ingress',
        },
      ],
    },
    {
      code: service(`type: LoadBalancer\n${PORTS}`),
      errors: [{ line: 6, severity: "warning", message: 'Service "shop" is a LoadBalancer without an internal annotation or source ranges: it gets an address reachable from outside the cluster (port 80)' }],
    },
    {
      name: "an Azure annotation set to false is not internal",
      code: service(`type: LoadBalancer\n${PORTS}`, 'service.beta.kubernetes.io/azure-load-balancer-internal: "false"'),
      errors: [{ line: 8, severity: "warning" }],
    },
    {
      code: service(`type: LoadBalancer\nloadBalancerSourceRanges:\n  - 10.0.0.0/8\n  - 192.168.0.0/16\n${PORTS}`),
      errors: [{ line: 6, severity: "info", message: 'Service "shop" is a LoadBalancer reachable from 10.0.0.0/8, 192.168.0.0/16 (port 80)' }],
    },
    {
      code: service(`type: LoadBalancer\nloadBalancerSourceRanges: ["0.0.0.0/0"]\n${PORTS}`),
      errors: [{ line: 6, severity: "warning" }],
    },
    {
      code: service(`${PORTS}\nexternalIPs:\n  - 203.0.113.7`),
      errors: [{ line: 9, column: 3, endColumn: 14, message: 'Service "shop" claims externalIPs 203.0.113.7: every node answers for them' }],
    },
    {
      name: "waived by annotation",
      code: service(`type: NodePort\n${PORTS}`, 'ignore.container-review.dev/exposed-service: "bare-metal cluster without load balancers"'),
      errors: [{ line: 8, suppressed: true }],
    },
  ],
});
