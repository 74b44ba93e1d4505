/**
 * Terraform JSON (`cdk.tf.json`). Terraform reads every string value as a template: `${...}` is
 * evaluated and `%{...}` runs a directive, before a provisioner or a trigger ever sees the
 * value. `$${` and `%%{` are Terraform's literal forms, so escaping them makes Terraform store
 * exactly the string the user meant, which is also what the plan file records.
 */
export function terraformLiteral(text: string): string {
  return text.replace(LITERAL_TEMPLATE_START, '$1$1{');
}

/**
 * `${` or `%{`, except where a cdktf string token starts (`${TfToken[KEY]}`, key characters as
 * cdktf's encoding allows them). cdktf replaces the token by its Terraform expression (`${...}`),
 * which Terraform must evaluate: escaped, Terraform would store the expression's text instead of
 * its value. Such a sequence is never a user's literal: cdktf resolves it wherever it appears.
 */
const LITERAL_TEMPLATE_START = /([$%])\{(?!TfToken\[[a-zA-Z0-9:._-]+\]\})/g;

/** Every string value of a trigger map, escaped; keys are the library's own. */
export function terraformLiteralRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, terraformLiteral(value)]));
}

/**
 * The value Terraform stores for a string in cdk.tf.json, when that string is a pure literal;
 * undefined when Terraform would evaluate part of it (an unescaped `${` or `%{`). Follows
 * HCL's template scanner: `$${` and `%%{` are the escapes, anything else after `$`/`%` is text.
 */
export function terraformStoredValue(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if ((char === '$' || char === '%') && text[i + 1] === '{') return undefined;
    if ((char === '$' || char === '%') && text[i + 1] === char && text[i + 2] === '{') {
      out += `${char}{`;
      i += 2;
      continue;
    }
    out += char;
  }
  return out;
}
