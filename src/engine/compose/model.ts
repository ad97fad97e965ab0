// Placeholder: replaced by the compose model (services with positions).
export interface ComposeModel {
  placeholder: true;
}
