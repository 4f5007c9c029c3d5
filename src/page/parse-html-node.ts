/**
 * Node only: parses saved HTML into a document with happy-dom, never running the page's scripts,
 * loading its resources or following its frames (saved phishing pages may carry live kits).
 */
import { Window } from 'happy-dom';
import type { PageSnapshot } from '../engine/types';
import { extractPage } from './extract';

export function snapshotFromHtml(html: string, url: string): PageSnapshot {
  return withParsedHtml(html, url, (doc) => extractPage(doc, { url }));
}

/** Parses `html` into a sandboxed document, hands it to `use`, and closes the window after. */
export function withParsedHtml<T>(html: string, url: string, use: (doc: Document) => T): T {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  try {
    const doc = window.document;
    doc.write(html);
    return use(doc as unknown as Document);
  } finally {
    void window.happyDOM.close();
  }
}
