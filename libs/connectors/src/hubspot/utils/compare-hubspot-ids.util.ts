/** Orders HubSpot object ids (decimal strings, beyond 2^53 for some portals) as numbers. */
export function compareHubSpotIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
