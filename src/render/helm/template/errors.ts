/**
 * Errors of the template engine, worded as Go's text/template words them (Helm prints them):
 *   parse:     template: NAME:LINE: MESSAGE
 *   execution: template: NAME:LINE:COL: executing "TEMPLATE" at <NODE>: MESSAGE
 * `file`, `line` and `column` locate the fault in the repository (1-based, from the template's
 * origin), for the chart renderer's problem reports; LINE/COL in the message are Go's (relative
 * to the parsed text; COL is a 0-based byte offset, as Go prints it).
 */
export interface TemplateErrorInfo {
  kind: "parse" | "exec" | "limit";
  /** The template being executed (or the name the text was parsed under). */
  templateName: string;
  file?: string;
  line?: number;
  column?: number;
  /** The template error this one wraps (`error calling include: <inner>`). */
  inner?: TemplateError;
}

export class TemplateError extends Error {
  readonly kind: "parse" | "exec" | "limit";
  readonly templateName: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The template error this one wraps (`error calling include: <inner>`). */
  readonly inner?: TemplateError;

  constructor(message: string, info: TemplateErrorInfo) {
    super(message);
    this.name = "TemplateError";
    this.kind = info.kind;
    this.templateName = info.templateName;
    if (info.file !== undefined) this.file = info.file;
    if (info.line !== undefined) this.line = info.line;
    if (info.column !== undefined) this.column = info.column;
    if (info.inner !== undefined) this.inner = info.inner;
  }

  /** The innermost wrapped error: where the fault actually is (inside the included template). */
  innermost(): TemplateError {
    return this.inner ? this.inner.innermost() : this;
  }
}
