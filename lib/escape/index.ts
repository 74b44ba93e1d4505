/** One module per output language; every writer reaches its output only through these. */
export { jsonText } from './json';
export { markdownCode, markdownTable, markdownText } from './markdown';
export { mermaidText } from './mermaid';
export { terminalLines, terminalText } from './terminal';
export { terraformLiteral, terraformLiteralRecord, terraformStoredValue } from './terraform';
export { shellCommand, shellQuote } from './shell';
export { escapeCommandData, escapeCommandProperty, workflowCommand, type WorkflowCommandLevel } from './github-command';
