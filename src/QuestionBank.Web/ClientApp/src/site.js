// Behaviour every page shares. It lives here rather than in the markup because the site's
// Content-Security-Policy runs no inline scripts and no event-handler attributes (onclick=…).

// <form data-confirm="Question?">: asks before submitting; Cancel keeps the form unsent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
