/**
 * Canned-reply variables: `{{contact.name}}` and friends. Pure: the caller supplies the values
 * it could find; whatever stays unresolved is reported so the agent sees it before sending
 * and no braces ever reach an owner.
 */
export const TEMPLATE_VARIABLES = [
  'contact.name',
  'contact.unit',
  'agent.name',
  'ticket.number',
  'ticket.due',
  'inbox.name',
] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** A known variable with no value here (e.g. no ticket yet) is `null`. */
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

export interface RenderedTemplate {
  text: string;
  /** Names that are not variables at all (a typo such as `{{contact.nmae}}`). */
  unknown: string[];
  /** Known variables that have no value for this conversation; left in the text as `{{name}}`. */
  missing: TemplateVariable[];
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

export function renderTemplate(template: string, values: TemplateValues): RenderedTemplate {
  const unknown = new Set<string>();
  const missing = new Set<TemplateVariable>();
  const text = template.replace(VARIABLE, (whole, rawName: string) => {
    const name = rawName.trim();
    if (!isTemplateVariable(name)) {
      unknown.add(name);
      return whole;
    }
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, unknown: [...unknown], missing: [...missing] };
}

/** Every `{{…}}` still in a text: the composer refuses to send a reply that has one. */
export function unresolvedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => (m[1] ?? '').trim()))];
}
