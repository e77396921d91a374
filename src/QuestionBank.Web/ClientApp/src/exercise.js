// The exercise panel of a coding question (editor, run, live chart, result) and the run page's
// chart. Talks to /api/exercises and /api/runs; progress arrives as server-sent events.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { StreamLanguage, indentUnit } from "@codemirror/language";
import { csharp } from "@codemirror/legacy-modes/mode/clike";
import { python } from "@codemirror/legacy-modes/mode/python";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import Chart from "chart.js/auto";
import { t } from "./text.js";

// This response's Content-Security-Policy nonce for styles, on this script's own tag: CodeMirror
// mounts its theme as a <style> element, which the policy applies only when it carries the nonce.
const STYLE_NONCE = document.currentScript?.nonce ?? "";
const FINAL = ["succeeded", "failed", "compile_error", "timeout", "memory_limit", "cancelled", "server_busy"];
const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
const STATUS_TEXT = {
  queued: "Queued",
  running: "Running",
  succeeded: "Finished",
  failed: "Failed",
  compile_error: "Compile error",
  timeout: "Timed out",
  memory_limit: "Memory limit",
  cancelled: "Cancelled",
  server_busy: "Server busy",
};
const statusText = (status) => t(STATUS_TEXT[status] ?? status);
// The editor's highlighting and its name for screen readers, per language an exercise can be written in.
const EDITOR_LANGUAGES = {
  csharp: { mode: csharp, label: "C# source" },
  python: { mode: python, label: "Python source" },
};
// Debian's PyTorch in the sandbox is a CPU build: the API refuses a Python run on another device.
const PYTHON_DEVICE = "cpu";

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function createChart(canvas) {
  canvas.dataset.points = "0";
  return new Chart(canvas, {
    type: "line",
    data: { datasets: [] },
    options: {
      animation: false,
      parsing: false,
      maintainAspectRatio: false,
      scales: {
        x: { type: "linear", title: { display: true, text: t("step") } },
        loss: { position: "left", title: { display: true, text: t("loss") } },
        metric: { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: t("metric") } },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
}

function addPoint(chart, step, metrics) {
  for (const [name, value] of Object.entries(metrics ?? {})) {
    let dataset = chart.data.datasets.find((d) => d.label === name);
    if (!dataset) {
      const color = COLORS[chart.data.datasets.length % COLORS.length];
      dataset = { label: name, data: [], borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 2,
        yAxisID: name.includes("loss") ? "loss" : "metric" };
      chart.data.datasets.push(dataset);
    }
    dataset.data.push({ x: step, y: value });
  }
  chart.canvas.dataset.points = String(Number(chart.canvas.dataset.points) + 1);
  chart.update("none");
}

// Streams a run's events until it ends; resolves with the final status.
function streamRun(runId, handlers) {
  return new Promise((resolve) => {
    const source = new EventSource(`/api/runs/${runId}/events`);
    source.addEventListener("progress", (e) => handlers.progress?.(JSON.parse(e.data)));
    source.addEventListener("queue", (e) => handlers.queue?.(JSON.parse(e.data)));
    source.addEventListener("status", (e) => {
      const event = JSON.parse(e.data);
      handlers.status?.(event.status);
      if (FINAL.includes(event.status)) {
        source.close(); // Otherwise EventSource reconnects when the server ends the stream.
        resolve(event.status);
      }
    });
  });
}

function formatMetric(value) {
  return Math.abs(value) >= 100 ? value.toFixed(1) : Number(value.toPrecision(4)).toString();
}

function goalText(goal) {
  if (goal.minimum != null && goal.maximum == null) return `≥ ${goal.minimum}`;
  if (goal.maximum != null && goal.minimum == null) return `≤ ${goal.maximum}`;
  return `${goal.minimum} – ${goal.maximum}`;
}

// Only the judge writes metrics: a judged run met its goal or missed it (a miss is not a crash, in
// words or colour); any other run has its status. The same words as the pages' (RunFormatting).
function outcome(run) {
  if (Object.keys(run.metrics).length === 0) return run.status;
  return run.goalsMet ? "met" : "missed";
}

function outcomeText(run) {
  const kind = outcome(run);
  if (kind === "met") return `${t("Goal met")} ✓`;
  return kind === "missed" ? t("Goal not met") : statusText(run.status);
}

function renderResult(container, run) {
  container.replaceChildren();
  container.dataset.status = run.status;
  container.append(element("p", { class: `verdict verdict-${outcome(run)}` }, outcomeText(run)));
  if (run.diagnostics.message) container.append(element("p", { class: "diagnostics" }, run.diagnostics.message));
  if (run.diagnostics.compileErrors.length > 0) {
    container.append(element("ul", { class: "compile-errors" },
      ...run.diagnostics.compileErrors.map((e) => element("li", {}, `${t("line {0}, column {1}:", e.line, e.column)} ${e.code} ${e.message}`))));
  }
  const metrics = Object.entries(run.metrics);
  if (metrics.length > 0) {
    const rows = metrics.map(([name, value]) => {
      const goal = run.goals.find((g) => g.metric === name);
      return element("tr", { "data-metric": name }, element("th", {}, name), element("td", {}, formatMetric(value)),
        element("td", { class: "muted" }, goal ? t("goal {0}", goalText(goal)) : ""));
    });
    container.append(element("table", { class: "metrics" }, element("tbody", {}, ...rows)));
  }
  for (const image of run.images) {
    container.append(element("figure", {}, element("img", { src: image.url, alt: image.name }), element("figcaption", {}, image.name)));
  }
  if (run.output) container.append(element("details", {}, element("summary", {}, t("Output")), element("pre", { class: "output" }, run.output)));
  container.append(element("p", {}, element("a", { href: `/runs/${run.id}`, "data-role": "run-link" }, t("Permanent run page →"))));
}

// The transaction that marks a run's compile errors (1-based lines and columns, C#'s and Python's alike) in an editor state.
function compileErrorMarkers(state, errors) {
  const doc = state.doc;
  const diagnostics = errors.map((e) => {
    const line = doc.line(Math.min(Math.max(e.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(e.column - 1, 0), line.to);
    return { from, to: Math.max(from, Math.min(from + 1, line.to)), severity: "error", message: `${e.code}: ${e.message}` };
  });
  return setDiagnostics(state, diagnostics);
}

// Where a language's draft of an exercise is kept; C# keeps the key it had before there was a choice.
function draftKey(exerciseId, language) {
  return language === "csharp" ? `qb.source.${exerciseId}` : `qb.source.${exerciseId}.${language}`;
}

// The learner's language, one choice for every exercise that offers it (like the font size).
const LANGUAGE_KEY = "qb.editor.language";

async function mountExercise(root) {
  const exerciseId = root.dataset.exercise;
  const exercise = await (await fetch(`/api/exercises/${exerciseId}`)).json();
  const chosen = localStorage.getItem(LANGUAGE_KEY);
  let language = exercise.languages.includes(chosen) ? chosen : exercise.languages[0];
  // Each language has an editor state of its own (draft, undo history, error markers): switching swaps them, so it loses nothing.
  const states = {};
  const createState = (lang) => EditorState.create({
    doc: localStorage.getItem(draftKey(exerciseId, lang)) ?? exercise.sources[lang].starter,
    extensions: [
      basicSetup,
      // Tab indents; Escape, then Tab, moves focus on (CodeMirror's tab-focus escape), so the editor is no keyboard trap.
      keymap.of([indentWithTab]),
      indentUnit.of("    "),
      EditorView.contentAttributes.of({ "aria-label": t(EDITOR_LANGUAGES[lang].label), tabindex: "0" }),
      EditorView.cspNonce.of(STYLE_NONCE),
      StreamLanguage.define(EDITOR_LANGUAGES[lang].mode),
      lintGutter(),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) localStorage.setItem(draftKey(exerciseId, lang), update.state.doc.toString());
      }),
    ],
  });
  const view = new EditorView({ state: createState(language), parent: root.querySelector("[data-role=editor]") });
  const code = () => exercise.sources[language];
  const mineKey = () => `${draftKey(exerciseId, language)}.mine`;
  const setSource = (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  root.querySelector("[data-action=reset]").addEventListener("click", () => setSource(code().starter));
  // Show solution keeps the learner's code (also across a reload) and offers it back.
  const restore = root.querySelector("[data-action=restore]");
  const showRestore = () => { restore.hidden = localStorage.getItem(mineKey()) === null; };
  showRestore();
  root.querySelector("[data-action=solution]").addEventListener("click", () => {
    const current = view.state.doc.toString();
    if (current !== code().solution) localStorage.setItem(mineKey(), current);
    setSource(code().solution);
    showRestore();
  });
  restore.addEventListener("click", () => {
    const mine = localStorage.getItem(mineKey());
    if (mine !== null) setSource(mine);
    localStorage.removeItem(mineKey());
    restore.hidden = true;
    view.focus();
  });
  setUpFullscreen(root);
  setUpFontSize(root, view);

  const form = root.querySelector("[data-role=run-form]");
  const device = form.elements.device;
  device.replaceChildren(...exercise.devices.map((d) => element("option", { value: d }, d)));
  // The learner's device, given back when they return from Python (which offers the cpu only) to C#.
  let chosenDevice = device.value;
  device.addEventListener("change", () => { chosenDevice = device.value; });
  const deviceNote = root.querySelector("[data-role=device-note]");
  const applyDeviceRule = () => {
    const cpuOnly = language === "python";
    for (const option of device.options) option.disabled = cpuOnly && option.value !== PYTHON_DEVICE;
    device.value = cpuOnly ? PYTHON_DEVICE : chosenDevice;
    deviceNote.hidden = !cpuOnly || exercise.devices.every((d) => d === PYTHON_DEVICE);
  };
  applyDeviceRule();

  const languageSelect = root.querySelector("[data-role=editor-language]");
  const sourceTab = root.querySelector("[data-role=source-tab]");
  if (languageSelect && exercise.languages.length > 1) {
    languageSelect.value = language;
    const showLanguage = () => {
      sourceTab.textContent = languageSelect.selectedOptions[0].textContent;
      showRestore();
      applyDeviceRule();
    };
    languageSelect.addEventListener("change", () => {
      states[language] = view.state;
      language = languageSelect.value;
      localStorage.setItem(LANGUAGE_KEY, language);
      view.setState(states[language] ?? createState(language));
      showLanguage();
    });
    showLanguage();
    languageSelect.closest("label").hidden = false;
  }
  // A run's compile errors go to its own language's editor state, also when the learner has switched meanwhile.
  const markCompileErrors = (lang, errors) => {
    if (lang === language) view.dispatch(compileErrorMarkers(view.state, errors));
    else if (states[lang]) states[lang] = states[lang].update(compileErrorMarkers(states[lang], errors)).state;
  };
  const { defaults, limits } = exercise.params;
  const fields = {
    epochs: [defaults.epochs, 1, limits.maxEpochs, 1],
    learningRate: [defaults.learningRate, limits.minLearningRate, limits.maxLearningRate, "any"],
    batchSize: [defaults.batchSize, limits.minBatchSize, limits.maxBatchSize, 1],
    seed: [defaults.seed, 0, 1000000, 1],
  };
  for (const [name, [value, min, max, step]] of Object.entries(fields)) {
    Object.assign(form.elements[name], { value, min, max, step });
  }

  const status = root.querySelector("[data-role=status]");
  const result = root.querySelector("[data-role=result]");
  const cancel = root.querySelector("[data-action=cancel]");
  const runButton = form.querySelector("[type=submit]");
  let chart = null;
  let runId = null;

  cancel.addEventListener("click", async () => {
    if (runId) await fetch(`/api/runs/${runId}/cancel`, { method: "POST" });
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const runLanguage = language;
    markCompileErrors(runLanguage, []);
    result.replaceChildren();
    const params = Object.fromEntries(Object.keys(fields).map((name) => [name, Number(form.elements[name].value)]));
    const response = await fetch("/api/runs", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ questionSlug: root.dataset.question, exercise: exerciseId, source: view.state.doc.toString(), language: runLanguage, device: device.value, params }),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const details = problem.errors ? Object.values(problem.errors).flat().join(" ") : problem.detail ?? response.statusText;
      status.textContent = `${problem.title ?? t("The run was refused")}: ${details}`;
      return;
    }
    runId = (await response.json()).id;
    root.dataset.runId = runId;
    chart?.destroy();
    chart = createChart(root.querySelector("[data-role=chart]"));
    runButton.disabled = true;
    cancel.hidden = false;
    const started = Date.now();
    let state = "queued";
    let queueNote = "";
    const show = () => {
      status.textContent = `${statusText(state)} · ${t("{0} s", ((Date.now() - started) / 1000).toFixed(0))}${queueNote}`;
      status.dataset.status = state;
    };
    const timer = setInterval(show, 500);
    show();
    await streamRun(runId, {
      progress: (e) => addPoint(chart, e.step, e.metrics),
      status: (s) => { state = s; queueNote = ""; show(); },
      queue: (e) => {
        queueNote = ` · ${t("queue position {0}", e.queuePosition)}` +
          (e.workersOnline === 0 ? ` · ${t("No sandbox worker is online; the run starts when one is.")}` : "");
        show();
      },
    });
    clearInterval(timer);
    runButton.disabled = false;
    cancel.hidden = true;
    const run = await (await fetch(`/api/runs/${runId}`)).json();
    // The final line says the outcome: "Goal not met" for a judged miss, not the status "failed".
    status.textContent = `${outcomeText(run)} · ${t("{0} s", ((Date.now() - started) / 1000).toFixed(0))}`;
    status.dataset.status = outcome(run);
    renderResult(result, run);
    markCompileErrors(runLanguage, run.diagnostics.compileErrors);
    await refreshRecentRuns();
  });
}

// "Recent runs" as the server renders it now (in the page's language), so a run that ended shows without a reload.
async function refreshRecentRuns() {
  const current = document.querySelector("[data-role=recent-runs]");
  if (!current) return;
  const response = await fetch(location.pathname, { headers: { Accept: "text/html" } });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-role=recent-runs]");
  if (fresh) current.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
}

