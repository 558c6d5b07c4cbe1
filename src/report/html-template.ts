/**
 * A tagged template for HTML that escapes every interpolated value unless it is already markup
 * built by this template. Report text comes from servers and vector files, so escaping by default
 * leaves no place where a value could be written raw by mistake.
 */
import { escapeHtml } from "./escape";

/** Markup built by `html`, safe to insert as it is. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

type Interpolation = SafeHtml | string | number | boolean | undefined | null | ReadonlyArray<Interpolation>;

/** Builds markup; strings and numbers are escaped, arrays joined, undefined, null and false left out. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let markup = strings[0];

  values.forEach((value, position) => {
    markup += render(value) + strings[position + 1];
  });
  return new SafeHtml(markup);
}

/** Marks markup that contains no data as safe, such as the page's own CSS and script. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) {
    return value.markup;
  }

  if (Array.isArray(value)) {
    return value.map(render).join("");
  }

  if (value === undefined || value === null || value === false) {
    return "";
  }

  return escapeHtml(String(value));
}
