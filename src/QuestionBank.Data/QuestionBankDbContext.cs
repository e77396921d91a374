using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data;

public sealed class QuestionBankDbContext(DbContextOptions<QuestionBankDbContext> options) : DbContext(options)
{
    public DbSet<Document> Documents => Set<Document>();

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Question> Questions => Set<Question>();

    public DbSet<QuestionPartEntity> QuestionParts => Set<QuestionPartEntity>();

    public DbSet<CodeBlock> CodeBlocks => Set<CodeBlock>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<ExerciseRun> Runs => Set<ExerciseRun>();

    public DbSet<RunEvent> RunEvents => Set<RunEvent>();

    public DbSet<SandboxWorkerRecord> SandboxWorkers => Set<SandboxWorkerRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(QuestionBankDbContext).Assembly);
}