// The exercise fills the screen and back; the button says which way it goes.
function setUpFullscreen(root) {
  const button = root.querySelector("[data-action=fullscreen]");
  if (!button || !document.fullscreenEnabled) return;
  button.hidden = false;
  const label = () => {
    const on = document.fullscreenElement === root;
    button.textContent = on ? t("Exit full screen") : t("Full screen");
  };
  button.addEventListener("click", () => (document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen()));
  document.addEventListener("fullscreenchange", label);
  label();
}

// The editor's font size, one choice for every exercise (LeetCode's control), kept across pages and visits.
const FONT_SIZE_KEY = "qb.editor.fontSize";

function setUpFontSize(root, view) {
  const select = root.querySelector("[data-role=font-size]");
  if (!select) return;
  const apply = () => {
    root.style.setProperty("--editor-font-size", `${select.value}px`);
    view.requestMeasure();
  };
  const saved = localStorage.getItem(FONT_SIZE_KEY);
  if ([...select.options].some((option) => option.value === saved)) select.value = saved;
  select.addEventListener("change", () => {
    localStorage.setItem(FONT_SIZE_KEY, select.value);
    apply();
  });
  apply();
  select.closest("label").hidden = false;
}

async function mountRunPage(root) {
  const chart = createChart(root.querySelector("[data-role=chart]"));
  const final = await streamRun(root.dataset.runId, { progress: (e) => addPoint(chart, e.step, e.metrics) });
  if (!FINAL.includes(root.dataset.status) && FINAL.includes(final)) location.reload();
}

document.querySelectorAll("[data-exercise]").forEach((root) => mountExercise(root));
document.querySelectorAll("[data-run-page]").forEach((root) => mountRunPage(root));
