import { accessToken, refresh } from '../session/session';
import { ApiError, type GraphQLErrorBody } from './api-error';

/**
 * A file the API serves behind the access token (the contacts spreadsheet): fetched with the
 * token, then handed to the browser as a download of the page's own making.
 */
export async function download(url: string, fileName: string): Promise<void> {
  const get = () => fetch(url, { headers: { authorization: `Bearer ${accessToken() ?? ''}` } });
  let response: Response;
  try {
    response = await get();
    if (response.status === 401 && (await refresh())) response = await get();
  } catch {
    throw ApiError.unreachable();
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { errors?: GraphQLErrorBody[] };
    throw ApiError.from(body.errors, response.status);
  }
  saveFile(await response.blob(), fileName);
}

/** A file the page made (or fetched) handed to the browser as a download. */
export function saveFile(file: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
