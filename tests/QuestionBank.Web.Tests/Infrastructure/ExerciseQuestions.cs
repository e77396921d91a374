using System.Net.Http.Json;
using System.Text.Json;
using QuestionBank.Exercises;

namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Finds the seed's coding question that links to an exercise.</summary>
public static class ExerciseQuestions
{
    public static async Task<string> SlugAsync(HttpClient client, string exercise)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/questions?kind=coding&pageSize=100");
        return page.GetProperty("items").EnumerateArray()
            .First(question => ExerciseCatalog.ForQuestionTitle(question.GetProperty("title").GetString()!)?.Id == exercise)
            .GetProperty("slug").GetString()!;
    }
}
