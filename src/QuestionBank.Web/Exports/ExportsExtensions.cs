using QuestionBank.Data.Exports;

namespace QuestionBank.Web.Exports;

public static class ExportsExtensions
{
    /// <summary>A learner's exports (JSON, CSV) and Anki decks.</summary>
    public static void AddExports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ExportQueries>();
        builder.Services.AddSingleton<AnkiDeckWriter>();
    }
}
