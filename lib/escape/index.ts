/** One module per output language; every writer reaches its output only through these. */
export { markdownCode, markdownTable, markdownText } from './markdown';
export { mermaidText } from './mermaid';
export { terminalLines, terminalText } from './terminal';
export { terraformLiteral, terraformLiteralRecord, terraformStoredValue } from './terraform';
export { shellCommand, shellQuote } from './shell';
