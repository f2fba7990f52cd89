import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkClient, claimsFor, clientMetadata, grantedScopes, pairwiseSub, subjectOf, type Account } from './model.ts';

describe('client registration rules', () => {
  it('normalizes a relying party: default scopes, openid always', () => {
    const r = checkClient({ name: ' 办件系统 ', grant: 'authorization_code', redirectUris: ['https://a.example/cb', 'https://a.example/cb'] }, false);
    expect(r).toEqual({
      ok: true,
      client: { name: '办件系统', grant: 'authorization_code', redirectUris: ['https://a.example/cb'], postLogoutRedirectUris: [], backchannelLogoutUri: null, scopes: ['openid', 'offline_access', 'profile'] },
    });
    const s = checkClient({ name: 'x', grant: 'authorization_code', redirectUris: ['https://a.example/cb'], scopes: ['profile', 'id_number'] }, false);
    expect(s.ok && s.client.scopes).toEqual(['openid', 'profile', 'id_number']);
  });

  it('names every problem of a registration', () => {
    const r = checkClient(
      { name: ' ', grant: 'authorization_code', redirectUris: ['http://dept.example/cb', 'not a uri', 'https://x.example/cb#frag'], backchannelLogoutUri: 'ftp://x', scopes: ['openid', 'cases:read'] },
      false,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => `${p.field} ${p.rule}`)).toEqual([
      'name required',
      'redirectUris/0 https',
      'redirectUris/1 format',
      'redirectUris/2 format',
      'backchannelLogoutUri/0 format',
      'scopes/1 enum',
    ]);
    expect(checkClient({ name: 'x', grant: 'authorization_code' }, true)).toMatchObject({ ok: false, problems: [{ field: 'redirectUris', rule: 'required' }] });
  });

  it('allows http outside production, and on loopback addresses always', () => {
    expect(checkClient({ name: 'x', grant: 'authorization_code', redirectUris: ['http://dept.example/cb'] }, true).ok).toBe(true);
    expect(checkClient({ name: 'x', grant: 'authorization_code', redirectUris: ['http://127.0.0.1:8080/cb'] }, false).ok).toBe(true);
  });

  it('keeps machine clients to machine scopes and no browser addresses', () => {
    expect(checkClient({ name: 'x', grant: 'client_credentials', scopes: ['cases:read', 'licenses.verify'] }, false)).toMatchObject({ ok: true, client: { scopes: ['cases:read', 'licenses.verify'] } });
    const r = checkClient({ name: 'x', grant: 'client_credentials', redirectUris: ['https://a.example/cb'], scopes: ['openid', 'Bad Scope'] }, false);
    expect(!r.ok && r.problems.map((p) => `${p.field} ${p.rule}`)).toEqual(['redirectUris absent', 'scopes/0 pattern', 'scopes/1 pattern']);
  });

  it('tells the provider what each kind of client may do', () => {
    const base = { id: 'c1', secretHash: 'ab', name: 'n', postLogoutRedirectUris: [], backchannelLogoutUri: null };
    expect(clientMetadata({ ...base, grant: 'client_credentials', redirectUris: [], scopes: ['cases:read'] })).toEqual({
      client_id: 'c1',
      client_secret: 'ab',
      client_name: 'n',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      subject_type: 'public',
    });
    expect(clientMetadata({ ...base, grant: 'authorization_code', redirectUris: ['https://a/cb'], scopes: ['openid'], backchannelLogoutUri: 'https://a/bc' })).toMatchObject({
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      subject_type: 'pairwise',
      scope: 'openid',
      backchannel_logout_uri: 'https://a/bc',
      backchannel_logout_session_required: true,
    });
  });
});

describe('pairwise subjects', () => {
  const id = fc.uuid();
  it('differ between clients, repeat at one client, and ignore whom a person acts for', () => {
    fc.assert(
      fc.property(id, id, id, fc.string({ minLength: 18, maxLength: 18 }), (person, c1, c2, creditCode) => {
        fc.pre(c1 !== c2);
        const account = `person:${person}`;
        expect(pairwiseSub('salt', c1, account)).toBe(pairwiseSub('salt', c1, account));
        expect(pairwiseSub('salt', c1, account)).not.toBe(pairwiseSub('salt', c2, account));
        expect(pairwiseSub('salt', c1, `${account}@${creditCode.replaceAll('@', 'x')}`)).toBe(pairwiseSub('salt', c1, account));
        expect(pairwiseSub('other', c1, account)).not.toBe(pairwiseSub('salt', c1, account));
      }),
    );
    expect(subjectOf('person:1@91420100MA4K0001X')).toBe('person:1');
  });
});

describe('claims', () => {
  const person: Account = {
    kind: 'person',
    id: 'p1',
    name: '张三',
    idNumberMasked: '4201**********1234',
    idNumber: async () => '420102199003071234',
    actingFor: { creditCode: '91420100MA4K0001X', name: '武汉某某有限公司' },
  };

  it('release what each granted scope covers; the full ID number only with id_number, reported once', async () => {
    const released: string[] = [];
    const release = async (c: string) => void released.push(c);
    expect(await claimsFor('person:p1', person, new Set(['openid', 'profile']), release)).toEqual({ sub: 'person:p1', name: '张三', id_number_masked: '4201**********1234' });
    expect(released).toEqual([]);
    expect(await claimsFor('person:p1', person, new Set(['openid', 'id_number', 'entity']), release)).toEqual({
      sub: 'person:p1',
      id_number: '420102199003071234',
      acting_for: { credit_code: '91420100MA4K0001X', name: '武汉某某有限公司' },
    });
    expect(released).toEqual(['id_number']);
  });

  it('say acting_for is null for someone acting for themselves, and give staff no ID number', async () => {
    const staff: Account = { kind: 'staff', id: 's1', name: '李四' };
    const never = async () => {
      throw new Error('nothing to release');
    };
    expect(await claimsFor('staff:s1', staff, new Set(['openid', 'profile', 'id_number', 'entity']), never)).toEqual({ sub: 'staff:s1', name: '李四', acting_for: null });
  });

  it('grant only what was asked within what the client is registered for', () => {
    expect(grantedScopes('openid profile id_number', 'openid offline_access profile')).toEqual(['openid', 'profile']);
    expect(grantedScopes(undefined, 'openid')).toEqual([]);
    expect(grantedScopes('openid', undefined)).toEqual([]);
  });
});
