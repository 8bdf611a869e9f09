import type { AnalysisField, Message, MessageDraft } from '../store/message.js';
import { analyseMessage } from './analyse-message.js';

/**
 * The message with its analysis (product §5), computed the first time it is asked for and kept in the stored message
 * itself: the one change made to a stored message in place, as the fields are a pure function of the content (a
 * reference handed out earlier gains fields, and nothing it had changes). Every reader that hands a message out or
 * matches on its code goes through here; the order and SMTP hot paths never do. Not analysed yet means the fields are
 * absent, not null (null is "no code").
 *
 * An analysis warning already in `warnings` is not added again: a change journaled after a read (a replay's mismatch
 * warning) carries the analysis warnings in its `warnings` but not the other fields, so after a restart that replays
 * it the message is analysed a second time.
 */
export function withAnalysis<M extends MessageDraft>(message: M): M & Pick<Message, AnalysisField> {
  const analysed = message as M & Pick<Message, AnalysisField>;
  if (message.otp !== undefined) return analysed;
  const analysis = analyseMessage(message);
  analysed.otp = analysis.otp;
  analysed.links = analysis.links;
  analysed.segments = analysis.segments;
  analysed.encoding = analysis.encoding;
  analysed.altinnSegments = analysis.altinnSegments;
  const added = analysis.warnings.filter((w) => !message.warnings.some((held) => held.code === w.code));
  if (added.length) analysed.warnings = [...message.warnings, ...added];
  return analysed;
}
