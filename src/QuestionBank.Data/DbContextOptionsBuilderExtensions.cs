using Microsoft.EntityFrameworkCore;

namespace QuestionBank.Data;

public static class DbContextOptionsBuilderExtensions
{
    /// <summary>The one place the provider and naming are chosen, shared by the app and design-time tools.</summary>
    public static DbContextOptionsBuilder UseQuestionBankDatabase(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
}
