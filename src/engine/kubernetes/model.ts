// Placeholder: replaced by the Kubernetes model (objects, pod specs of every workload kind, effective securityContext).
export interface KubernetesModel {
  placeholder: true;
}
