/** Percent-escapes HubSpot decodes before it signs a URI (v3 signature). */
const DECODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The request URI as HubSpot signs it: the full URL with those escapes decoded. */
export function hubSpotSignedUri(url: string): string {
  return url.replace(DECODED, (escape) => decodeURIComponent(escape));
}
