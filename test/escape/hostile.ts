import fc from 'fast-check';

/** The characters and sequences each output language treats as code (issue 12's hostile alphabet). */
export const HOSTILE_PIECES = [
  '\r', '\n', '\r\n', '\u2028', '\u2029', '`', '```', '|', '<', '>', '<!--', '<b>', '&amp;', '@', '@admin', '${', '%{', '$${',
  '%%{init: {"theme":"dark"}}%%', '%%', '"', '#', '# ', '- ', '1. ', '> ', '*', '_', '~~', '[x](http://e.com)', '![i](j)',
  'http://e.com', 'www.e.com', 'a@b.co', '\\', '\u001b', '\u001b]0;title\u0007', '\u001b[2K', '\u0000', '\u0007', '\u007f',
  '\u0085', '\u200e', '\u200f', '\u202e', '\u2066', '\ufeff', '$', '$x$', ';', ':', '    ', '\t', 'é', 'a', 'b', ' ',
];

/** Random strings made of hostile pieces (and plain letters), 1 to 8 pieces long. */
export const hostileString = (maxPieces = 8) =>
  fc.array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 1, maxLength: maxPieces }).map((pieces) => pieces.join(''));

/** A fixed seed like the other property tests (SDR_SEED explores); no property may run over a minute. */
export function configureProperties(): void {
  fc.configureGlobal({ seed: Number(process.env.SDR_SEED ?? 20261122), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });
}
