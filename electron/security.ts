// The rules that keep the window to the app's own content.
import type { WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vrr';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** What a mailto: link may fill in: never an attachment (some mail programs attach a local file named in `attach`). */
const MAILTO_FIELDS = new Set(['subject', 'body', 'cc', 'bcc', 'to']);

/** Links that may leave the app for the system browser: secure web pages and plain e-mail, never files or scripts. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return [...url.searchParams.keys()].every((key) => MAILTO_FIELDS.has(key.toLowerCase()));
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
}

/** True for the app's own top-level page; subframes and any other origin are refused. */
export function isTrustedFrame(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

/** No navigation away from the app and no new windows; allowed links go to the system browser instead. */
export function lockDownContents(contents: WebContents, openExternal: (url: string) => unknown): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
}
