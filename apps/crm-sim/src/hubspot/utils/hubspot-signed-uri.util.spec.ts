import { hubSpotSignedUri } from './hubspot-signed-uri.util';

describe(hubSpotSignedUri.name, () => {
  it('decodes the escapes HubSpot decodes before signing and keeps the others', () => {
    expect(hubSpotSignedUri('https://example.com/hook?a=1%3A2%2C3&b=%20x%2Fy')).toBe(
      'https://example.com/hook?a=1:2,3&b=%20x/y',
    );
  });
});
