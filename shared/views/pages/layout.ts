/**
 * The public pages' HTML building blocks: escaping, the document shell with its one stylesheet
 * (inline, allowed by its hash in the CSP: no request for it, no 'unsafe-inline'), and the error
 * page. No script at all: the pages work the same with JavaScript off.
 */
import { createHash } from 'node:crypto';
import { message } from '../../messages/catalogue.ts';
import type { Language } from '../../messages/define.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text and attribute values: every character that could end a text or an attribute is escaped. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const CSS = [
  ':root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}',
  'body{margin:0}header,main,footer{max-width:42rem;margin:0 auto;padding:0 1rem}',
  'header{padding-top:1rem}footer{padding-bottom:2rem;color:#444;font-size:.9rem}',
  'h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0}.subtitle{font-size:1.2rem;color:#333;margin-top:0}',
  'img.cover{width:100%;height:auto;border-radius:.5rem}',
  'a{color:#0b4fa8;text-decoration:underline}',
  '.status{display:inline-block;padding:.25rem .75rem;border-radius:1rem;background:#e8eef8;color:#0b2f66;font-weight:600}',
  '.status.off{background:#fbe9e7;color:#8a1c0c}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}',
  'form{margin:1.5rem 0;padding:1rem;border:1px solid #999;border-radius:.5rem}',
  'label{display:block;font-weight:600;margin-top:.75rem}',
  'input[type=text],input[type=email]{display:block;width:100%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #555;border-radius:.25rem}',
  '.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}.check input{margin-top:.35rem}',
  'button{margin-top:1rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:#0b4fa8;border:0;border-radius:.25rem;cursor:pointer}',
  'button.danger{background:#a3200f}',
  '.error{color:#a3200f;font-weight:600;margin:.25rem 0 0}',
  '.summary{border:2px solid #a3200f;padding:.5rem 1rem;border-radius:.25rem}',
  '.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
].join('');

const CSS_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

/** No script, no frame, no plugin; images from here or https; forms post here only. */
export const PAGE_CSP = `default-src 'none'; img-src 'self' https: data:; style-src '${CSS_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

/** The page's own headers: a strict CSP (no script at all; the one inline style is hashed), no framing, no referrer leaks. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export interface DocumentParts {
  lang: Language;
  title: string;
  /** Extra elements of <head> (meta, canonical link, JSON-LD), already escaped. */
  head?: string;
  body: string;
}

export function htmlDocument(parts: DocumentParts): string {
  return (
    `<!DOCTYPE html><html lang="${parts.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(parts.title)}</title>` +
    `${parts.head ?? ''}<style>${CSS}</style></head><body>${parts.body}</body></html>`
  );
}

export function errorPage(status: number, text: string, lang: Language, back?: { href: string }): string {
  const title = status === 404 ? message('PAGE.not_found')[lang] : `${message('PAGE.error')[lang]} ${status}`;
  return htmlDocument({
    lang,
    title,
    head: '<meta name="robots" content="noindex">',
    body:
      `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>` +
      `${back ? `<p><a href="${escapeHtml(back.href)}">${escapeHtml(message('PAGE.home_event')[lang])}</a></p>` : ''}</main>`,
  });
}
