/* Screen readers announce the search result count: Sphinx writes it into a plain paragraph,
   so copy it into a polite live region (role="status") as soon as it appears. */
document.addEventListener("DOMContentLoaded", () => {
  const results = document.getElementById("search-results");
  const status = document.getElementById("handbook-search-status");
  if (!results || !status) return;
  new MutationObserver(() => {
    const summary = results.querySelector(".search-summary");
    const text = summary ? summary.textContent.trim() : "";
    if (text && status.textContent !== text) status.textContent = text;
  }).observe(results, { childList: true, subtree: true, characterData: true });
});
