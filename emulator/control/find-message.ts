import { controlProblem } from '../http/problems.js';
import { withAnalysis } from '../analysis/with-analysis.js';
import type { Message } from '../store/message.js';
import type { Store } from '../store/store.js';
import { parseMessageFilter } from './message-query.js';

/**
 * A message by id, where `latest` means the newest matching the list's filters (product §4), analysed; a 404 problem
 * if none.
 */
export function findMessage(store: Store, id: string, query: Record<string, string | string[] | undefined>): Message {
  const message = id === 'latest' ? (store.listMessages(parseMessageFilter(query), 1)[0] ?? null) : store.getMessage(id);
  if (!message) throw controlProblem(404, 'Message not found', id === 'latest' ? 'No message matches the filters.' : `No message has the id "${id}".`);
  return withAnalysis(message);
}
