using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace QuestionBank.Data;

public static class DbContextOptionsBuilderExtensions
{
    /// <summary>The one place the provider and naming are chosen, for design-time tools, tests and benchmarks.</summary>
    public static DbContextOptionsBuilder UseQuestionBankDatabase(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(WithPlannerDefaults(connectionString)).UseSnakeCaseNamingConvention();

    /// <summary>The same choice on a process's shared data source (see <see cref="DatabaseServiceCollectionExtensions"/>).</summary>
    public static DbContextOptionsBuilder UseQuestionBankDatabase(this DbContextOptionsBuilder builder, NpgsqlDataSource dataSource) =>
        builder.UseNpgsql(dataSource).UseSnakeCaseNamingConvention();

    /// <summary>
    /// The planner does not count the cost of detoasting large search vectors, so with the default
    /// random_page_cost it prefers a sequential scan that unpacks every row over the GIN index
    /// (65 ms against 17 ms for a two-term query on 20,000 questions). An SSD-like cost fixes the
    /// choice; a connection string that sets its own Options keeps them.
    /// Pages repeat the same few statements, whose planning cost more than running them (2 ms
    /// against 1 ms for a question's row on 100,000 questions): Npgsql prepares those it sees
    /// twice, unless the connection string chooses otherwise.
    /// </summary>
    internal static string WithPlannerDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c random_page_cost=1.1";
        }

        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
