/**
 * The playground page's entry point (index.html loads it, with everything it imports, as the
 * one file dist/esm/playground/bundle.js that `npm run build` writes): shows one view at a time,
 * chosen by the address's #fragment, and builds each view the first time it is shown. Every view
 * computes with the package's ES module build (../index.js and ../math.js, the `ecdh-lab` and
 * `ecdh-lab/math` entry points), here in the browser; the page loads nothing from elsewhere.
 */
import { mountAttack } from './attack-view.js';
import { mountBench } from './bench-view.js';
import { mountCurve } from './curve-view.js';
import { h } from './dom.js';
import { mountEcdh } from './ecdh-view.js';
import { mountEcdsa } from './ecdsa-view.js';
import { mountField } from './field-view.js';
import { mountScalar } from './scalar-view.js';

const VIEWS: Record<string, (root: HTMLElement) => void> = {
  field: mountField,
  curve: mountCurve,
  scalar: mountScalar,
  ecdh: mountEcdh,
  attack: mountAttack,
  ecdsa: mountEcdsa,
  bench: mountBench,
};
const DEFAULT_VIEW = 'field';
const mounted = new Set<string>();

/** Shows a message at the top of the page (and leaves the error in the console). */
function showError(message: string): void {
  const banner = document.getElementById('errors');
  if (banner === null) return;
  banner.hidden = false;
  banner.append(h('p', {}, message));
}

function show(name: string): void {
  const view = name in VIEWS ? name : DEFAULT_VIEW;
  for (const section of document.querySelectorAll<HTMLElement>('main > section[data-view]')) {
    const active = section.dataset.view === view;
    section.hidden = !active;
    if (active && !mounted.has(view)) {
      mounted.add(view);
      const body = section.querySelector<HTMLElement>('.view-body') ?? section;
      try {
        const start = performance.now();
        VIEWS[view](body);
        section.dataset.mountMs = String(Math.round(performance.now() - start));
      } catch (error) {
        console.error(error);
        showError(`The ${view} view failed: ${(error as Error).message}`);
      }
    }
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    link.setAttribute('aria-current', link.dataset.view === view ? 'page' : 'false');
  }
  document.documentElement.dataset.view = view;
}

window.addEventListener('error', (event) => showError(`Error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) =>
  showError(`Error: ${String(event.reason)}`),
);
window.addEventListener('hashchange', () => show(location.hash.slice(1)));

show(location.hash.slice(1));
// Milliseconds from the start of navigation to the first view built and listening.
const readyMs = Math.round(performance.now());
const loaded = document.getElementById('loaded');
if (loaded !== null) loaded.textContent = `Loaded and computed in ${readyMs} ms.`;
document.documentElement.dataset.readyMs = String(readyMs);
document.documentElement.dataset.ready = 'true';
