// Behaviour every page shares. It lives here rather than in the markup because the site's
// Content-Security-Policy runs no inline scripts and no event-handler attributes (onclick=…).

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

  let links = [];
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
    links.forEach((link, i) => link.parentElement.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", links[active].parentElement.id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const render = (suggestions) => {
    // Suggestions are set as text, never as markup: titles and terms reach the page inert.
    links = suggestions.map((suggestion, i) => {
      const item = document.createElement("li");
      item.id = `search-suggestion-${i}`;
      item.setAttribute("role", "option");
      item.className = `suggestion suggestion-${suggestion.kind}`;
      const link = document.createElement("a");
      link.href = suggestion.kind === "question"
        ? `/questions/${encodeURIComponent(suggestion.target)}`
        : `/search?q=${encodeURIComponent(suggestion.target)}`;
      link.textContent = suggestion.text;
      link.tabIndex = -1;
      item.append(link);
      return link;
    });
    list.replaceChildren(...links.map((link) => link.parentElement));
    highlight(-1);
    list.hidden = links.length === 0;
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
    if (list.hidden || links.length === 0) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the box itself, between the last suggestion and the first.
      highlight(((active + 1 + step + links.length + 1) % (links.length + 1)) - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.assign(links[active].href);
    } else if (event.key === "Escape") {
      // Only the list closes: a search box would also clear what was typed.
      event.preventDefault();
      close();
    }
  });
  // Keep the focus in the box while a suggestion is clicked, so the list is still there for the click.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  input.addEventListener("blur", close);
}

// /review: space shows the answer, 1–4 rate it (Again, Hard, Good, Easy) once it is shown.
// Without JavaScript the answer is a <details> to open and the ratings are plain buttons.
const review = document.querySelector("[data-review]");
if (review) {
  document.addEventListener("keydown", (event) => {
    const answer = review.querySelector("details.review-answer");
    if (!answer || event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) {
      return;
    }
    if (event.key === " " && !answer.open) {
      event.preventDefault();
      answer.open = true;
    } else if (answer.open && ["1", "2", "3", "4"].includes(event.key)) {
      review.querySelector(`button[data-rating="${event.key}"]`)?.click();
    }
  });
}
