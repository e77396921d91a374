namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Finds the first seed question that offers an exercise, by the exercise the API says it has.</summary>
public static class ExerciseQuestions
{
    public static async Task<string> SlugAsync(HttpClient client, string exercise)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/questions?pageSize=100");
        return page.GetProperty("items").EnumerateArray()
            .First(question => question.GetProperty("exercise").GetString() == exercise)
            .GetProperty("slug").GetString()!;
    }
}
