/** Percent-escapes HubSpot decodes in the request URI before it signs it (v3). */
const DECODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/**
 * The request URI as HubSpot signs it: the full URL (scheme, host, path, query) with the escapes
 * of `:/?@!$'()*,;` decoded (HubSpot's "Validate requests" guide).
 */
export function hubSpotSignedUri(url: string): string {
  return url.replace(DECODED, (escape) => decodeURIComponent(escape));
}
