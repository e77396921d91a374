// Formulas in answers and titles. Markdig (and TitleFormulas, for titles) writes $…$ as <span class="math">\(…\)</span> and $$…$$ as
// <div class="math">\[…\]</div>, the TeX as escaped text. KaTeX draws each one through the DOM
// (styles through the CSSOM, which the Content-Security-Policy allows) with `trust` off, so a
// formula can't add links, classes or attributes; a formula KaTeX can't parse stays as its text.
import katex from "katex";
import "katex/dist/katex.min.css";

// Draws the formulas under root; site.js calls it (window.renderMath) for the suggestions it adds.
function renderMath(root) {
  for (const element of root.querySelectorAll(".math")) {
    renderFormula(element);
  }
}

function renderFormula(element) {
  const displayMode = element.tagName === "DIV";
  const tex = element.textContent.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
  katex.render(tex, element, {
    displayMode,
    throwOnError: false,
    trust: false,
    strict: "ignore",
    // Bounds on what one formula may cost the reader's browser.
    maxSize: 20,
    maxExpand: 500,
  });
  // A few constructs (\vec's arrow and other stretchy SVGs) come with a style attribute, which the
  // policy refuses to apply; the same declarations set through the CSSOM are allowed.
  for (const styled of element.querySelectorAll("[style]")) {
    styled.style.cssText = styled.getAttribute("style");
  }
}

window.renderMath = renderMath;
renderMath(document);
