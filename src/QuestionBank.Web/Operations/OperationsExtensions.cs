using QuestionBank.Data.Importing;
using QuestionBank.Data.Runs;

namespace QuestionBank.Web.Operations;

public static class OperationsExtensions
{
    /// <summary>What keeps the site's data safe and its size in bounds: scheduled backups and retention.</summary>
    public static void AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.SectionName);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName);
        services.AddScoped<RunRetention>();
        services.AddScoped<ImportRetention>();
        services.AddHostedService<ScheduledBackups>();
        services.AddHostedService<RetentionService>();
    }
}
