/**
 * A small shell-like tokenizer for one kubectl command line: words split on
 * whitespace, single quotes (literal), double quotes (with \" and \\
 * escapes), a backslash escaping the next character outside quotes. No
 * variables, globs, pipes or heredocs: those are the shell's, not kubectl's.
 */
export type Tokens = { ok: true; words: string[] } | { ok: false; error: string };

export function tokenize(line: string): Tokens {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ((c === '|' || c === '>' || c === '<' || c === ';' || c === '&' || c === '`' || c === '$') && !inWord) {
      return { ok: false, error: `this console runs kubectl only: shell syntax "${c}" is not supported` };
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `unterminated quote (${quote})` };
  if (inWord) words.push(word);
  return { ok: true, words };
}
