using Microsoft.Playwright;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>
/// axe-core (npm, a devDependency of the ClientApp, never served) in a test's pages: added as an init
/// script, which the DevTools protocol runs outside the page's Content-Security-Policy.
/// </summary>
public static class Axe
{
    private static readonly string ScriptPath = Path.Combine(QuestionBankApp.RepoRoot, "src", "QuestionBank.Web", "ClientApp", "node_modules", "axe-core", "axe.min.js");

    /// <summary>WCAG 2.0 and 2.1, levels A and AA.</summary>
    private const string Run = """
        async () => (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }))
          .violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` + v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`).join(" | "))
        """;

    /// <summary>Loads axe into every page <paramref name="page"/> opens from now on.</summary>
    public static Task AddToAsync(IPage page) => page.AddInitScriptAsync(scriptPath: ScriptPath);

    /// <summary>What axe finds against WCAG 2 A and AA on the page as it is now.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>(Run);
}
