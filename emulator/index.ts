/** The public entry: start an emulator in-process, or build its app yourself. */
export { startEmulator, type RunningEmulator } from './server.js';
export { createApp, type AppDeps } from './app.js';
export { defaultOptions, resolveOptions, type EmulatorOptions } from './options.js';
export type { Message, MessageDraft, StoredMessage, AnalysisField, OrderInfo, FeedEntry, Warning, StatusEntry, Channel, Source, Attachment, SmtpDetails } from './store/message.js';
export type { MessageSummary } from './store/message-summary.js';
export type { EmulatorEvent, EventType } from './events.js';
export { extractOtp } from './analysis/extract-otp.js';
export { withAnalysis } from './analysis/with-analysis.js';
