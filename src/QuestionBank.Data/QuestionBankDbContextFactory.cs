using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace QuestionBank.Data;

/// <summary>Lets <c>dotnet ef</c> build the model for migrations without starting the web app.</summary>
internal sealed class QuestionBankDbContextFactory : IDesignTimeDbContextFactory<QuestionBankDbContext>
{
    public QuestionBankDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<QuestionBankDbContext>();
        builder.UseQuestionBankDatabase("Host=localhost;Database=questionbank");
        return new QuestionBankDbContext(builder.Options);
    }
}
