// Behaviour every page shares. It lives here rather than in the markup because the site's
// Content-Security-Policy runs no inline scripts and no event-handler attributes (onclick=…).
import { t } from "./text.js";

// <form data-confirm="Question?">: asks before submitting; Cancel keeps the form unsent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// The header search box suggests glossary terms and question titles as you type. Without
// JavaScript the box is a plain form that submits to /search.
const searchBox = document.querySelector("form.search-form input[name=q]");
if (searchBox) {
  setUpSuggestions(searchBox);
}

function setUpSuggestions(input) {
  const list = document.createElement("ul");
  list.id = "search-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.form.append(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  input.autocomplete = "off";

  let options = [];
  let active = -1;
  let timer;
  let pending;

  const close = () => {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };

  const highlight = (index) => {
    active = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", options[active].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const render = (suggestions) => {
    // Suggestions are set as text, never as markup: titles and terms reach the page inert. An option
    // holds no link (no interactive element inside another): choosing it goes to its address.
    options = suggestions.map((suggestion, i) => {
      const item = document.createElement("li");
      item.id = `search-suggestion-${i}`;
      item.setAttribute("role", "option");
      item.className = `suggestion suggestion-${suggestion.kind}`;
      item.dataset.href = suggestion.kind === "question"
        ? `/questions/${encodeURIComponent(suggestion.target)}`
        : `/search?q=${encodeURIComponent(suggestion.target)}`;
      if (suggestion.kind === "term") {
        const kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = `${t("Term")} `;
        item.append(kind);
      }
      // A title's formulas come as TeX parts, drawn by math.js (KaTeX) once the list is in place.
      for (const part of suggestion.parts) {
        if (part.isFormula) {
          const formula = document.createElement("span");
          formula.className = "math";
          formula.textContent = `\\(${part.text}\\)`;
          item.append(formula);
        } else {
          item.append(part.text);
        }
      }
      return item;
    });
    list.replaceChildren(...options);
    window.renderMath?.(list);
    highlight(-1);
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };

  const suggest = async () => {
    const query = input.value.trim();
    pending?.abort();
    if (!query) {
      close();
      return;
    }
    pending = new AbortController();
    try {
      const response = await fetch(`/api/search/suggest?q=${encodeURIComponent(query)}`, {
        signal: pending.signal,
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        render(await response.json());
      } else {
        close();
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        close();
      }
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 80);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden || options.length === 0) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the box itself, between the last suggestion and the first.
      highlight(((active + 1 + step + options.length + 1) % (options.length + 1)) - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.assign(options[active].dataset.href);
    } else if (event.key === "Escape") {
      // Only the list closes: a search box would also clear what was typed.
      event.preventDefault();
      close();
    }
  });
  // Keep the focus in the box while a suggestion is clicked, so the list is still there for the click.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) window.location.assign(option.dataset.href);
  });
  input.addEventListener("blur", close);
}

// /review: space shows the answer, 1–4 rate it (Again, Hard, Good, Easy) once it is shown, Z takes the
// last rating back. Each card starts with the focus on its reveal control, and the shown answer with it on
// Good, so the keyboard alone goes on from where the eyes are. Without JavaScript the answer is a
// <details> to open and the grades and Undo are plain buttons.
const review = document.querySelector("[data-review]");
if (review) {
  const answer = review.querySelector("details.review-answer");
  answer?.querySelector("summary").focus();
  answer?.addEventListener("toggle", () => {
    if (answer.open) review.querySelector('button[data-rating="3"]')?.focus();
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) {
      return;
    }
    if (event.key === "z" || event.key === "Z") {
      review.querySelector("[data-action=undo]")?.click();
    } else if (!answer) {
      return;
    } else if (event.key === " " && !answer.open) {
      event.preventDefault();
      answer.open = true;
    } else if (answer.open && ["1", "2", "3", "4"].includes(event.key)) {
      review.querySelector(`button[data-rating="${event.key}"]`)?.click();
    }
  });
}

// A question page's self-test: what would give the answer away (the exercise's original code) unfolds
// with the answer, and folds again with it.
const answer = document.querySelector("details#answer");
if (answer) {
  const unfold = () => document.querySelectorAll(".unfolds-with-answer").forEach((part) => { part.hidden = !answer.open; });
  answer.addEventListener("toggle", unfold);
  document.querySelectorAll("[data-folded-note]").forEach((note) => {
    answer.addEventListener("toggle", () => { note.hidden = answer.open; });
  });
}

// The exercise's code tabs (your C#, the original Python), as the WAI-ARIA tabs pattern: arrows move
// between tabs. Without script both panes show one above the other.
document.querySelectorAll("[data-role=code-tabs]").forEach((box) => {
  const tabList = box.querySelector("[role=tablist]");
  const tabs = [...tabList.querySelectorAll("[role=tab]")];
  const select = (chosen) => tabs.forEach((tab) => {
    const on = tab === chosen;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
  });
  tabList.hidden = false;
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        const next = tabs[(i + step + tabs.length) % tabs.length];
        select(next);
        next.focus();
      }
    });
  });
  select(tabs[0]);
});

// Search on a phone: the filters fold behind a button below the query, so results come first.
const facetsToggle = document.querySelector(".facets-toggle");
const facets = document.getElementById("facets");
if (facetsToggle && facets) {
  const phone = window.matchMedia("(max-width: 700px)");
  const fit = () => {
    facetsToggle.hidden = !phone.matches;
    facets.hidden = phone.matches && facetsToggle.getAttribute("aria-expanded") !== "true";
  };
  facetsToggle.addEventListener("click", () => {
    facetsToggle.setAttribute("aria-expanded", String(facetsToggle.getAttribute("aria-expanded") !== "true"));
    fit();
  });
  phone.addEventListener("change", fit);
  fit();
}

// /me: the year's heatmap opens at its end, today, when it is wider than the screen.
document.querySelectorAll("figure.heatmap").forEach((heatmap) => {
  heatmap.scrollLeft = heatmap.scrollWidth;
});

// Code blocks and wide tables scroll sideways; a keyboard reaches them to scroll them too.
document.querySelectorAll("pre, .markdown table, .admin-table").forEach((box) => {
  if (!box.closest(".cm-editor")) box.tabIndex = 0;
});
