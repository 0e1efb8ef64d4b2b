// SPDX-License-Identifier: GPL-3.0-or-later
// An "outside issuer" for the paste-a-token tests: npm `jose` makes a key pair, publishes its JWKS and SPKI PEM,
// and signs an RFC 9068 access token, as another authorization server would. Prints one JSON object:
//   { issuer, audience, kid, token, jwks, pem, otherPem }
// Usage: node make-outside-token.mjs [alg]   (default RS256)
import * as jose from 'jose';

const alg = process.argv[2] ?? 'RS256';
const issuer = 'https://login.outside.example/tenant-7/';
const audience = 'api://outside-invoices';
const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
const jwk = await jose.exportJWK(publicKey);
const kid = await jose.calculateJwkThumbprint(jwk);
const other = await jose.generateKeyPair(alg, { extractable: true });
const now = Math.floor(Date.now() / 1000);
const token = await new jose.SignJWT({ client_id: 'outside-client', scope: 'invoices:read' })
  .setProtectedHeader({ alg, kid, typ: 'at+jwt' })
  .setIssuer(issuer)
  .setAudience(audience)
  .setSubject('outside-client')
  .setIssuedAt(now - 5)
  .setExpirationTime(now + 600)
  .sign(privateKey);
process.stdout.write(JSON.stringify({
  issuer,
  audience,
  kid,
  token,
  jwks: { keys: [{ ...jwk, kid, alg, use: 'sig' }] },
  pem: await jose.exportSPKI(publicKey),
  otherPem: await jose.exportSPKI(other.publicKey),
}));
