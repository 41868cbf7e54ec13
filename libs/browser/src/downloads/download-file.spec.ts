import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { contentTypeOf, readCapped, safeFileName } from './download-file';
import { DownloadExceptionCode } from './download.exception';

describe(readCapped.name, () => {
  const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

  it('should return the bytes and their sha256 when the download is within the cap', async () => {
    const { bytes, sha256 } = await readCapped(chunks('id,', 'value\n'), 9, new AbortController().signal);
    expect(bytes.toString()).toBe('id,value\n');
    expect(sha256).toBe(createHash('sha256').update('id,value\n').digest('hex'));
  });

  it('should throw TOO_LARGE when the download passes the cap', async () => {
    await expect(readCapped(chunks('id,', 'value\n'), 8, new AbortController().signal)).rejects.toMatchObject({
      code: DownloadExceptionCode.TOO_LARGE,
    });
  });

  it('should stop when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('task canceled'));
    await expect(readCapped(chunks('a'), 8, controller.signal)).rejects.toThrow();
  });
});

describe(safeFileName.name, () => {
  it('should keep a plain name and replace path separators and control characters', () => {
    expect(safeFileName('report.csv')).toBe('report.csv');
    expect(safeFileName('../etc/passwd')).toBe('.._etc_passwd');
    expect(safeFileName('a\u0000b\nc.txt')).toBe('a_b_c.txt');
  });

  it('should name an empty or dot-only file "download" and keep the end of a long name', () => {
    expect(safeFileName('  ')).toBe('download');
    expect(safeFileName('..')).toBe('download');
    expect(safeFileName(`${'x'.repeat(300)}.csv`)).toHaveLength(255);
    expect(safeFileName(`${'x'.repeat(300)}.csv`).endsWith('.csv')).toBe(true);
  });
});

describe(contentTypeOf.name, () => {
  it('should guess from the extension and fall back to octet-stream', () => {
    expect(contentTypeOf('Report.CSV')).toBe('text/csv');
    expect(contentTypeOf('settings.json')).toBe('application/json');
    expect(contentTypeOf('blob')).toBe('application/octet-stream');
  });
});
