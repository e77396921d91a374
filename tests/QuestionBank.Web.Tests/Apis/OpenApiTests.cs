using System.Text.RegularExpressions;

namespace QuestionBank.Web.Tests.Apis;

public sealed partial class OpenApiTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task TheOpenApiDocumentAndTheApiGuidesTablesNameTheSameRoutes()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Where(route => route.Contains(" /api/", StringComparison.Ordinal))
            .Order();

        var guide = File.ReadAllLines(Path.Combine(QuestionBankApp.RepoRoot, "docs", "api.md"));
        var documented = guide.Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split(" | ")[0])
            .SelectMany(cell => DocumentedRoute().Matches(cell).Select(match => $"{match.Groups[1].Value} {match.Groups[2].Value}"))
            .Distinct()
            .Order();

        Assert.Contains("POST /api/runs", described);
        Assert.Equal(documented, described);
    }

    /// <summary>A route in a table's first cell of docs/api.md: `GET /api/runs/{id}`, with any query string left out.</summary>
    [GeneratedRegex(@"`(GET|POST|PUT|PATCH|DELETE) (/api/[^\s`?]*)")]
    private static partial Regex DocumentedRoute();
}
