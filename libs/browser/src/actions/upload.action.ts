import type { BrowserActionV1 } from '@webbyflow/contracts';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';
import type { ActionScope } from './action-call';
import { readFileInput } from './element.scripts';
import type { UploadFile, UploadFileResolver } from './upload-file.resolver';

type UploadFileAction = Extract<BrowserActionV1, { type: 'upload_file' }>;

/**
 * Fetches every file first (a failed download leaves the page untouched), then puts them into the file
 * input, or into the file chooser the element opens when it has no input of its own.
 */
export async function uploadFiles(
  scope: ActionScope,
  action: UploadFileAction,
  resolver: UploadFileResolver | undefined,
): Promise<void> {
  if (!resolver) {
    throw new BrowserException(BrowserExceptionCode.UPLOAD_FAILED, 'File uploads are not available in this service');
  }
  const target = await scope.target(action.elementId);
  const { locator } = target;
  const { call } = scope;
  const state = await target.read(readFileInput);
  if (state.where !== 'none' && !state.multiple && action.files.length > 1) {
    throw new BrowserException(
      BrowserExceptionCode.INVALID_ACTION,
      `${action.elementId} takes one file, not ${action.files.length}`,
    );
  }
  const files: UploadFile[] = await Promise.all(action.files.map((source) => resolver.resolve(source, call.signal)));
  scope.progress.acting();
  if (state.where === 'none') {
    const chooser = scope.session.page.waitForEvent('filechooser', call);
    chooser.catch(() => undefined); // awaited below; a failed click must not leave it unhandled
    await locator.click(call);
    await (await chooser).setFiles(files, call);
    return;
  }
  const input = state.where === 'self' ? locator : locator.locator('input[type=file]').first();
  await input.setInputFiles(files, call);
  const after = await target.read(readFileInput);
  if (after.files.length !== files.length) {
    throw new BrowserException(
      BrowserExceptionCode.ACTION_FAILED,
      `${action.elementId} holds ${after.files.length} file(s) after the upload, not ${files.length}`,
    );
  }
}
