/**
 * An http(s) origin as a browser sends it in `Origin` (`http://localhost:80/` → `http://localhost`), or null when the
 * value is not just an origin (a path, a query, another scheme).
 */
export function webOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const bare = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
  return (url.protocol === 'http:' || url.protocol === 'https:') && bare ? url.origin : null;
}
