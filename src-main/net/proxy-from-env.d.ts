/** proxy-from-env 2.1.0 ships no types: its one function, as its README documents it. */
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from the *_PROXY and NO_PROXY variables (lowercase first), or '' for a direct request. */
  export function getProxyForUrl(url: string | URL): string;
}
