/**
 * Tab completion for the console: verbs, subcommands, resource types,
 * object names (from the page's store), flags. Pure: the caller gives the
 * line before the cursor and the names it knows.
 */
import { GLOBAL_FLAGS, KUBECTL_RESOURCES, KUBECTL_SUBCOMMANDS, KUBECTL_VERB_FLAGS } from '../../kube/kubectl-vocabulary';

export interface Completion {
  /** The line before the cursor with the word completed (as far as all candidates agree). */
  line: string;
  /** Every candidate, when there is more than one. */
  candidates: string[];
}

const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);
const POD_VERBS = new Set(['logs', 'exec']);

/** Names by kind ("Pod" → ["web-1", …]) in the namespace the line names (or default). */
export type NameLookup = (kind: string, namespace: string | undefined) => string[];

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function kindOf(word: string): string | undefined {
  return KUBECTL_RESOURCES.find((r) => r.names.includes(word.toLowerCase()))?.kind;
}

export function complete(before: string, names: NameLookup): Completion {
  const words = before.split(/\s+/);
  const current = words.pop() ?? '';
  const done = words.filter((w) => w !== '');
  const prefix = before.slice(0, before.length - current.length);
  let candidates: string[] = [];
  if (done.length === 0) candidates = ['kubectl'];
  else {
    const args = done.slice(1);
    const verb = args.find((w) => !w.startsWith('-'));
    const nsAt = args.findIndex((w) => w === '-n' || w === '--namespace');
    const namespace = nsAt >= 0 ? args[nsAt + 1] : args.find((w) => w.startsWith('--namespace='))?.slice(12);
    const positional = args.filter((w, i) => !w.startsWith('-') && !(i > 0 && (args[i - 1] === '-n' || args[i - 1] === '--namespace' || args[i - 1] === '-o' || args[i - 1] === '-l')));
    const previous = args.at(-1);
    if (current.startsWith('-')) {
      candidates = verb ? [...(KUBECTL_VERB_FLAGS[verb] ?? []), ...GLOBAL_FLAGS] : GLOBAL_FLAGS;
    } else if (previous === '-n' || previous === '--namespace') {
      candidates = names('Namespace', undefined);
    } else if (previous === '-o' || previous === '--output') {
      candidates = ['wide', 'yaml', 'json', 'name', 'jsonpath='];
    } else if (!verb) {
      candidates = Object.keys(KUBECTL_VERB_FLAGS);
    } else if (KUBECTL_SUBCOMMANDS[verb] && positional.length === 1) {
      candidates = [...KUBECTL_SUBCOMMANDS[verb]!];
      if (verb === 'top') candidates = ['node', 'pod'];
    } else if (NODE_VERBS.has(verb) || (verb === 'taint' && positional.length === 2) || (verb === 'top' && positional[1]?.startsWith('no'))) {
      candidates = names('Node', undefined);
    } else if (POD_VERBS.has(verb)) {
      candidates = names('Pod', namespace);
    } else if (verb === 'taint' && positional.length === 1) {
      candidates = ['nodes'];
    } else {
      const typeWord = positional[KUBECTL_SUBCOMMANDS[verb] && verb !== 'create' ? 2 : 1];
      if (current.includes('/')) {
        const [t, n] = current.split('/', 2) as [string, string];
        const kind = kindOf(t);
        candidates = kind ? names(kind, namespace).filter((x) => x.startsWith(n)).map((x) => `${t}/${x}`) : [];
      } else if (typeWord && kindOf(typeWord) && positional.length >= (KUBECTL_SUBCOMMANDS[verb] && verb !== 'create' ? 3 : 2)) {
        candidates = names(kindOf(typeWord)!, namespace);
      } else {
        candidates = KUBECTL_RESOURCES.flatMap((r) => r.names);
        if (verb === 'get') candidates = [...candidates, 'all'];
      }
    }
  }
  const matching = [...new Set(candidates.filter((c) => c.startsWith(current)))].sort();
  if (matching.length === 0) return { line: before, candidates: [] };
  if (matching.length === 1) {
    const word = matching[0]!;
    return { line: prefix + word + (word.endsWith('=') || word.endsWith('/') ? '' : ' '), candidates: [] };
  }
  return { line: prefix + commonPrefix(matching), candidates: matching };
}
