using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using QuestionBank.Core.Documents;
using QuestionBank.Core.Rendering;
using QuestionBank.Core.Search;
using QuestionBank.Data;
using QuestionBank.Data.Importing;
using QuestionBank.Data.Queries;
using QuestionBank.Data.Search;
using QuestionBank.Web.Accounts;
using QuestionBank.Web.Admin;
using QuestionBank.Web.Database;
using QuestionBank.Web.Me;
using QuestionBank.Web.Operations;
using QuestionBank.Web.Exports;
using QuestionBank.Web.Localization;
using QuestionBank.ServiceDefaults;
using QuestionBank.Web.Reviews;
using QuestionBank.Web.Runs;
using QuestionBank.Web.Search;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace QuestionBank.Web.Extensions;

public static class Extensions
{
    /// <summary>
    /// The request body limit of every endpoint but the imports (ImportLimitsOptions.MaxRequestBytes):
    /// the largest other request, a run's source, is 64 KB.
    /// </summary>
    public const int MaxRequestBytes = 1024 * 1024;

    private const string DefaultUrl = "http://localhost:5080";

    public static async Task AddQuestionBankAsync(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBytes);

        var services = builder.Services;
        services.AddOptions<QuestionBankOptions>().BindConfiguration(QuestionBankOptions.SectionName);

        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RemoteImageOptions>().BindConfiguration(RemoteImageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => MarkdownPipelineFactory.Create(sp.GetRequiredService<IOptions<RemoteImageOptions>>().Value.Hosts));
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<IMarkdownDocumentParser, MarkdownDocumentParser>();

        // First: it is the hosted service that stops last, after everything that uses the database.
        var database = await QuestionBankDatabase.AddAsync(builder);
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<IWordSegmenter, JiebaWordSegmenter>();
        services.AddSingleton<QueryAnalyzer>();
        services.AddSingleton<SearchCatalog>();
        services.AddHostedService<SearchCatalogRefresher>();
        services.AddScoped<QuestionQueries>();
        services.AddScoped<SearchQueries>();
        services.AddScoped<DocumentImporter>();

        // Validation names fields as C# does (Page, Device); clients sent page and device. The exercise panel shows a
        // refusal's title and messages to the learner, so those the resources know are in the request's language.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var problem = context.ProblemDetails;
            problem.Title = Translated(text, problem.Title);
            problem.Detail = Translated(text, problem.Detail);
            if (problem is HttpValidationProblemDetails validation)
            {
                validation.Errors = validation.Errors.ToDictionary(
                    error => string.Join('.', error.Key.Split('.').Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)),
                    error => error.Value.Select(message => Translated(text, message)!).ToArray());
            }
        });
        // Endpoints' [AsParameters] queries and bodies carry their rules as attributes (or
        // IValidatableObject); a request that breaks one gets a 400 ValidationProblem.
        services.AddValidation();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddHealthChecks().AddDbContextCheck<QuestionBankDbContext>(tags: ["ready"]);
        // Chinese text is written as is instead of as &#x...; entities: smaller, readable pages.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.AddQuestionBankLocalization();
        services.AddRazorPages().AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.AddAccounts();
        builder.AddAdmin();
        builder.AddReviews();
        builder.AddMe();
        builder.AddExports();
        builder.AddRuns(runWorkerByDefault: database.IsEmbedded);
        builder.AddOperations();
        builder.AddQuestionBankTelemetry()
            .WithMetrics(metrics => metrics.AddPrometheusExporter())
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
    }

    // A text the resources hold in the request's language; anything else (an already translated or interpolated text) as it is.
    private static string? Translated(IStringLocalizer text, string? value) =>
        value is not null && text[value] is { ResourceNotFound: false } found ? found.Value : value;

    public static void UseQuestionBankPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // Scripts, styles and images need no language and no sign-in.
        app.UseStaticFiles();
        // Before the error pages, so they speak the visitor's language too.
        app.UseRequestLocalization();
        // API clients get ProblemDetails for errors and bare status codes; people get the error page.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            api =>
            {
                api.UseExceptionHandler();
                api.UseStatusCodePages();
            });
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            pages =>
            {
                if (!app.Environment.IsDevelopment())
                {
                    pages.UseExceptionHandler("/Error");
                }

                pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
            });
        app.UseRouting();
        app.UseAccounts();
    }

    /// <summary>What operators and API clients read: metrics, health checks and the API's description.</summary>
    public static void MapServiceEndpoints(this WebApplication app)
    {
        // The API's description, /openapi/v1.json; the README's API tables name the same routes.
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }
}
