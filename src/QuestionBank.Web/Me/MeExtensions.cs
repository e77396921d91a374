using Microsoft.AspNetCore.Mvc.RazorPages;
using QuestionBank.Data.Learners;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Me;

public static class MeExtensions
{
    /// <summary>What is the learner's own: settings, progress, bookmarks and notes; the /me pages are for signed-in learners only.</summary>
    public static void AddMe(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<LearnerSettingsStore>();
        services.AddScoped<BookmarkStore>();
        services.AddScoped<NoteStore>();
        services.AddScoped<ProgressQueries>();
        services.AddScoped<LearnerProgress>();
        services.AddScoped<QuestionLearnerTools>();
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Me", AccountsExtensions.LearnerPolicy));
    }
}
