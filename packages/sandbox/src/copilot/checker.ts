import { isEmail, isPhone } from "./formats";
import { fieldError, isObject, type CoPilotError } from "./http";

type Obj = Record<string, unknown>;

/** Collects field errors while walking a merchant; each helper reports in CoPilot's shape. */
export class Checker {
  readonly errors: CoPilotError[] = [];
  constructor(readonly today: Date) {}

  add(code: string, message: string, field: string) {
    this.errors.push(fieldError(code, message, field));
  }

  /** A string field when present; wrong JSON type is reported, absence is not (see `required`). */
  text(o: Obj | undefined, key: string, path: string): string | undefined {
    const v = o?.[key];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number") return String(v);
    this.add("1002", `${key} must be a string.`, path);
    return undefined;
  }

  maxLen(o: Obj | undefined, key: string, path: string, max: number, code = "1127") {
    const v = this.text(o, key, path);
    if (v !== undefined && v.length > max) this.add(code, `${key} must be ${max} characters or fewer.`, path);
    return v;
  }

  phone(o: Obj | undefined, key: string, path: string) {
    const v = this.text(o, key, path);
    if (v !== undefined && !isPhone(v)) this.add("1115", "Phone is invalid.  Please use XXX-XXX-XXXX format.", path);
  }

  email(o: Obj | undefined, key: string, path: string) {
    const v = this.text(o, key, path);
    if (v !== undefined && !isEmail(v)) this.add("1124", "Email address is invalid.", path);
  }

  code(o: Obj | undefined, key: string, path: string, allowed: Set<string>, code: string, label: string) {
    const v = this.text(o, key, path);
    if (v !== undefined && !allowed.has(v)) this.add(code, `${label} '${v}' is not a valid code.`, path);
    return v;
  }

  pct(o: Obj | undefined, key: string, path: string): number | undefined {
    const v = o?.[key];
    if (v === undefined || v === null || v === "") return undefined;
    const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || n > 100) {
      this.add("1116", "Ownership percentage must be a number from 0 to 100.", path);
      return undefined;
    }
    return n;
  }

  obj(o: Obj | undefined, key: string, path: string): Obj | undefined {
    const v = o?.[key];
    if (v === undefined || v === null) return undefined;
    if (isObject(v)) return v;
    this.add("1002", `${key} must be an object.`, path);
    return undefined;
  }
}
