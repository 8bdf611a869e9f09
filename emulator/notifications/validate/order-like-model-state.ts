import type { ValidationErrors } from '../instant-request.js';
import { compareOrdinalIgnoreCase } from './ordinal-ignore-case.js';

/**
 * The `errors` map of a `ValidationProblemDetails` lists ModelState entries in the order in which
 * `ModelStateDictionary` enumerates them, not in the order they were added (contract §4.4). That
 * dictionary is a prefix tree split at '.' and '[', whose children are kept sorted by length first
 * and then case-insensitively, and it is walked breadth first. So "$" comes before "request", and
 * "request" before "$.recipientSms.timeToLiveInSeconds" (see aspnetcore
 * `src/Mvc/Mvc.Abstractions/src/ModelBinding/ModelStateDictionary.cs`). Keys that differ only in
 * case share one entry, named by the first one added.
 */
interface Node {
  readonly subKey: string;
  key: string | undefined;
  readonly messages: string[];
  readonly children: Node[];
}

const newNode = (subKey: string): Node => ({ subKey, key: undefined, messages: [], children: [] });

export function orderLikeModelState(entries: ReadonlyArray<readonly [key: string, message: string]>): ValidationErrors {
  const root = newNode('');
  root.key = '';
  for (const [key, message] of entries) {
    const node = nodeFor(root, key);
    node.key ??= key;
    node.messages.push(message);
  }
  const errors: ValidationErrors = {};
  const emit = (node: Node): void => {
    if (node.messages.length === 0 || node.key === undefined) return;
    // defineProperty, so that no key can ever reach a prototype setter.
    Object.defineProperty(errors, node.key, { value: [...node.messages], enumerable: true, writable: true, configurable: true });
  };
  emit(root);
  const queue: Node[] = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of next.children) {
      emit(child);
      if (child.children.length > 0) queue.push(child);
    }
  }
  return errors;
}

/** `GetOrAddNode` with `FindNext`: a segment after '[' keeps its bracket ("$['a b']" → "$", "['a b']"). */
function nodeFor(root: Node, key: string): Node {
  let current = root;
  let index = 0;
  let afterBracket = false;
  let more = key.length > 0;
  while (more) {
    let end = index;
    while (end < key.length && key[end] !== '.' && key[end] !== '[') end++;
    const subKey = key.slice(afterBracket ? index - 1 : index, end);
    more = end < key.length;
    afterBracket = more && key[end] === '[';
    index = end + 1;
    current = childFor(current, subKey);
  }
  return current;
}

function childFor(parent: Node, subKey: string): Node {
  if (subKey === '') return parent;
  let at = 0;
  for (; at < parent.children.length; at++) {
    const existing = parent.children[at]!.subKey;
    const order = existing.length - subKey.length || compareOrdinalIgnoreCase(existing, subKey);
    if (order === 0) return parent.children[at]!;
    if (order > 0) break;
  }
  const child = newNode(subKey);
  parent.children.splice(at, 0, child);
  return child;
}
