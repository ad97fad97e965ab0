// Placeholder: replaced by the Dockerfile model (stages, effective users, RUN commands, package installs).
export interface DockerfileModel {
  placeholder: true;
}
