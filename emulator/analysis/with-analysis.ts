import type { AnalysisField, Message, MessageDraft } from '../store/message.js';
import { analyseMessage } from './analyse-message.js';

/**
 * The message with its analysis (product §5), computed the first time it is asked for and kept in the stored message
 * itself (the fields are a pure function of the content, so filling them in changes nothing anyone saw). Every reader
 * that hands a message out or matches on its code goes through here; the order and SMTP hot paths never do.
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
  if (analysis.warnings.length) analysed.warnings = [...message.warnings, ...analysis.warnings];
  return analysed;
}
