// The page's words in its language: the server writes them into <script type="application/json" id="ui-text">
// (Localization/ClientText.cs). A word the page lacks shows as its English key.
const words = JSON.parse(document.getElementById("ui-text")?.textContent || "{}");

export function t(key, ...values) {
  return (words[key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(values[Number(i)]));
}
