// MathJax's TeX input and SVG output through its lite adaptor, as Marp Core typesets: the SVG carries
// its glyphs as paths, so the page needs no math fonts and the deck works offline.
import { mathjax } from '@mathjax/src/js/mathjax.js';
import { liteAdaptor } from '@mathjax/src/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from '@mathjax/src/js/handlers/html.js';
import { TeX } from '@mathjax/src/js/input/tex.js';
import { SVG } from '@mathjax/src/js/output/svg.js';
import '@mathjax/src/js/util/asyncLoad/esm.js';
import '@mathjax/src/js/input/tex/base/BaseConfiguration.js';
import '@mathjax/src/js/input/tex/ams/AmsConfiguration.js';
import '@mathjax/src/js/input/tex/amscd/AmsCdConfiguration.js';
import '@mathjax/src/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import '@mathjax/src/js/input/tex/braket/BraketConfiguration.js';
import '@mathjax/src/js/input/tex/cancel/CancelConfiguration.js';
import '@mathjax/src/js/input/tex/cases/CasesConfiguration.js';
import '@mathjax/src/js/input/tex/color/ColorConfiguration.js';
import '@mathjax/src/js/input/tex/enclose/EncloseConfiguration.js';
import '@mathjax/src/js/input/tex/gensymb/GensymbConfiguration.js';
import '@mathjax/src/js/input/tex/mathtools/MathtoolsConfiguration.js';
import '@mathjax/src/js/input/tex/newcommand/NewcommandConfiguration.js';
import '@mathjax/src/js/input/tex/noundefined/NoUndefinedConfiguration.js';
import '@mathjax/src/js/input/tex/physics/PhysicsConfiguration.js';
import '@mathjax/src/js/input/tex/textmacros/TextMacrosConfiguration.js';
import '@mathjax/src/js/input/tex/unicode/UnicodeConfiguration.js';
import '@mathjax/src/js/input/tex/units/UnitsConfiguration.js';
import '@mathjax/src/js/input/tex/upgreek/UpgreekConfiguration.js';
import { MathError, type MathEngine } from './math-engine';

/** Marp Core's TeX packages, less `html` (\style, \class, \cssId, \data: author CSS and ids inside
 *  math), `action` (\toggle, \tooltip: script-driven), and the ones that need extra font packages. */
const PACKAGES = [
  'base', 'ams', 'amscd', 'boldsymbol', 'braket', 'cancel', 'cases', 'color', 'enclose', 'gensymb',
  'mathtools', 'newcommand', 'noundefined', 'physics', 'textmacros', 'unicode', 'units', 'upgreek',
];

export async function createMathJaxEngine(): Promise<MathEngine> {
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX({
    packages: PACKAGES,
    // A TeX error is the author's to fix: reported with its line instead of drawn in red.
    formatError: (_jax: unknown, error: { message: string }) => {
      throw new MathError(error.message);
    },
  });
  const svg = new SVG({ fontCache: 'none' });
  const document = mathjax.document('', { InputJax: tex, OutputJax: svg });
  // Characters outside the font's base set live in files MathJax loads on first use, which a
  // synchronous typeset cannot wait for: load them all now.
  await svg.font.loadDynamicFiles();
  return {
    // Display math as a centred block, inline line breaks: MathJax's own rules, as Marp Core adds them.
    css: adaptor.textContent(svg.styleSheet(document) as Parameters<typeof adaptor.textContent>[0]),
    typeset(source, display) {
      const node = document.convert(source, { display });
      if (display) {
        // As Marp Core: a display formula is a block as wide as the slide, scaled down when wider.
        const svgNode = adaptor.firstChild(node) as Parameters<typeof adaptor.getAttribute>[0];
        const height = adaptor.getAttribute(svgNode, 'height');
        adaptor.setStyle(node, 'margin', '0');
        adaptor.setStyle(svgNode, 'display', 'block');
        adaptor.setStyle(svgNode, 'width', '100%');
        adaptor.setStyle(svgNode, 'height', 'auto');
        adaptor.setStyle(svgNode, 'max-height', height);
      }
      return adaptor.outerHTML(node);
    },
  };
}
