// SPDX-License-Identifier: GPL-3.0-or-later
// Independent oracle for app/jose, using the npm `jose` package (panva/jose):
//  1. generates keys and a JWKS, and signs tokens (good ones for every allow-listed algorithm, and attack
//     tokens) that Gatewright must verify or reject with the expected reason code;
//  2. verifies the tokens that Gatewright signed (input file) against Gatewright's JWKS, and computes the
//     RFC 7638 thumbprints of Gatewright's keys, so a test can prove our output is standard.
// Usage: node make-jose-vectors.mjs <input.json> <output.json>
//   input:  { "now": <seconds>, "issuer": "...", "audience": "...", "jwks": {...}, "tokens": [{ "name", "token" }] }
//   output: { "jwks": {...}, "vectors": [{ "name", "token", "expect" }], "skippedKids": [...],
//             "ours": [{ "name", "verified", "alg", "kid", "error", "claims" }], "thumbprints": { kid: thumbprint } }
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as jose from 'jose';

const [inputPath, outputPath] = process.argv.slice(2);
if (!inputPath || !outputPath) {
  console.error('usage: node make-jose-vectors.mjs <input.json> <output.json>');
  process.exit(2);
}
const input = JSON.parse(readFileSync(inputPath, 'utf8'));
const { now, issuer, audience } = input;

const keys = [];
const signers = {};
async function addKey(alg, options = {}, extra = {}) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true, ...options });
  const jwk = await jose.exportJWK(publicKey);
  const kid = extra.kid ?? (await jose.calculateJwkThumbprint(jwk));
  const entry = { ...jwk, kid, use: 'sig', alg, ...extra.members };
  if (extra.dropAlg) delete entry.alg;
  keys.push(entry);
  return { privateKey, publicKey, kid, jwk: entry };
}

for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384']) signers[alg] = await addKey(alg);
signers.noalg = await addKey('RS256', {}, { kid: 'jose-rsa-without-alg', dropAlg: true });
// Keys a verifier must leave out of the set, each for its own reason.
await addKey('RSA-OAEP-256', {}, { kid: 'jose-enc', members: { use: 'enc' } });
await addKey('ES512', {}, { kid: 'jose-p521' });
// jose refuses to make weak RSA keys, so node:crypto makes this one.
keys.push({ ...generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }), kid: 'jose-rsa-1024', use: 'sig', alg: 'RS256' });
keys.push({ kty: 'oct', k: jose.base64url.encode(new Uint8Array(32).fill(7)), kid: 'jose-oct', alg: 'HS256' });
const skippedKids = ['jose-enc', 'jose-p521', 'jose-rsa-1024', 'jose-oct'];

const claims = { sub: 'demo-client', client_id: 'demo-client', scope: 'orders:read orders:write' };
function jwt(extraClaims = {}) {
  return new jose.SignJWT({ ...claims, ...extraClaims })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(now - 10)
    .setNotBefore(now - 10)
    .setExpirationTime(now + 300);
}
const vectors = [];
async function vector(name, expect, token) {
  vectors.push({ name, expect, token: await token });
}

for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384']) {
  const s = signers[alg];
  await vector(`jose ${alg}`, 'ok', jwt().setProtectedHeader({ alg, kid: s.kid, typ: 'at+jwt' }).sign(s.privateKey));
}
await vector('jose RS256, key without alg in the JWKS', 'ok',
  jwt().setProtectedHeader({ alg: 'RS256', kid: signers.noalg.kid, typ: 'at+jwt' }).sign(signers.noalg.privateKey));
await vector('jose PS256 on the RSA key without alg (bound to RS256)', 'algorithm-key-mismatch',
  jwt().setProtectedHeader({ alg: 'PS256', kid: signers.noalg.kid, typ: 'at+jwt' })
    .sign(await jose.importPKCS8(await jose.exportPKCS8(signers.noalg.privateKey), 'PS256')));
await vector('jose aud array containing ours', 'ok',
  jwt().setAudience(['other', audience]).setProtectedHeader({ alg: 'ES256', kid: signers.ES256.kid, typ: 'at+jwt' })
    .sign(signers.ES256.privateKey));

