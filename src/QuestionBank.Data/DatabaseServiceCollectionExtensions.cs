using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QuestionBank.Data.Notifications;

namespace QuestionBank.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>The bank's database under <c>ConnectionStrings</c>, for the web app and the workers alike.</summary>
    public const string ConnectionStringName = "QuestionBank";

    /// <summary>
    /// Registers the process's one <see cref="NpgsqlDataSource"/>, the pooled DbContext on it and the one
    /// LISTEN connection (<see cref="NotificationHub"/>): they share one connection pool. Call once per process.
    /// </summary>
    public static IServiceCollection AddQuestionBankDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(DbContextOptionsBuilderExtensions.WithPlannerDefaults(connectionString)));
        services.AddDbContextPool<QuestionBankDbContext>((provider, options) =>
            options.UseQuestionBankDatabase(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<NotificationHub>();
        return services;
    }
}
