import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { fetchPage, FetchOptions, isPrivateAddress, normalizeUrl } from './url-fetcher';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd12:3456::1', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '64:ff9b::10.0.0.1', 'not-an-ip',
  ])('%s is private (or not an address)', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe('normalizeUrl', () => {
  it('lower-cases scheme and host, drops the default port and the fragment', () => {
    expect(normalizeUrl(' HTTPS://Help.Example.COM:443/Guide?x=1#top ')).toBe('https://help.example.com/Guide?x=1');
    expect(normalizeUrl('http://example.com')).toBe('http://example.com/');
  });

  it.each([
    ['ftp://example.com/file', 'Only http and https URLs can be imported, not ftp'],
    ['file:///etc/passwd', 'Only http and https URLs can be imported, not file'],
    ['not a url', '"not a url" is not a valid URL'],
    ['https://user:pw@example.com/', 'URLs with a user name or password cannot be imported'],
  ])('refuses %s', (url, message) => {
    expect(() => normalizeUrl(url)).toThrow(expect.objectContaining({ problem: 'url_not_allowed', message }));
  });
});

describe('fetchPage', () => {
  let server: http.Server;
  let base: string;
  const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
    '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>Hi</title><p>Héllo</p>'),
    '/latin': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from('<meta charset="iso-8859-1"><p>caf\xe9</p>', 'latin1')),
    '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words'),
    '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    '/missing': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('nope'),
    '/redirect': (_req, res) => res.writeHead(302, { location: '/page' }).end(),
    '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
    '/big': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(20_000)),
    '/gzip-bomb': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(zlib.gzipSync('y'.repeat(50_000))),
    '/gzip': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync('<p>zipped</p>')),
    '/slow': () => undefined, // never answers
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => (routes[req.url ?? ''] ?? routes['/missing'])(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const open: FetchOptions = { timeoutMs: 2000, maxBytes: 10_000, allowPrivate: true };

  it('fetches HTML and plain text, follows redirects, decompresses and honours the charset', async () => {
    await expect(fetchPage(`${base}/page`, open)).resolves.toEqual({ url: `${base}/page`, kind: 'html', body: '<title>Hi</title><p>Héllo</p>' });
    await expect(fetchPage(`${base}/text`, open)).resolves.toMatchObject({ kind: 'text', body: 'plain words' });
    await expect(fetchPage(`${base}/redirect`, open)).resolves.toMatchObject({ url: `${base}/page`, kind: 'html' });
    await expect(fetchPage(`${base}/gzip`, open)).resolves.toMatchObject({ body: '<p>zipped</p>' });
    expect((await fetchPage(`${base}/latin`, open)).body).toContain('café');
  });

  it.each([
    ['/missing', 'url_failed', '/missing answered 404 Not Found'],
    ['/json', 'unsupported_type', 'is application/json, not a web page'],
    ['/big', 'too_large', '/big is larger than the 10 KB limit'],
    ['/gzip-bomb', 'too_large', 'is larger than the'],
    ['/loop', 'url_failed', 'redirects too many times'],
  ])('refuses %s (%s)', async (path, problem, message) => {
    await expect(fetchPage(`${base}${path}`, open)).rejects.toMatchObject({ problem, message: expect.stringContaining(message) });
  });

  it('says when the server cannot be reached or does not answer in time', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchPage(`http://127.0.0.1:${port}/`, open)).rejects.toMatchObject({ problem: 'url_unreachable', message: `Could not fetch http://127.0.0.1:${port}/: the connection was refused` });
    await expect(fetchPage(`${base}/slow`, { ...open, timeoutMs: 300 })).rejects.toMatchObject({ problem: 'url_unreachable', message: expect.stringContaining('did not answer within') });
    await expect(fetchPage('http://no-such-host.invalid/', open)).rejects.toMatchObject({ problem: 'url_unreachable' });
  });

  it('refuses private addresses unless allowed: IP literals, names that resolve to them, and redirects to them', async () => {
    const closedDoor: FetchOptions = { ...open, allowPrivate: false };
    await expect(fetchPage(`${base}/page`, closedDoor)).rejects.toMatchObject({ problem: 'url_not_allowed', message: expect.stringContaining('private or loopback address (127.0.0.1)') });
    const port = (server.address() as AddressInfo).port;
    await expect(fetchPage(`http://localhost:${port}/page`, closedDoor)).rejects.toMatchObject({ problem: 'url_not_allowed' });
    await expect(fetchPage(`http://[::1]:${port}/page`, closedDoor)).rejects.toMatchObject({ problem: 'url_not_allowed' });
  });
});