const rs = signers.RS256;
const rsHeader = { alg: 'RS256', kid: rs.kid, typ: 'at+jwt' };
await vector('jose expired', 'expired', jwt().setExpirationTime(now - 3600).setProtectedHeader(rsHeader).sign(rs.privateKey));
await vector('jose nbf in the future', 'not-yet-valid', jwt().setNotBefore(now + 3600).setProtectedHeader(rsHeader).sign(rs.privateKey));
await vector('jose wrong audience', 'audience-mismatch', jwt().setAudience('someone-else').setProtectedHeader(rsHeader).sign(rs.privateKey));
await vector('jose wrong issuer', 'issuer-mismatch', jwt().setIssuer(issuer + '/').setProtectedHeader(rsHeader).sign(rs.privateKey));
await vector('jose missing scope', 'scope-missing', jwt({ scope: 'customers:read' }).setProtectedHeader(rsHeader).sign(rs.privateKey));
await vector('jose typ JWT', 'type-mismatch', jwt().setProtectedHeader({ ...rsHeader, typ: 'JWT' }).sign(rs.privateKey));
await vector('jose unsecured (alg none)', 'algorithm-none',
  new jose.UnsecuredJWT({ ...claims, iss: issuer, aud: audience, exp: now + 300 }).encode());
{
  // HS256 keyed with the RS256 public key (its JWK, and its SPKI PEM): the algorithm-confusion forgery.
  const jwkBytes = new TextEncoder().encode(JSON.stringify(rs.jwk));
  const pemBytes = new TextEncoder().encode(await jose.exportSPKI(rs.publicKey));
  await vector('jose HS256 keyed with the RSA public JWK', 'algorithm-not-allowed',
    jwt().setProtectedHeader({ alg: 'HS256', kid: rs.kid, typ: 'at+jwt' }).sign(jwkBytes));
  await vector('jose HS256 keyed with the RSA public PEM', 'algorithm-not-allowed',
    jwt().setProtectedHeader({ alg: 'HS256', kid: rs.kid, typ: 'at+jwt' }).sign(pemBytes));
}
{
  const rogue = await jose.generateKeyPair('ES256', { extractable: true });
  const rogueJwk = await jose.exportJWK(rogue.publicKey);
  await vector('jose ES256 by a key outside the JWKS, with our kid', 'signature-invalid',
    jwt().setProtectedHeader({ alg: 'ES256', kid: signers.ES256.kid, typ: 'at+jwt' }).sign(rogue.privateKey));
  await vector('jose embedded jwk header (attacker key), no kid', 'signature-invalid',
    jwt().setProtectedHeader({ alg: 'ES256', jwk: rogueJwk, typ: 'at+jwt' }).sign(rogue.privateKey));
  await vector('jose unknown kid', 'key-not-found',
    jwt().setProtectedHeader({ alg: 'ES256', kid: 'rotated-away', typ: 'at+jwt' }).sign(rogue.privateKey));
}
await vector('jose JWE (RSA-OAEP-256, A256GCM)', 'encrypted-token-unsupported',
  new jose.EncryptJWT({ ...claims }).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
    .encrypt((await jose.generateKeyPair('RSA-OAEP-256')).publicKey));
{
  // A DER-encoded ECDSA signature (what OpenSSL produces natively) instead of JOSE's R || S.
  const good = await jwt().setProtectedHeader({ alg: 'ES256', kid: signers.ES256.kid, typ: 'at+jwt' }).sign(signers.ES256.privateKey);
  const [h, p, s] = good.split('.');
  const raw = jose.base64url.decode(s);
  const int = (b) => { let i = 0; while (i < b.length - 1 && b[i] === 0) i++; b = b.slice(i); return b[0] & 0x80 ? Uint8Array.of(0, ...b) : b; };
  const r = int(raw.slice(0, 32));
  const t = int(raw.slice(32));
  const der = Uint8Array.of(0x30, r.length + t.length + 4, 0x02, r.length, ...r, 0x02, t.length, ...t);
  await vector('jose ES256 with a DER signature', 'signature-length', Promise.resolve(`${h}.${p}.${jose.base64url.encode(der)}`));
}

// Part 2: verify what Gatewright signed, with Gatewright's JWKS, as a third-party resource server would.
const ourJwks = jose.createLocalJWKSet(input.jwks);
const ours = [];
for (const { name, token } of input.tokens ?? []) {
  try {
    const { payload, protectedHeader } = await jose.jwtVerify(token, ourJwks, {
      issuer, audience, typ: 'at+jwt', currentDate: new Date(now * 1000),
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'],
    });
    ours.push({ name, verified: true, alg: protectedHeader.alg, kid: protectedHeader.kid, claims: payload });
  } catch (error) {
    ours.push({ name, verified: false, error: `${error.code ?? ''} ${error.message}`.trim() });
  }
}
const thumbprints = {};
for (const key of input.jwks?.keys ?? []) thumbprints[key.kid] = await jose.calculateJwkThumbprint(key);

writeFileSync(outputPath, JSON.stringify({ jwks: { keys }, vectors, skippedKids, ours, thumbprints }, null, 2));
