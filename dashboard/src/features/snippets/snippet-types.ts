export const LANGS = ['curl', 'fetch', 'axios'] as const;
export type Lang = (typeof LANGS)[number];

/** One operation of an endpoint, ready to copy in each language. */
export interface Snippet {
  /** Used in test ids: `snippet-<operation>-<lang>`. */
  operation: string;
  title: string;
  description: string;
  code: Record<Lang, string>;
}

export interface SnippetContext {
  baseUrl: string;
  endpointName: string;
  apiKey: string;
  /** Data or file endpoint that needs an end user's access token. */
  secure: boolean;
  /** Origin header for curl when the project rejects requests without one; null otherwise. */
  curlOrigin: string | null;
}
