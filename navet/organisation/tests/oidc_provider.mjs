// A real OpenID Connect provider for Navet's tests (the npm package oidc-provider), on
// loopback. Started by the `oidc_provider` fixture (tests/oidc.py) with:
//   NAVET_OIDC_PORT          the port to listen on (127.0.0.1)
//   NAVET_OIDC_CLIENT        {"client_id", "client_secret", "redirect_uris": [...]}
//   NAVET_OIDC_USERS         {"<sub>": {"password", "email", "given_name", "family_name",
//                              "groups": [...], "disabled": false}, ...}
// It prints "ready <issuer>" once it listens. Besides the provider's own endpoints it has:
//   /interaction/<uid>       the sign-in form (username and password)
//   /directory/users         who exists and who is enabled, in Microsoft Graph's shape
//                            ({"value": [{"id", "accountEnabled"}]}), for a client-credentials
//                            access token: what Navet's daily reconciliation reads
//   POST /_control/<action>/<sub>   disable, enable (again) or remove a user, as an
//                            administrator of the identity provider would (tests only)
import crypto from 'node:crypto';
import http from 'node:http';

import Provider, { interactionPolicy } from 'oidc-provider';

const port = Number(process.env.NAVET_OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.NAVET_OIDC_CLIENT);
const users = JSON.parse(process.env.NAVET_OIDC_USERS);

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'navet-test', use: 'sig', alg: 'RS256' };

function enabledUser(sub) {
  const user = users[sub];
  return user && !user.disabled && !user.removed ? user : undefined;
}

// A user disabled at the provider has no session any more: silent renewal (prompt=none)
// answers login_required, as Entra ID does for a blocked account.
const policy = interactionPolicy.base();
policy.get('login').checks.add(
  new interactionPolicy.Check('account_disabled', 'The account is disabled', (ctx) => {
    const sub = ctx.oidc.session.accountId;
    return sub && !enabledUser(sub)
      ? interactionPolicy.Check.REQUEST_PROMPT
      : interactionPolicy.Check.NO_NEED_TO_PROMPT;
  }),
);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: client.redirect_uris,
      grant_types: ['authorization_code', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      scope: 'openid email profile directory',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  scopes: ['openid', 'email', 'profile', 'directory'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name', 'name', 'groups'],
  },
  // Every authorization code request must carry a PKCE challenge (S256).
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
  },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // Navet is a first-party client: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'given_name', 'family_name', 'name', 'groups']);
    await grant.save();
    return grant;
  },
  async findAccount(ctx, sub) {
    const user = enabledUser(sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: user.email,
          email_verified: true,
          given_name: user.given_name,
          family_name: user.family_name,
          name: `${user.given_name} ${user.family_name}`,
          groups: user.groups || [],
        };
      },
    };
  },
  ttl: { AccessToken: 600, ClientCredentials: 600, IdToken: 600, Session: 3600, Grant: 3600 },
});

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function loginForm(uid, message) {
  return `<!doctype html><html lang="sv"><head><title>Kommunens inloggning</title></head><body>
<main><h1>Kommunens inloggning</h1>${message ? `<p role="alert">${message}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label for="username">Användarnamn</label> <input id="username" name="username" autocomplete="username">
<label for="password">Lösenord</label> <input id="password" name="password" type="password">
<button type="submit">Logga in</button></form></main></body></html>`;
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'text/plain', 'wrong interaction');
  if (req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', loginForm(uid));
  const form = await readForm(req);
  const sub = form.get('username');
  const user = users[sub];
  if (!user || user.removed || user.password !== form.get('password')) {
    return send(res, 200, 'text/html; charset=utf-8', loginForm(uid, 'Fel användarnamn eller lösenord.'));
  }
  if (user.disabled) {
    // As Entra ID does for a blocked account: the sign-in ends with an error for the client.
    return provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'The account is disabled',
    });
  }
  return provider.interactionFinished(req, res, { login: { accountId: sub } });
}

async function directory(req, res) {
  const bearer = (req.headers.authorization || '').replace(/^Bearer /, '');
  const token = bearer && (await provider.ClientCredentials.find(bearer));
  if (!token || !String(token.scope || '').split(' ').includes('directory')) {
    return send(res, 401, 'application/json', JSON.stringify({ error: 'invalid_token' }));
  }
  const value = Object.entries(users)
    .filter(([, user]) => !user.removed)
    .map(([id, user]) => ({ id, accountEnabled: !user.disabled }));
  return send(res, 200, 'application/json', JSON.stringify({ value }));
}

function control(res, action, sub) {
  const user = users[sub];
  if (!user) return send(res, 404, 'text/plain', 'no such user');
  if (action === 'disable') user.disabled = true;
  else if (action === 'enable') Object.assign(user, { disabled: false, removed: false });
  else if (action === 'remove') user.removed = true;
  else return send(res, 404, 'text/plain', 'no such action');
  return send(res, 204, 'text/plain', '');
}

const providerCallback = provider.callback();
const server = http.createServer((req, res) => {
  const path = new URL(req.url, issuer).pathname;
  const interactionMatch = path.match(/^\/interaction\/([\w-]+)$/);
  const controlMatch = path.match(/^\/_control\/(\w+)\/([\w.-]+)$/);
  let handled;
  if (interactionMatch) handled = interaction(req, res, interactionMatch[1]);
  else if (path === '/directory/users') handled = directory(req, res);
  else if (controlMatch && req.method === 'POST') handled = control(res, controlMatch[1], controlMatch[2]);
  else return providerCallback(req, res);
  return Promise.resolve(handled).catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, 'text/plain', String(error));
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
