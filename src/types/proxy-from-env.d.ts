// proxy-from-env 2 ships no type declarations.
declare module 'proxy-from-env' {
  /** The proxy URL the environment (HTTP(S)_PROXY, ALL_PROXY, NO_PROXY) gives for `url`, or '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
