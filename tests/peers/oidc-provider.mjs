// SPDX-License-Identifier: GPL-3.0-or-later
// A real, independent OAuth 2.0 / OpenID authorization server for the interop tests:
// panva's oidc-provider (pinned in package-lock.json), configured as in SECURITY-REFERENCE.md §2.2.
//
// Environment:
//   PORT             listen port on 127.0.0.1; 0 (the default) picks a free one
//   DEV_LOGIN=1      enable the dev login/consent pages (authorization-code tests)
//   AUDIENCE         aud of JWT access tokens (default urn:test:gateway-admin)
//   ACCESS_TOKEN_TTL lifetime of access tokens in seconds (default 300)
//
// Prints one JSON line on stdout once it accepts connections:
//   {"ready":true,"issuer":"http://127.0.0.1:<port>","port":<port>,"audience":"...","clients":{...}}
// and runs until it is killed.
//
// Clients:
//   admin-console         confidential, client_secret_basic: client_credentials, authorization_code, refresh_token
//   admin-console-post    confidential, client_secret_post: client_credentials
//   admin console:odd     confidential, client_secret_basic, id and secret full of reserved characters (RFC 6749
//                         §2.3.1 says both are form-urlencoded before base64; oidc-provider decodes them)
//   admin-console-native  public (PKCE S256 enforced): authorization_code, refresh_token; loopback redirect, any port
//
// Resource indicators: no `resource` -> RS256 JWT (typ at+jwt) for AUDIENCE; resource=urn:test:opaque -> an opaque
// token that can be introspected and revoked (oidc-provider refuses to introspect its own JWTs).
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const REQUESTED_PORT = Number(process.env.PORT || 0);
const AUDIENCE = process.env.AUDIENCE || 'urn:test:gateway-admin';
const TTL = Number(process.env.ACCESS_TOKEN_TTL || 300);
const SCOPES = ['gateway:read', 'gateway:write'];

const CLIENTS = {
  basic: { id: 'admin-console', secret: 'test-secret-not-for-prod' },
  post: { id: 'admin-console-post', secret: 'post-secret-not-for-prod' },
  odd: { id: 'admin console:odd', secret: 'p@ss word:+/%&=?' },
  native: { id: 'admin-console-native' },
};

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await jose.exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

const server = http.createServer();
server.listen(REQUESTED_PORT, '127.0.0.1', () => {
  const port = server.address().port;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    jwks: { keys: [jwk] },
    clients: [{
      client_id: CLIENTS.basic.id,
      client_secret: CLIENTS.basic.secret,
      grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_basic',
    }, {
      client_id: CLIENTS.post.id,
      client_secret: CLIENTS.post.secret,
      grant_types: ['client_credentials'],
      redirect_uris: [], response_types: [],
      token_endpoint_auth_method: 'client_secret_post',
    }, {
      client_id: CLIENTS.odd.id,
      client_secret: CLIENTS.odd.secret,
      grant_types: ['client_credentials'],
      redirect_uris: [], response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
    }, {
      client_id: CLIENTS.native.id,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
    }],
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
    scopes: SCOPES,
    ttl: { AccessToken: TTL, ClientCredentials: TTL },
    features: {
      devInteractions: { enabled: process.env.DEV_LOGIN === '1' },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        getResourceServerInfo: (ctx, resource) => (resource === 'urn:test:opaque'
          ? { scope: SCOPES.join(' '), audience: resource, accessTokenTTL: TTL, accessTokenFormat: 'opaque' }
          : { scope: SCOPES.join(' '), audience: AUDIENCE, accessTokenTTL: TTL, accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } } }),
      },
    },
  });
  provider.on('server_error', (ctx, err) => console.error('server_error', err));
  server.on('request', provider.callback());
  process.stdout.write(JSON.stringify({ ready: true, issuer, port, audience: AUDIENCE, clients: CLIENTS }) + '\n');
});

for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => server.close(() => process.exit(0)));
