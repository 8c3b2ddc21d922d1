import request from 'supertest';
import { startSimulator } from '../startSimulator';
import type { RunningSimulator } from '../types';

// Lifecycle steps run on timers; on a loaded CI machine they need more than jest's default 5 s.
jest.setTimeout(20_000);

describe('authentication and addressing', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({
      name: 'auth',
      tokens: ['static-token'],
      users: [{ username: 'admin', password: 'slipway' }],
      sessionTtlMs: 1500,
      syntheticApplications: 8,
    });
  });

  afterAll(() => sim.close());

  const noSession = {
    error: 'no session information',
    code: 16,
    message: 'no session information',
  };

  it('answers 401 without a token, and ignores a bearer value that is not JWT-shaped', async () => {
    expect(
      (await request(sim.url).get('/api/v1/applications').expect(401)).body,
    ).toEqual(noSession);
    expect(
      (
        await request(sim.url)
          .get('/api/v1/applications')
          .set('Authorization', 'Bearer not-a-jwt')
          .expect(401)
      ).body,
    ).toEqual(noSession);
    const forged = await request(sim.url)
      .get('/api/v1/applications')
      .set(
        'Authorization',
        'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl',
      )
      .expect(401);
    expect(forged.body.message).toBe(
      'invalid session: token signature is invalid: signature is invalid',
    );
  });

  it('version is anonymous but only tells the version', async () => {
    expect(
      (await request(sim.url).get('/api/version').expect(200)).body,
    ).toEqual({ Version: 'v3.5.1+simulated' });
    const full = await request(sim.url)
      .get('/api/version')
      .set('Authorization', 'Bearer static-token')
      .expect(200);
    expect(full.body).toMatchObject({
      Version: 'v3.5.1+simulated',
      Platform: 'linux/amd64',
      GitTreeState: 'clean',
    });
  });

  it('logs in with username and password, accepts the token as bearer and as the argocd.token cookie, and expires it', async () => {
    expect(
      (
        await request(sim.url)
          .post('/api/v1/session')
          .send({ username: 'admin', password: 'wrong' })
          .expect(401)
      ).body.message,
    ).toBe('Invalid username or password');
    expect(
      (await request(sim.url).post('/api/v1/session').send({}).expect(401)).body
        .message,
    ).toBe('no credentials supplied');
    const login = await request(sim.url)
      .post('/api/v1/session')
      .send({ username: 'admin', password: 'slipway' })
      .expect(200);
    const { token } = login.body;
    expect(token.split('.')).toHaveLength(3);
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1], 'base64url').toString(),
    );
    expect(claims).toMatchObject({ iss: 'argocd', sub: 'admin' });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(2);
    expect(String(login.headers['set-cookie'])).toContain('argocd.token=');

    await request(sim.url)
      .get('/api/v1/applications')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    await request(sim.url)
      .get('/api/v1/applications')
      .set('Cookie', `argocd.token=${token}`)
      .expect(200);
    const userinfo = await request(sim.url)
      .get('/api/v1/session/userinfo')
      .set('Cookie', `argocd.token=${token}`);
    expect(userinfo.body).toEqual({
      loggedIn: true,
      username: 'admin',
      iss: 'argocd',
    });

    await new Promise(resolve => setTimeout(resolve, 2100));
    const expired = await request(sim.url)
      .get('/api/v1/applications')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    expect(expired.body).toEqual({
      error: 'invalid session: token has invalid claims: token is expired',
      code: 16,
      message: 'invalid session: token has invalid claims: token is expired',
    });
    // Renewal: a new login gives a working token again.
    const renewed = await request(sim.url)
      .post('/api/v1/session')
      .send({ username: 'admin', password: 'slipway' });
    await request(sim.url)
      .get('/api/v1/applications')
      .set('Authorization', `Bearer ${renewed.body.token}`)
      .expect(200);
  });

  it('logout revokes the session token', async () => {
    const { token } = (
      await request(sim.url)
        .post('/api/v1/session')
        .send({ username: 'admin', password: 'slipway' })
    ).body;
    await request(sim.url)
      .delete('/api/v1/session')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .expect(200);
    const after = await request(sim.url)
      .get('/api/v1/applications')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    expect(after.body.message).toBe(
      'invalid session: token is revoked, please re-login',
    );
  });

  it('hides a missing app behind 403 without ?project= and reports 404 with it', async () => {
    const api = (path: string) =>
      request(sim.url).get(path).set('Authorization', 'Bearer static-token');
    expect((await api('/api/v1/applications/ghost').expect(403)).body).toEqual({
      error: 'permission denied',
      code: 7,
      message: 'permission denied',
    });
    expect(
      (await api('/api/v1/applications/ghost?project=default').expect(404))
        .body,
    ).toEqual({
      error: 'applications.argoproj.io "ghost" not found',
      code: 5,
      message: 'applications.argoproj.io "ghost" not found',
    });
    // An existing app in another project is a 404 too; its own project finds it.
    await api('/api/v1/applications/payments-api-prod?project=default').expect(
      404,
    );
    await api(
      '/api/v1/applications/payments-api-prod?project=production',
    ).expect(200);
    await api(
      '/api/v1/applications/payments-api-prod?project=a&project=b',
    ).expect(400);
    // The same rules on sub-resources, and appNamespace selects the namespace.
    await api('/api/v1/applications/ghost/resource-tree').expect(403);
    await api('/api/v1/applications/ghost/events?project=default').expect(404);
    await api(
      '/api/v1/applications/payments-api-dev?appNamespace=team-a',
    ).expect(403);
    await api(
      '/api/v1/applications/payments-api-dev?appNamespace=argocd',
    ).expect(200);
    await request(sim.url).get('/api/v1/applications/ghost').expect(401);
  });

  it('rejects writes without Content-Type: application/json and unknown API routes like argocd-server', async () => {
    const res = await request(sim.url)
      .post('/api/v1/applications/payments-api-dev/sync')
      .set('Authorization', 'Bearer static-token')
      .set('Content-Type', 'text/plain')
      .send('{}')
      .expect(415);
    expect(res.text).toBe('Invalid content type\n');
    const unknown = await request(sim.url)
      .get('/api/v1/nothing-here')
      .expect(404);
    expect(unknown.body).toEqual({
      error: 'Not Found',
      code: 5,
      message: 'Not Found',
    });
  });
});
