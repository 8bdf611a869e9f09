/**
 * A message's subject or body as one short log line. Control characters (an ESC in an encoded-word subject, a bell)
 * become spaces, so that what a client sends cannot drive the developer's terminal.
 */
export function logPreview(text: string): string {
  const flat = text
    .slice(0, 200)
    .replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
