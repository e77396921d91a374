namespace QuestionBank.Web.Tests.Infrastructure;

/// <summary>Searches as a reader does: the search page, or the search API to find a question.</summary>
public static class QuestionSearch
{
    /// <summary>The search page for <paramref name="query"/>, with optional further parameters (<c>&amp;kind=Coding</c>).</summary>
    public static Task<string> SearchPageAsync(this HttpClient client, string query, string parameters = "") =>
        client.GetStringAsync($"/search?q={Uri.EscapeDataString(query)}{parameters}");

    /// <summary>The slug of the question the search API ranks first for <paramref name="query"/>.</summary>
    public static async Task<string> FirstSlugAsync(this HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(query)))
            .GetProperty("items")[0].GetProperty("slug").GetString()!;
}
