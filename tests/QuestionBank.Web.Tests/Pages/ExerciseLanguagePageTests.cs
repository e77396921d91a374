using System.Text.RegularExpressions;
using QuestionBank.Exercises.Catalog;

namespace QuestionBank.Web.Tests.Pages;

/// <summary>What a question page says about the languages of its exercise and of its recent runs.</summary>
public sealed partial class ExerciseLanguagePageTests(SeededApp app) : SharedAppTestBase(app)
{
    [Fact]
    public async Task EveryExercisesQuestionPageOffersCSharpAndPython()
    {
        foreach (var exercise in ExerciseCatalog.All)
        {
            var page = await Client.GetStringAsync($"/questions/{await ExerciseQuestions.SlugAsync(Client, exercise.Id)}");

            Assert.Equal(["csharp", "python"], LanguageOptions().Matches(LanguageSelect().Match(page).Value).Select(match => match.Groups["value"].Value));
        }
    }

    [Fact]
    public async Task RecentRunsNameEachRunsLanguage()
    {
        var slug = await ExerciseQuestions.SlugAsync(Client, "cnn");
        var csharpRun = await SubmitAsync(slug, "csharp");
        var pythonRun = await SubmitAsync(slug, "python");

        var html = await Client.GetStringAsync($"/questions/{slug}");

        Assert.Equal("C# (TorchSharp)", LanguageOfRow(html, csharpRun));
        Assert.Equal("Python (PyTorch)", LanguageOfRow(html, pythonRun));
    }

    private async Task<Guid> SubmitAsync(string slug, string language)
    {
        var response = await Client.PostAsJsonAsync("/api/runs", new { questionSlug = slug, exercise = "cnn", language });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string LanguageOfRow(string html, Guid run)
    {
        var row = Regex.Match(html, $"<tr>\\s*<td><a href=\"/runs/{run}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"Recent runs have no row for {run}.");
        return WebUtility.HtmlDecode(LanguageCell().Match(row.Value).Groups["language"].Value);
    }

    [GeneratedRegex("<select data-role=\"editor-language\">.*?</select>", RegexOptions.Singleline)]
    private static partial Regex LanguageSelect();

    [GeneratedRegex("<option value=\"(?<value>[^\"]+)\"")]
    private static partial Regex LanguageOptions();

    [GeneratedRegex("<td data-role=\"language\">(?<language>[^<]*)</td>")]
    private static partial Regex LanguageCell();
}
