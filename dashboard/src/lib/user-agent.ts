import Bowser from 'bowser';

/** A user agent in words, like "Chrome 156 · Linux" (bowser); '' for an empty one, the raw string when it says nothing known. */
export function describeUserAgent(userAgent: string): string {
  if (!userAgent) return '';
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = parsed.os.name ?? '';
  const words = [browser, os].filter(Boolean).join(' · ');
  return words || userAgent;
}
