using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QuestionBank.Core.Learning;
using QuestionBank.Data.Reviews;
using QuestionBank.Web.Accounts;

namespace QuestionBank.Web.Reviews;

public static class ReviewsExtensions
{
    /// <summary>Spaced repetition: one FSRS scheduler for the app (it keeps no state; fuzz off) and the per-learner card store.</summary>
    public static void AddReviews(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.SectionName)
            .Validate(o => o.NewCardsPerDay >= 0 && o.DesiredRetention is > 0 and < 1, "NewCardsPerDay must be 0 or more and DesiredRetention between 0 and 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => new FsrsScheduler(new FsrsOptions { DesiredRetention = sp.GetRequiredService<IOptions<ReviewOptions>>().Value.DesiredRetention }));
        services.AddScoped<ReviewStore>();
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizePage("/Review", AccountsExtensions.LearnerPolicy));
    }
}
