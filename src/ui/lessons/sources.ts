/**
 * Upstream sources as links: a lesson names a file of kubernetes/kubernetes
 * ("pkg/controller/…/x.go (funcName)") or of kubernetes/website
 * ("content/en/docs/…"). The link opens outside the page.
 */
export function upstreamLink(source: string): string | null {
  const path = source.trim().split(/\s+/)[0] ?? '';
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(path)) return null;
  if (path.startsWith('content/')) return `https://github.com/kubernetes/website/blob/main/${path}`;
  return `https://github.com/kubernetes/kubernetes/blob/master/${path}`;
}
