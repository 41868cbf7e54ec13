import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BrowserExceptionCode } from '../browser.exception';
import { fileNameOf, UrlFileFetcher } from './upload-url.fetcher';

describe(UrlFileFetcher.name, () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/report.csv') {
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end('a,b\n1,2\n');
      } else if (path === '/named') {
        res.writeHead(200, { 'content-disposition': 'attachment; filename="Q3 report.pdf"' }).end('%PDF');
      } else if (path === '/big') {
        res.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000));
      } else if (path === '/big-chunked') {
        res.writeHead(200); // no Content-Length: only counting the bytes can stop it
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
        res.end();
      } else if (path === '/hang') {
        res.writeHead(200);
        res.write('x'); // then nothing: the body never ends
      } else {
        res.writeHead(404).end('missing');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const fetcher = new UrlFileFetcher({ maxBytes: 4096, timeoutMs: 500 });
  const signal = () => new AbortController().signal;

  it('should return the bytes, type and path name when the download succeeds', async () => {
    const file = await fetcher.fetch(`${base}/report.csv`, undefined, signal());
    expect(file).toEqual({ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  });

  it('should prefer the given name, then Content-Disposition, when they are present', async () => {
    expect((await fetcher.fetch(`${base}/report.csv`, 'mine.csv', signal())).name).toBe('mine.csv');
    expect(await fetcher.fetch(`${base}/named`, undefined, signal())).toMatchObject({
      name: 'Q3 report.pdf',
      mimeType: 'application/octet-stream',
    });
  });

  it.each([
    ['the server answers 404', '/missing', /answered 404/],
    ['Content-Length is over the cap', '/big', /5000 bytes, over the upload limit of 4096/],
    ['the body passes the cap without a length', '/big-chunked', /larger than the upload limit of 4096/],
    ['the body does not end in time', '/hang', /timed out after 500 ms/],
  ])('should fail with UPLOAD_FAILED when %s', async (_case, path, message) => {
    await expect(fetcher.fetch(`${base}${path}`, undefined, signal())).rejects.toMatchObject({
      code: BrowserExceptionCode.UPLOAD_FAILED,
      message: expect.stringMatching(message),
    });
  });

  it('should refuse a URL that is not http(s) before fetching anything', async () => {
    await expect(fetcher.fetch('file:///etc/passwd', undefined, signal())).rejects.toMatchObject({
      code: BrowserExceptionCode.INVALID_ACTION,
    });
  });

  it('should rethrow the caller’s abort instead of UPLOAD_FAILED when the action is aborted', async () => {
    const controller = new AbortController();
    const pending = fetcher.fetch(`${base}/hang`, undefined, controller.signal);
    controller.abort(new Error('task canceled'));
    await expect(pending).rejects.toThrow('task canceled');
  });
});

describe(fileNameOf.name, () => {
  it('should decode the name and strip path separators when the URL or header carries them', () => {
    expect(fileNameOf(new URL('https://x.test/a/My%20CV.pdf?x=1'), null)).toBe('My CV.pdf');
    expect(fileNameOf(new URL('https://x.test/'), null)).toBe('download');
    expect(fileNameOf(new URL('https://x.test/f'), "attachment; filename*=UTF-8''..%2Fetc%2Fpasswd")).toBe(
      '.._etc_passwd',
    );
  });
});
