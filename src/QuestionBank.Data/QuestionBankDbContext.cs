using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data;

/// <summary>
/// The bank's database. It also holds ASP.NET Core's data-protection key ring, so every web
/// replica signs and reads the same cookies and tokens.
/// </summary>
public sealed class QuestionBankDbContext(DbContextOptions<QuestionBankDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Document> Documents => Set<Document>();

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Question> Questions => Set<Question>();

    public DbSet<QuestionPartEntity> QuestionParts => Set<QuestionPartEntity>();

    public DbSet<CodeBlock> CodeBlocks => Set<CodeBlock>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ReviewCard> ReviewCards => Set<ReviewCard>();

    public DbSet<ReviewLogEntry> ReviewLog => Set<ReviewLogEntry>();

    public DbSet<LearnerSettings> LearnerSettings => Set<LearnerSettings>();

    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<StoredImage> Images => Set<StoredImage>();

    public DbSet<DocumentImage> DocumentImages => Set<DocumentImage>();

    public DbSet<GlossarySource> Glossaries => Set<GlossarySource>();

    public DbSet<SearchWord> SearchWords => Set<SearchWord>();

    public DbSet<ExerciseRun> Runs => Set<ExerciseRun>();

    public DbSet<RunEvent> RunEvents => Set<RunEvent>();

    public DbSet<SandboxWorkerRecord> SandboxWorkers => Set<SandboxWorkerRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(QuestionBankDbContext).Assembly);
}
